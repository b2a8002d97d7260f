"""How to cite the package: ``CITATION.cff`` at the project's top level is the one source.

The file follows the Citation File Format 1.2.0 (its schema is checked by the
tests); the site's footer turns it into a BibTeX entry with the commit the
site was built from. Ground floor: read by the publishing wing.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import paths

CITATION_FILE = paths.ROOT / "CITATION.cff"
_BIBTEX_SPECIAL = re.compile(r"([{}%&#$_\\])")


def read_citation(path: Path = CITATION_FILE) -> dict:
    """The citation metadata as a dict; empty when the file is absent (an installed copy without the
    repository)."""
    if not path.is_file():
        return {}
    found = yaml.safe_load(path.read_text(encoding="utf-8"))
    return found if isinstance(found, dict) else {}


def _braced(text: str) -> str:
    """A BibTeX field value: braces, percent signs and the like escaped."""
    return "{" + _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(str(text).split())) + "}"


def authors(cff: dict) -> str:
    """The authors as BibTeX wants them: entities in double braces (never split into first and last names),
    persons as 'Family, Given', joined by ' and '."""
    names = []
    for person in cff.get("authors", []):
        if "name" in person:
            names.append("{" + _braced(person["name"]) + "}")
        else:
            names.append(_braced(f"{person.get('family-names', '')}, {person.get('given-names', '')}".strip(", ")))
    return " and ".join(names)


def bibtex(cff: dict, key: str, date: str, note: str) -> str:
    """A ``@software`` entry from ``cff``: ``key`` names it, ``date`` (YYYY-MM-DD, the commit's) gives the
    year, ``note`` is the worded commit (from the glossary). Empty when ``cff`` is empty."""
    if not cff:
        return ""
    licences = cff.get("license", [])
    fields = [("author", authors(cff)), ("title", _braced(cff.get("title", ""))),
              ("version", _braced(cff.get("version", "")))]
    if re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        fields += [("year", _braced(date[:4])), ("date", _braced(date))]
    if cff.get("repository-code"):
        fields.append(("url", _braced(cff["repository-code"])))
    fields += [("note", _braced(note)),
               ("license", _braced(", ".join([licences] if isinstance(licences, str) else licences)))]
    return _entry("software", f"{key} {cff.get('version', '')}", fields)


def case_bibtex(case: str, title: str, publication: str, date: str, note: str) -> str:
    """A ``@misc`` entry for a case's site: its own article (``title``, ``publication``), never this package;
    ``date`` (YYYY-MM-DD, the commit's) gives the year, ``note`` names the case and the commit."""
    fields = [("title", _braced(title))]
    if publication:
        fields.append(("howpublished", _braced(publication)))
    if re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        fields += [("year", _braced(date[:4])), ("date", _braced(date))]
    fields.append(("note", _braced(note)))
    return _entry("misc", f"case {case}", fields)


def _entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """A BibTeX entry of ``kind`` whose key is ``key`` made ASCII, with its fields aligned."""
    slug = re.sub(r"\W+", "_", key, flags=re.ASCII).strip("_") or kind
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {value}" for name, value in fields)
    return f"@{kind}{{{slug},\n{body}\n}}"


__all__ = ["CITATION_FILE", "authors", "bibtex", "case_bibtex", "read_citation"]
