"""Chinese and English labels from ``data/glossary.csv`` (key, zh, en, note).

Labels, titles, axis names and table headers follow the notebook's ``lang``.
A missing key is an error that names it, never a silent fallback. Every label
has both languages.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pandas as pd

from . import datapackage, paths
from .files import fault, read_csv_text

LANGS = ("zh", "en")
SCHEMA = datapackage.schema("glossary")


class Glossary:
    """Look up a label by key in one language; ``fill`` formats placeholders."""

    def __init__(self, table: pd.DataFrame, lang: str, source: str = "data/glossary.csv"):
        if lang not in LANGS:
            raise ValueError(f"Unknown language {lang!r}: allowed are 'zh' or 'en'.")
        self.lang = lang
        self.source = source
        self.table = table.set_index("key")

    def __call__(self, key: str, **fill: object) -> str:
        try:
            text = self.table.at[key, self.lang]
        except KeyError:
            raise KeyError(f"{self.source} has no key {key!r}") from None
        return text.format(**fill) if fill else text

    def has(self, key: str) -> bool:
        """Whether the glossary has ``key``."""
        return key in self.table.index

    def get(self, key: str, default: str) -> str:
        """The label of ``key``, or ``default`` where the glossary has none (a name shown as written)."""
        return self(key) if self.has(key) else default


_READ: dict[tuple[str, int, int], pd.DataFrame] = {}


def _checked_glossary(path: Path) -> pd.DataFrame:
    table = read_csv_text(path)
    for column in ("key", "zh", "en"):
        if column not in table.columns:
            raise fault(path, 1, column, "required column is missing.")
    datapackage.check_rows(table, SCHEMA, partial(fault, path))
    return table


def read_glossary(path: Path) -> pd.DataFrame:
    """One glossary file, checked for missing columns, duplicate keys and empty entries.

    A file is read and checked once per process while its size and modification time stay the same
    (a site build asks for each language's words several times); each caller gets its own copy.
    """
    if not path.is_file():
        return _checked_glossary(path)  # the reader's fault names the missing file
    stat = path.stat()
    stamp = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if stamp not in _READ:
        _READ[stamp] = _checked_glossary(path)
    return _READ[stamp].copy()


def load_glossary(lang: str, data_dir: str | Path = "") -> Glossary:
    """The project's glossary, with the data folder's own entries (a case's words) over it when the
    folder is another one and has a ``glossary.csv``: a case keeps only the words it changes or adds."""
    path = paths.DATA / "glossary.csv"
    table = read_glossary(path)
    own = paths.data_dir(data_dir) / "glossary.csv"
    if own.resolve() != path.resolve() and own.is_file():
        extra = read_glossary(own)
        table = pd.concat([table[~table["key"].isin(extra["key"])], extra], ignore_index=True)
        path = own
    return Glossary(table, lang, paths.relative_to_root(path))


CHINESE = re.compile(r"[“「《（]?[\u3400-\u9fff][\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”《》\d.%]*[”」》）]?")


def mark_chinese(escaped: str) -> str:
    """Escaped English text with every run of Chinese in it marked ``lang="zh-CN"`` (a quoted term or name)."""
    return CHINESE.sub(lambda m: f'<span lang="zh-CN">{m.group()}</span>', escaped)
