"""Cases side by side: what several articles of the genre claim, read from their case folders.

Each case is read from its data folder (``cases/NAME/``: the curated ledger
``indicators.csv`` and ``raw/article_meta.csv``) and, for the audit, from the
exports of its last published run (``build/cases/NAME/<lang>/audit.csv``);
a case never run has no verdicts yet, and says so. Nothing is recomputed
here: the ledger as curated is what is compared.

The same measure. Two rows claim the same indicator when they have the same
*measure key* and the same unit. The measure key is ``metric_zh`` made
comparable: Unicode NFKC, traditional characters read as simplified, spaces
and punctuation removed, and the words that only say whose figure it is or
that it is a running total dropped from its start (the place's own name,
全市/全县/全区/我市/本县…, then 累计/共, then 创建/培育/建成/拥有). So
全县累计创建省级绿色工厂 (a draft) and 省级绿色工厂 (curated elsewhere) are one
measure; 省级绿色工厂 and 国家级绿色工厂 are two. Only figures are compared
(kinds ``quantity`` and ``streak``); rows that sum up others (``summary_of``)
are not counted again.

The same period. Figures of one measure are compared only when their periods
are the same; ``publication`` (as of publication) is the article's reference
date, so two articles published on different days do not share it. A place
whose period differs is listed with its figure and flagged, never set against
the others.

Columns of either generation of the ledger are read: ``rank`` or
``province_rank`` (a ``province_rank`` without a scope is a provincial rank),
``curation`` or ``status`` (draft / checked; none means curated), and the kind
``standing`` or its older name ``status``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from . import datapackage, paths, registry
from .files import DataError, read_csv_text
from .meta import read_meta
from .script import reading

COMPARED_KINDS = registry.VALUE_KINDS  # figures: quantities and streaks
VERDICTS = registry.VERDICTS  # every verdict the audit gives, bookkeeping included
DRAFT, CHECKED = registry.CURATIONS
_PUNCTUATION = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】、，,：:；;·。.\-—_/]")
_PLACE_WORDS = re.compile(r"^(?:全市|全县|全区|我市|我县|我区|本市|本县|本区|该市|该县|该区)")
_TOTAL_WORDS = re.compile(r"^(?:累计|共|总共)?(?:创建|培育|建成|拥有)?")


class CompareError(ValueError):
    """A case that cannot be compared; the message says why and what to do."""


def simplified(text: str) -> str:
    """``text`` in NFKC with traditional characters read as simplified (``script.reading``)."""
    return reading(unicodedata.normalize("NFKC", text))


def measure_key(metric_zh: str, place: str = "") -> str:
    """What a figure counts, made comparable across articles (the rule in the module's docstring)."""
    text = _PUNCTUATION.sub("", simplified(metric_zh))
    own = simplified(place).removesuffix("市").removesuffix("县").removesuffix("区")
    if own and text.startswith(own):
        text = re.sub(r"^[市县区]", "", text[len(own):])
    text = _PLACE_WORDS.sub("", text)
    return _TOTAL_WORDS.sub("", text) or _PUNCTUATION.sub("", simplified(metric_zh))


def period_key(period: str, reference: str) -> str:
    """The period a figure refers to, for comparing: ``publication`` is the article's reference date."""
    return f"publication@{reference or '?'}" if period == "publication" else period


@dataclass(frozen=True)
class Case:
    """One case as compared: its name, metadata, ledger (columns of the current names) and verdicts."""

    name: str
    meta: dict[str, str]
    ledger: pd.DataFrame
    verdicts: dict[str, int] | None  # findings per verdict of the last published run; None: never run

    def place(self, lang: str) -> str:
        """The place in ``lang`` (the Chinese name where no English one is given), else the case's name."""
        zh = self.meta.get("place", "")
        return (self.meta.get("place_en") or zh if lang == "en" else zh) or self.name

    @property
    def drafts(self) -> int:
        """Rows still drafts (not checked by a curator)."""
        return int((self.ledger["curation"] == DRAFT).sum())


def _current_names(table: pd.DataFrame) -> pd.DataFrame:
    """The ledger with the current column names and kinds, whichever generation it was written in."""
    renamed = "province_rank" in table.columns and "rank" not in table.columns
    table = datapackage.current_names(table, "indicators").copy()
    if renamed and "scope" in table.columns:  # a province_rank without a scope is a provincial rank
        table.loc[(table["rank"] != "") & (table["scope"] == ""), "scope"] = "province"
    if "curation" not in table.columns:
        table["curation"] = CHECKED
    table["curation"] = table["curation"].where(table["curation"].isin([DRAFT, CHECKED]), CHECKED)
    table["kind"] = table["kind"].replace({"status": "standing"})  # the kind's older name
    for column in ("scope", "rank_kind", "summary_of", "metric_en", "qualifier", "period", "unit", "value"):
        if column not in table.columns:
            table[column] = ""
    return table


def published_verdicts(name: str) -> dict[str, int] | None:
    """Findings per verdict in the case's last published audit (``build/cases/NAME/<lang>/audit.csv``)."""
    for lang in ("en", "zh"):
        path = paths.BUILD / "cases" / name / lang / paths.EXPORTS["audit_csv"]
        if path.is_file():
            found = read_csv_text(path)
            if "verdict" not in found.columns:
                raise CompareError(f"{paths.relative_to_root(path)} has no 'verdict' column: run the case again "
                                   f"with python -m helpers run --case {name}.")
            counts = found["verdict"].value_counts()
            return {v: int(counts.get(v, 0)) for v in VERDICTS}
    return None


def load_case(name: str) -> Case:
    """A case by name, from ``cases/NAME/`` and its published audit. Raises CompareError (one sentence)."""
    try:
        folder = paths.existing_case(name)
    except ValueError as exc:
        raise CompareError(str(exc)) from None
    try:
        ledger = read_csv_text(folder / "indicators.csv")
        meta = read_meta(folder)
    except DataError as exc:
        raise CompareError(str(exc)) from None
    missing = [c for c in ("id", "kind", "metric_zh", "value", "unit", "period") if c not in ledger.columns]
    if missing:
        raise CompareError(f"cases/{name}/indicators.csv has no column {missing[0]!r}: a ledger needs id, kind, "
                           "metric_zh, value, unit and period.")
    return Case(name, meta, _current_names(ledger), published_verdicts(name))


def case_names() -> list[str]:
    """Every case under ``cases/`` (a folder with ``indicators.csv``), by name."""
    if not paths.CASES.is_dir():
        return []
    return sorted(p.name for p in paths.CASES.iterdir() if (p / "indicators.csv").is_file())


def figures(case: Case) -> pd.DataFrame:
    """The case's figures that can be compared (a number in ``value``), each with its measure key, unit key
    and period key."""
    number = pd.to_numeric(case.ledger["value"], errors="coerce")
    rows = case.ledger[case.ledger["kind"].isin(COMPARED_KINDS) & (case.ledger["summary_of"] == "")
                       & number.notna()].copy()
    place = case.meta.get("place", "")
    rows["measure"] = [measure_key(m, place) for m in rows["metric_zh"]]
    rows["unit_key"] = [simplified(u) for u in rows["unit"]]
    rows["period_key"] = [period_key(p, case.meta.get("reference_date", "")) for p in rows["period"]]
    rows["case"] = case.name
    return rows


def shared(cases: list[Case]) -> pd.DataFrame:
    """Figures of the measures two or more places claim: one row per place and figure, grouped by measure.

    ``compared`` is True for a figure whose period at least one other place
    shares (those figures are set side by side); False flags a figure of the
    same measure in another period (listed, not compared). Rows are ordered by
    measure (most places first), then period, then the order of ``cases``.
    """
    columns = ["measure", "unit_key", "period_key", "case", "id", "metric_zh", "metric_en", "value", "unit",
               "qualifier", "period", "curation", "compared"]
    frames = [figures(c) for c in cases]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns[:-1])
    if rows.empty:
        return pd.DataFrame(columns=columns)
    places = rows.groupby(["measure", "unit_key"])["case"].transform("nunique")
    rows = rows[places >= 2].copy()
    rows["compared"] = rows.groupby(["measure", "unit_key", "period_key"])["case"].transform("nunique") >= 2
    order = {c.name: i for i, c in enumerate(cases)}
    rows["_places"] = -rows.groupby(["measure", "unit_key"])["case"].transform("nunique")
    rows["_case"] = rows["case"].map(order)
    rows["_compared"] = ~rows["compared"]
    rows = rows.sort_values(["_places", "measure", "unit_key", "_compared", "period_key", "_case", "id"], kind="stable")
    return rows[columns].reset_index(drop=True)


def rank_counts(cases: list[Case]) -> pd.DataFrame:
    """Ranks per place and scope: how many ranks, how many first places (exact #1), how many top-n."""
    rows = []
    for case in cases:
        ranked = case.ledger[(case.ledger["rank"] != "") & (case.ledger["summary_of"] == "")]
        for scope, group in ranked.groupby(ranked["scope"].replace("", "unstated"), sort=True):
            exact = group["rank_kind"] != "top_n"
            rows.append({"case": case.name, "scope": scope, "ranks": len(group),
                         "firsts": int((exact & (group["rank"] == "1")).sum()), "top_n": int((~exact).sum())})
    return pd.DataFrame(rows, columns=["case", "scope", "ranks", "firsts", "top_n"])


def kind_counts(cases: list[Case]) -> pd.DataFrame:
    """Claims per place (rows, in ``cases`` order) and kind (columns, the most frequent first)."""
    counts = pd.DataFrame({c.name: c.ledger["kind"].value_counts() for c in cases}).fillna(0).astype(int).T
    counts = counts.reindex([c.name for c in cases], fill_value=0)
    if counts.empty or counts.columns.empty:
        return counts
    order = counts.sum().sort_values(ascending=False, kind="stable").index
    return counts[sorted(order, key=lambda k: (-counts[k].sum(), k))]
