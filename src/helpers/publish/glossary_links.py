"""The glossary page's terms, and links from a page's first use of each term to its definition.

A term is a glossary key ``term.<name>`` with a definition ``term.<name>.def``; ``term.<name>.also`` gives
other forms a page may use (``|`` between them). The glossary page (``<lang>/glossary.html``) lists every
defined term with an anchor ``term-<name>``; on each notebook page the first use of a term, in text a reader
sees (not inside a link, heading, code or the page's chrome), becomes a link to it: a plain link, so it
works on touch screens as on hover.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..i18n import Glossary

DEF, ALSO = ".def", ".also"
PAGE = "glossary.html"
# Elements whose text is never linked: links already there, headings, code, captions, the page's chrome
# (and any element marked hidden).
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "title", "summary", "button",
         "nav", "footer", "figcaption", "caption", "th", "svg", "textarea", "select"}
_VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "col", "embed", "track"}
_HIDDEN = re.compile(r"\shidden(?=[\s=/>])")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<!--.*?-->", re.S)


@dataclass(frozen=True)
class Term:
    """A defined term: its name (the anchor), its words, its definition, and the forms a page may use."""

    name: str
    words: str
    definition: str
    forms: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The glossary page's element id: ``term-above_scale``."""
        return f"term-{self.name}"


def terms(t: Glossary) -> list[Term]:
    """Every term with a definition, in glossary order."""
    found = []
    for key in t.table.index:
        if key.startswith("term.") and key.endswith(DEF):
            base = key[: -len(DEF)]
            words = t(base)
            also = t(base + ALSO).split("|") if t.has(base + ALSO) else []
            forms = sorted({f.strip() for f in [words, *also] if f.strip()}, key=len, reverse=True)
            found.append(Term(base[len("term."):], words, t(key), tuple(forms)))
    return found


def link_first_uses(page: str, found: list[Term], href: str = PAGE) -> str:
    """``page`` (HTML) with the first use of each term, inside ``<main>``, in text a reader sees, linked to
    its definition (``href#term-<name>``); everything else unchanged."""
    start = page.find("<main")
    end = page.rfind("</main>")
    if start < 0 or end < start:
        return page
    body = page[start:end]
    for term in found:
        body = _link_first(body, term, href)
    return page[:start] + body + page[end:]


def _link_first(body: str, term: Term, href: str) -> str:
    pattern = re.compile("|".join(re.escape(html.escape(f, quote=False)) for f in term.forms))
    skipped: list[str] = []
    cursor = 0
    for tag in _TAG.finditer(body):
        text = body[cursor:tag.start()]
        if not skipped and text:
            hit = pattern.search(text)
            if hit:
                at = cursor + hit.start()
                title = html.escape(term.definition)
                link = (f'<a class="term" href="{href}#{term.anchor}" title="{title}">{hit.group()}</a>')
                return body[:at] + link + body[at + len(hit.group()):]
        closing, name, self_closing = tag.group(1), (tag.group(2) or "").lower(), tag.group(3)
        hidden = not closing and _HIDDEN.search(tag.group())  # e.g. the search index's copy of the title
        if (name in _SKIP or hidden or name in skipped) and name and not self_closing and name not in _VOID:
            if closing:
                if name in skipped:
                    del skipped[len(skipped) - 1 - skipped[::-1].index(name)]
            else:
                skipped.append(name)
        cursor = tag.end()
    return body
