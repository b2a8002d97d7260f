"""The HTML of a numbered table or figure: caption, data link, alt text, language marks.

Notebooks show tables and figures as HTML built here, so that the page, the
site and JupyterLab all show the same thing: a number and a caption, a link
to the data behind it (CSV; the site serves it under ``data/``), the source
line (an external source as a link: ``Link`` pieces of a ``Linked`` text),
and for a figure its alt text and a link to the full-size image. A
column of article text on an English page carries ``lang="zh-CN"``; columns
for the code variant only (ids, internal names) carry ``code-only`` and are
hidden on readers' pages. Every text is escaped.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass

import pandas as pd

from .i18n import Glossary, mark_chinese
from .theme import PHONE_MEDIA

URL = re.compile(r"^https?://\S+$")
# A figure's number, currency and unit, and an ISO date, are never split across lines ("CNY 3.2 bn", "2025-05-23").
_FIGURE_WORDS = re.compile(r"(CNY) (\S+) (bn|m)\b|(\d) (pp|bn|m|years?|times|wins|person-times)\b")
_ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}(?:-\d{2})?(?![\d-])")


def keep_together(escaped: str) -> str:
    """Escaped text whose figures (number, currency, unit) and dates do not break across lines."""
    joined = _FIGURE_WORDS.sub(lambda m: "\u00a0".join(g for g in m.groups() if g is not None), escaped)
    return _ISO_DATE.sub(lambda m: f'<span style="white-space:nowrap">{m.group()}</span>', joined)


@dataclass(frozen=True)
class Link:
    """Words that link to an address on a page; ``title`` (shown on hover) names the source and its full address."""

    words: str
    href: str
    title: str = ""


class Linked(str):
    """Plain words (as a ``str``: what an image, a CSV file or a search index gets) that keep their ``pieces``,
    text and ``Link``s, so that a page shows the links (``text``, table cells)."""

    pieces: tuple[str | Link, ...]

    def __new__(cls, *pieces: str | Link) -> Linked:
        flat: list[str | Link] = []
        for piece in pieces:
            flat.extend(piece.pieces if isinstance(piece, Linked) else [piece])
        self = super().__new__(cls, "".join(p.words if isinstance(p, Link) else p for p in flat))
        self.pieces = tuple(flat)
        return self


def joined(separator: str, items: list[str]) -> Linked:
    """``separator.join(items)`` that keeps the links of ``Linked`` items."""
    return Linked(*[piece for i, item in enumerate(items) for piece in ([separator, item] if i else [item])])


_SLOT = re.compile("\ue000(\\d+)\ue001")  # a fill value's place in a sentence (private-use characters)


def filled(t: Glossary, key: str, **fill: object) -> Linked:
    """The glossary's sentence ``key`` filled with ``fill``, whose ``Linked`` values stay links."""
    values = list(fill.values())
    sentence = t(key, **{k: f"\ue000{i}\ue001" for i, k in enumerate(fill)})
    parts = _SLOT.split(sentence)
    return Linked(*(values[int(p)] if i % 2 else p for i, p in enumerate(parts)))


def link(piece: Link, page_lang: str) -> str:
    """One link: its words escaped (Chinese marked on a page not in Chinese), the title on hover."""
    title = f' title="{esc(piece.title)}"' if piece.title else ""
    return f'<a class="source-link" href="{esc(piece.href)}" rel="noopener"{title}>{text(piece.words, page_lang)}</a>'


def esc(text: object) -> str:
    """HTML-escaped text; empty for None and NaN."""
    return html.escape("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


@dataclass(frozen=True)
class Number:
    """A table's or figure's number and the words around it: '表 2.1' / 'Table 2.1'."""

    kind: str  # table, figure
    label: str  # 表, 图 / Table, Figure
    page: int
    index: int

    @property
    def text(self) -> str:
        """'表 2.1' / 'Table 2.1'."""
        return f"{self.label} {self.page}.{self.index}"

    @property
    def anchor(self) -> str:
        """The element id a contents list links to: ``table-2-1``, ``figure-2-1``."""
        return f"{self.kind}-{self.page}-{self.index}"


def cell(value: object, column: str, zh_columns: tuple[str, ...], page_lang: str,
         code_columns: tuple[str, ...] = ()) -> str:
    """One cell: escaped, a web address as a link. On a page not in Chinese, article text
    (``zh_columns``) is marked Chinese, and so is every run of Chinese inside other text; on a Chinese
    page, ids and curators' notes (``code_columns``, written in English) are marked English."""
    if isinstance(value, Linked) and column not in code_columns:
        return text(value, page_lang)
    escaped = esc(value)
    if URL.match(str(value)):  # the link shows its site, so that a long address does not take the table's width
        site = str(value).split("/")[2]
        shown = site + ("/…" if len(str(value)) > len(site) + 9 else "")
        return f'<a href="{escaped}" rel="noopener" title="{escaped}">{esc(shown)}</a>'
    if not escaped:
        return escaped
    if column in code_columns:  # ids break after an underscore, never inside a word
        escaped = escaped.replace("_", "_<wbr>")
    else:
        escaped = keep_together(escaped)
    if page_lang != "zh":
        return f'<span lang="zh-CN">{escaped}</span>' if column in zh_columns else mark_chinese(escaped)
    return f'<span lang="en">{mark_chinese(escaped)}</span>' if column in code_columns else escaped


# Inline styles, so that a table reads the same in JupyterLab (whose own table style is right-aligned and
# fixed-width) as on the site: text left, widths from the content, key columns never squeezed, ids small.
TABLE_STYLE = "table-layout:auto;margin-left:0"
CELL_STYLE = "text-align:left;vertical-align:top"
KEY_STYLE = ";min-width:8.5em"  # 无法仅凭文章核查 on one line
CODE_STYLE = ";font-size:85%;min-width:9em;max-width:16em"
# Marked cells (a verdict): dark text on a light tint with a strong left border, so the text keeps a contrast
# above 12:1 and the border tells the marks apart where the tint is hard to see; the label is always written.
MARK_STYLES = {
    "consistent": ";background:#e4f2e7;border-left:4px solid #2e7d32;color:#1a1a1a;",
    "inconsistent": ";background:#fbe3e1;border-left:4px solid #b3261e;color:#1a1a1a;",
    "not_checkable": ";background:#eeeeee;border-left:4px dashed #5f5f5f;color:#1a1a1a;",
    "bookkeeping": ";background:#e3edf8;border-left:4px dotted #1f5f8b;color:#1a1a1a;",
}


def name_anchor(name: str) -> str:
    """An empty element whose id is a table's or figure's name (``02_chain_share``): what a finding links to,
    written before the figure is numbered (the number anchors the contents)."""
    return f'<span class="name-anchor" id="{esc(name)}"></span>' if name else ""


def table(frame: pd.DataFrame, headers: list[str], *, number: Number | None, caption: str, data_href: str,
          data_label: str, source: str, page_lang: str, zh_columns: tuple[str, ...] = (),
          code_columns: tuple[str, ...] = (), key_columns: tuple[str, ...] = (),
          marks: dict[str, list[str]] | None = None, name: str = "", fold: str = "") -> str:
    """A data table: numbered caption with its data link, one header per column, the source line; ``name``
    (the table's file name) anchors a link to it from the page's findings (``name_anchor``).

    ``marks`` colours one column's cells by a value per row (``{"verdict": ["consistent", …]}``):
    each cell gets the class ``mark mark-<value>`` and, for JupyterLab, the colours of ``MARK_STYLES``.
    ``fold`` (a summary such as 'Show all 90 rows') folds a long table into a ``<details>`` under its
    numbered caption and data link, which stay in view; print shows it open (site.css)."""
    classes = {c: " ".join(filter(None, ["code-only" if c in code_columns else "",
                                         "key" if c in key_columns else ""])) for c in frame.columns}

    def attrs(column: str, header: str, mark: str = "") -> str:
        names = " ".join(filter(None, [classes[column], f"mark mark-{mark}" if mark else ""]))
        extra = f' class="{names}"' if names else ""
        ignore = " data-pagefind-ignore" if column in code_columns else ""
        style = CELL_STYLE + (CODE_STYLE if column in code_columns else KEY_STYLE if column in key_columns else "")
        return f'{extra}{ignore} style="{style}{MARK_STYLES.get(mark, "")}" data-label="{esc(header)}"'

    head = "".join(f"<th scope=\"col\"{attrs(c, h)}>{esc(h)}</th>" for c, h in zip(frame.columns, headers))
    marks = marks or {}
    rows = []
    for i, (_, row) in enumerate(frame.iterrows()):
        cells = "".join(f"<td{attrs(c, h, marks[c][i] if c in marks else '')}>"
                        f"{cell(row[c], c, zh_columns, page_lang, code_columns)}</td>"
                        for c, h in zip(frame.columns, headers))
        rows.append(f"<tr>{cells}</tr>")
    numbered = f'<span class="number">{esc(number.text)}</span> ' if number else ""
    link = f' <a class="data-link" href="{esc(data_href)}">{esc(data_label)}</a>' if data_href else ""
    anchor = f' id="{number.anchor}"' if number else ""
    label = f' aria-label="{esc(caption)}"' if caption else ""
    title = f"{numbered}{esc(caption)}{link}" if numbered or caption or link else ""
    body = (f'<div class="table-wrap" role="region" tabindex="0"{label}><table class="data-table" style="{TABLE_STYLE}">'
            + (f"<caption>{title}</caption>" if title and not fold else "")
            + f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    if fold:
        body = (f'<p class="table-title">{title}</p>' if title else "") + \
            f'<details class="table-fold" data-pagefind-ignore><summary>{esc(fold)}</summary>{body}</details>'
    return (f'<div class="table-block"{anchor}>{name_anchor(name)}{body}'
            + (f'<p class="source-line">{text(source, page_lang)}</p>' if source else "") + "</div>")


def legend(title: str, items: list[tuple[str, str, str]], page_lang: str, *, prefix: str = "mark mark-",
           tag: str = "span") -> str:
    """A visible legend: for each (value, label, definition) the label in its colours (class ``prefix+value``,
    inline colours from ``MARK_STYLES`` where it has them), then its definition if any. Colour is never the
    only sign: the label is written out."""
    def swatch(value: str, label: str) -> str:
        return (f'<{tag} class="{esc(prefix + value)}" style="{MARK_STYLES.get(value, "")}padding:0.1em 0.45em">'
                f"{text(label, page_lang)}</{tag}>")

    heading = f'<p class="legend-title"><strong>{text(title, page_lang)}</strong></p>'
    if not any(definition for _, _, definition in items):
        return (f'<div class="legend" role="note">{heading}<ul class="legend-inline">'
                + "".join(f"<li>{swatch(v, label)}</li>" for v, label, _ in items) + "</ul></div>")
    rows = "".join(f"<dt>{swatch(v, label)}</dt><dd>{text(definition, page_lang)}</dd>" for v, label, definition in items)
    return f'<div class="legend" role="note">{heading}<dl class="legend-items">{rows}</dl></div>'


def text(words: str, page_lang: str) -> str:
    """Escaped text for a page: on a page not in Chinese, the Chinese inside it marked as such; the ``Link``s
    of a ``Linked`` text as links."""
    if isinstance(words, Linked):
        return "".join(link(p, page_lang) if isinstance(p, Link) else text(p, page_lang) for p in words.pieces)
    escaped = keep_together(esc(words))
    return escaped if page_lang == "zh" else mark_chinese(escaped)


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def figure(png: bytes, *, number: Number | None, caption: str, alt: str, full_href: str, full_label: str,
           data_href: str, data_label: str, source: str, page_lang: str, name: str = "",
           phone_png: bytes | None = None, note: str = "") -> str:
    """A figure: the image (linked to its full-size file), a numbered caption (and a ``note`` after it, such
    as what the title assumes), links to its data, the source. ``phone_png``, the chart drawn for narrow
    screens, is what a screen of ``theme.PHONE_MEDIA`` shows; ``name`` (the figure's file name) anchors a
    link to it from the page's findings."""
    image = f'<img src="{_data_url(png)}" alt="{esc(alt)}">'
    if phone_png:
        image = f'<picture><source media="{PHONE_MEDIA}" srcset="{_data_url(phone_png)}">{image}</picture>'
    numbered = f'<span class="number">{esc(number.text)}</span> ' if number else ""
    links = " · ".join(f'<a class="data-link" href="{esc(h)}">{esc(label)}</a>'
                       for h, label in ((full_href, full_label), (data_href, data_label)) if h)
    anchor = f' id="{number.anchor}"' if number else ""
    return (f'<figure class="chart"{anchor}>{name_anchor(name)}<a class="full-size" href="{esc(full_href)}">'
            f'{image}</a><figcaption>{numbered}{esc(caption)}'
            + (f' <span class="caption-note">{text(note, page_lang)}</span>' if note else "")
            + (f" <span class=\"links\">{links}</span>" if links else "") + "</figcaption>"
            + (f'<p class="source-line">{text(source, page_lang)}</p>' if source else "") + "</figure>")
