"""The article's metadata: ``<data>/raw/article_meta.csv`` (field, value, note).

Fields: ``title`` (the headline as printed), ``title_en`` (its English
rendering, for English pages), ``publication`` (newspaper and
date, when known), ``reference_date`` (the date 去年, 今年 and 目前 resolve
against, YYYY-MM-DD; empty until set), the place the article is about:
``place_id`` (the id its context rows and files carry, ``context/<place_id>.csv``),
``place`` (its Chinese name, as external lists name it) and ``place_en``
(its English name), and ``source``, ``source_en`` (what the text is, e.g. a
newspaper page's OCR: pages say so in the footer and source lines; when empty
they say "the article's text"). Ground floor: the analysis wing reads the
reference date and the place, the site reads the title and the date. No place
is named in the code: every label and comparison of the article's place comes
from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import datapackage
from .files import fault, read_csv_text
from .periods import Reference

META_FILE = "article_meta.csv"
SCHEMA = datapackage.schema("article_meta")


def read_meta(data_folder: Path) -> dict[str, str]:
    """The metadata as a dict; empty when the file is absent. Faults name file, line and column."""
    path = Path(data_folder) / "raw" / META_FILE
    if not path.is_file():
        return {}
    table = read_csv_text(path)
    for column in ("field", "value"):
        if column not in table.columns:
            raise fault(path, 1, column, "required column is missing (required: field, value, note).")
    datapackage.check_rows(table, SCHEMA, partial(fault, path))  # fields: registry.META_FIELDS, each once
    meta = {row["field"]: row["value"].strip() for _, row in table.iterrows()}
    if meta.get("reference_date"):
        try:
            Reference.parse(meta["reference_date"])
        except ValueError:
            line = int(table.index[table["field"] == "reference_date"][0]) + 2
            raise fault(path, line, "value", f"{meta['reference_date']!r} is not a date YYYY-MM-DD.") from None
    return meta


def article_reference(data_folder: Path) -> Reference | None:
    """The date the article's relative times resolve against (None when not set)."""
    text = read_meta(data_folder).get("reference_date", "")
    return Reference.parse(text) if text else None


@dataclass(frozen=True)
class Place:
    """The place an article is about: its id in the context data, its names in Chinese and English."""

    id: str
    zh: str
    en: str

    def name(self, lang: str) -> str:
        """The place's name in ``lang`` (the Chinese name where no English one is given)."""
        return (self.en if lang == "en" else "") or self.zh


def place_of(meta: dict[str, str]) -> Place:
    """The article's place from its metadata (empty fields when not given)."""
    return Place(meta.get("place_id", ""), meta.get("place", ""), meta.get("place_en", ""))


def title_in(meta: dict[str, str], lang: str) -> str:
    """The article's title in ``lang``: ``title_en`` in English when given, else the printed headline."""
    return (meta.get("title_en") if lang == "en" else None) or meta.get("title", "")


def source_in(meta: dict[str, str], lang: str) -> str:
    """What the text is, in ``lang`` (``source_en`` in English, ``source`` in Chinese); '' when not given."""
    return meta.get("source_en" if lang == "en" else "source", "")
