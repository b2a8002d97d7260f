"""What a reader would need but the article does not give, found by rule.

One row per (ledger id, need); summaries of other rows are left out (their
rows are listed themselves). Needs:

==============  ==============================================================
rank_base       a rank without the other places' values or the province's total
denominator     a share without the totals behind it
level           a growth rate without the level it grew from or to (none when the ledger has it)
exact           an approximate figure or a bound (近, 超, 不到)
target_basis    an expectation or a target (有望, 力争) without what it rests on
flow            a stock (a count at a day) without the year's additions
date            a figure with no date: it holds "as of publication"
date_now        a figure dated 目前 (now): the time of writing, which the article does not date
scope           a first (首个, not 首次: a first time is its own history), only or lead without its level
comparison      a first (not a first time), only, lead or standing without the list it is measured against
base_of_multiple  "k times the average" without the average
earlier_value   "doubled" (翻番) or "rose to" (提升至) without the value before
amount          a rank with no figure behind it (资金…前三)
exact_rank      a "top n" rank (前三) without the exact place
detail          what the row's own name marks as not stated (未说明: a level, what is piloted, a denominator)
external_rank   a rank that only an external source gives
==============  ==============================================================
"""

from __future__ import annotations

import re

import pandas as pd

from . import periods
from .derive import bound, is_modal
from .lexicon import (
    COUNT_UNITS,
    DOUBLING_WORDS,
    FIRST_TIME,
    GROWTH_WORDS,
    LEVEL_UNITS,
    NOT_STATED,
    NOW_WORDS,
    ROSE_TO,
    SENTENCE_BREAK,
    SHARE_WORDS,
)
from .registry import WORDED_KINDS

NEEDS = ("rank_base", "denominator", "level", "exact", "target_basis", "flow", "date", "date_now", "scope",
         "comparison", "base_of_multiple", "earlier_value", "amount", "exact_rank", "detail", "external_rank")
BRACKETED_END = re.compile(r"（[^）]*）$")  # a metric name's closing note: 新兴产业链规上营收占比（2024年底）


def said_now(quote: str, text: str = "") -> bool:
    """Whether a 'now' word (目前, 当前 …) dates the quote: in the quote, or earlier in its sentence of
    ``text`` (目前已有10名博士…，211人次…: the 211 is dated by the same 目前)."""
    if any(w in quote for w in NOW_WORDS):
        return True
    at = text.find(quote) if text else -1
    if at < 0:
        return False
    start = max(text.rfind(mark, 0, at) for mark in SENTENCE_BREAK) + 1
    return any(w in text[start:at] for w in NOW_WORDS)


def needs_of(row: pd.Series, ledger: pd.DataFrame | None = None, text: str = "") -> list[str]:
    """The needs of one ledger row, in the order of NEEDS; with the ``ledger``, a growth rate whose level
    the ledger holds (an amount of the same topic and period: 21.1亿元 beside +87.8%) needs no level; with
    the article's ``text``, a 'now' earlier in the quote's sentence dates it as one in the quote does."""
    found = []
    metric = row["metric_zh"]
    if not pd.isna(row["rank"]):
        found.append("rank_base")
    if row["unit"] == "%" and any(w in metric for w in SHARE_WORDS) and not any(w in metric for w in GROWTH_WORDS):
        found.append("denominator")
    if any(w in metric for w in GROWTH_WORDS) and not _level_given(row, ledger):
        found.append("level")
    if bound(row["qualifier"]) != "exact":
        found.append("exact")
    if is_modal(row["qualifier"]):
        found.append("target_basis")
    if row["unit"] in COUNT_UNITS and periods.is_point_in_time(row["period"]):
        found.append("flow")
    if row["period"] == periods.PUBLICATION and row["kind"] in ("quantity", "rank"):
        found.append("date_now" if said_now(row["quote"], text) else "date")
    if row["kind"] in WORDED_KINDS:
        own_first = row["kind"] == "first" and FIRST_TIME in row["quote"]  # for the first time: its own history
        if not row["scope"] and row["kind"] != "standing" and not own_first:  # a standing has no level to give
            found.append("scope")
        if not own_first:
            found.append("comparison")
    if row["unit"] == "倍":
        found.append("base_of_multiple")
    rose_to = row["unit"] != "年" and any(w in row["quote"] for w in ROSE_TO) and not _earlier_given(row, ledger)
    if (any(w in row["quote"] for w in DOUBLING_WORDS) and row["unit"] == "年") or rose_to:
        found.append("earlier_value")
    if row["kind"] == "rank" and pd.isna(row["value"]):
        found.append("amount")
    if row["rank_kind"] == "top_n":
        found.append("exact_rank")
    if NOT_STATED in metric:
        found.append("detail")
    return found


def _earlier_given(row: pd.Series, ledger: pd.DataFrame | None) -> bool:
    """The ledger holds the same measure (its name without the bracketed date) at an earlier time."""
    if ledger is None:
        return False
    name = BRACKETED_END.sub("", row["metric_zh"])
    same = ledger[ledger["metric_zh"].str.replace(BRACKETED_END, "", regex=True).eq(name) & (ledger["id"] != row["id"])]
    return any(periods.as_year(p) < periods.as_year(row["period"]) for p in same["period"] if p != periods.PUBLICATION)


def _level_given(row: pd.Series, ledger: pd.DataFrame | None) -> bool:
    if ledger is None:
        return False
    same = ledger[(ledger["topic"] == row["topic"]) & (ledger["period"] == row["period"])
                  & ledger["unit"].isin(LEVEL_UNITS) & (ledger["id"] != row["id"])]
    return not same.empty


def unstated(ledger: pd.DataFrame, context: pd.DataFrame | None = None, text: str = "") -> pd.DataFrame:
    """Every need of every indicator row (summaries excluded): columns section, id, need; ``text``, the
    cleaned article, lets a 'now' earlier in a quote's sentence date it."""
    rows: list[tuple[str, str, str]] = []
    own = ledger[ledger["summary_of"] == ""]
    for _, r in own.iterrows():
        rows.extend((r["section"], r["id"], need) for need in needs_of(r, ledger, text))
    if context is not None and not context.empty:
        ranked = context[(context["rank"] != "") & (context["ledger_id"] != "")]
        for _, ext in ranked.iterrows():
            match = own[own["id"] == ext["ledger_id"]]
            if not match.empty and pd.isna(match.iloc[0]["rank"]):
                rows.append((match.iloc[0]["section"], ext["ledger_id"], "external_rank"))
    order = {need: i for i, need in enumerate(NEEDS)}
    position = {i: n for n, i in enumerate(own["id"])}
    rows.sort(key=lambda r: (position[r[1]], order[r[2]]))
    return pd.DataFrame(rows, columns=["section", "id", "need"])
