"""The claims audit: generic checks of whether an article's claims hold together.

Which checks run on which rows is the article's choice, kept in
``<data>/audit_checks.csv`` (check, ids, context, note_zh, note_en) and shown by the
scorecard notebook; this module only knows how each kind of check works.

Every check returns ``Finding``s: the claim and the result as ``Phrase``s
(a glossary key and the values that fill it), the branch the check took
(``compared``, ``implied``, ``missing`` …), a verdict and the ids used.
Verdicts: ``consistent`` (the article's figures agree by the formula shown),
``inconsistent`` (they do not), ``not_checkable`` (the article and the
context data do not give what the check needs) and ``bookkeeping`` (the
ledger agrees with the very words it was read from: a summary and the rows
it sums up, periods and 去年/今年; this shows the ledger is kept right, not
that the article is). Nothing is worded here: ``render`` words a finding through
the glossary, keyed by check and branch (``how.doubling.implied``), and a
missing key raises. No check passes silently: where the ledger or the
context data lack what a check needs, the verdict says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import derive, periods, registry
from .context import linked
from .derive import fmt, stated
from .files import NotFound, fault, read_csv_text, row_by_id
from .i18n import Glossary
from .meta import Place
from .periods import Reference
from .registry import VERDICTS, WORDED_KINDS
from .script import reading
from .source import Sentences, normalise_width
from .times import TimeExpression, find_times
from .units import localize, period_words

CONSISTENT, INCONSISTENT, NOT_CHECKABLE, BOOKKEEPING = VERDICTS
# A row's overall verdict: the first of these among its checks. Bookkeeping says nothing about the claim,
# so it stands only when no other check used the row.
SEVERITY = (INCONSISTENT, NOT_CHECKABLE, CONSISTENT, BOOKKEEPING)
ALL = "*"


@dataclass(frozen=True)
class Words:
    """A value that is words, given in both languages (a ledger row's metric)."""

    zh: str
    en: str

    def render(self, t: Glossary) -> str:
        """The words in ``t``'s language; where a drafted row has no English yet, the Chinese, marked."""
        return getattr(self, t.lang) or f"{self.zh} {t('note.not_translated')}"


@dataclass(frozen=True)
class Label:
    """A value worded by a glossary key (``scope.province``), with the values that fill it."""

    key: str
    fill: tuple[tuple[str, str], ...] = ()

    def render(self, t: Glossary) -> str:
        """The label in ``t``'s language."""
        return t(self.key, **dict(self.fill))


@dataclass(frozen=True)
class Period:
    """A period (``2025-01/2025-04``), worded in the reader's language when rendered."""

    period: str


def rank_label(row: pd.Series) -> Label:
    """A row's rank as words at its scope (全省第1, 全市前3, 山区26县中第1 …); the notebooks' ``R.rank_text`` too."""
    kind = "top_n" if row["rank_kind"] == "top_n" else "exact"
    scope = row["scope"] or "unstated"
    n = (("n", str(int(row["rank"]))),)
    if scope in registry.SCOPES or scope == "unstated":
        return Label(f"rank.{kind}.{scope}", n)
    return Label(f"rank.{kind}.group", n + (("group", scope),))


def scope_label(scope: str) -> Label:
    """A scope as words: a level (scope.province), a named group (山区26县) or unstated."""
    if not scope or scope in registry.SCOPES:
        return Label(f"scope.{scope or 'unstated'}")
    return Label("scope.group", (("group", scope),))


@dataclass(frozen=True)
class Phrase:
    """A claim or result: a glossary key (under ``audit.``) and the values it is filled with.

    Values are text (numbers, formulas), ``Words`` (one per language), a
    ``Label`` (a glossary key) or a ``Period``, so that one finding renders in either language.
    """

    key: str
    fill: tuple[tuple[str, str | Words | Label | Period], ...] = ()

    def render(self, t: Glossary) -> str:
        """The phrase in the glossary's words for ``t``'s language, with its fill."""
        def word(value: str | Words | Label | Period) -> str:
            if isinstance(value, (Words, Label)):
                return value.render(t)
            if isinstance(value, Period):
                return period_words(value.period, t)
            return localize(value, t)

        return t(f"audit.{self.key}", **{k: word(v) for k, v in self.fill})


def phrase(key: str, **fill: object) -> Phrase:
    """A ``Phrase`` for glossary ``key``; fill values are kept as words or labels, else as text."""
    return Phrase(key, tuple((k, v if isinstance(v, (Words, Label, Period)) else str(v)) for k, v in fill.items()))


def metric(row: pd.Series) -> Words:
    """A ledger row's metric in both languages."""
    return Words(row["metric_zh"], row["metric_en"])


@dataclass(frozen=True)
class Finding:
    """One audited claim: what was checked, how (the branch taken), the result and the verdict."""

    check: str
    branch: str
    claim: Phrase
    result: Phrase
    verdict: str
    ids: tuple[str, ...]
    subject: str = ""  # what makes the check id unique when a check runs once per item

    @property
    def check_id(self) -> str:
        """The finding's id in the exports: the check, and its subject when it has one."""
        return f"{self.check}_{self.subject}" if self.subject else self.check


@dataclass(frozen=True)
class Inputs:
    """What checks read: the ledger, the cleaned text, external figures and tables, the reference date."""

    ledger: pd.DataFrame
    text: str
    context: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    reference: Reference | None
    place: Place = Place("", "", "")  # the place the article is about (meta ``place_id``, ``place``, ``place_en``)

    def rows(self, ids: tuple[str, ...]) -> list[pd.Series] | None:
        """The ledger rows for ``ids``, or None when any is missing (a check then says what it lacks)."""
        return _all_or_none(self.ledger, ids)

    def external(self, ids: tuple[str, ...]) -> list[pd.Series] | None:
        """The context figures for ``ids``, or None when any is missing."""
        return _all_or_none(self.context, ids)


def _all_or_none(frame: pd.DataFrame, ids: tuple[str, ...]) -> list[pd.Series] | None:
    """The rows of ``frame`` for ``ids`` (``files.row_by_id``), or None when any is missing."""
    try:
        return [row_by_id(frame, i, "a row") for i in ids]
    except NotFound:
        return None


def _missing(check: str, ids: tuple[str, ...], what: str = "ledger") -> Finding:
    return Finding(check, "missing", phrase("claim.missing", check=check), phrase(f"result.missing_{what}",
                   ids=", ".join(ids)), NOT_CHECKABLE, ids)


def check_span_years(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """"From A to B in N years": the stated years against the distance between the two periods."""
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("span_years", ids)]
    before, after, years = rows
    change = derive.pp_change(before, after)
    distance = periods.as_year(after["period"]) - periods.as_year(before["period"])
    verdict = CONSISTENT if math.isclose(distance, years["value"], abs_tol=0.05) else INCONSISTENT
    return [Finding("span_years", "compared",
                    phrase("claim.span_years", before=stated(before), after=stated(after), years=stated(years)),
                    phrase("result.span_years", distance=fmt(distance), years=stated(years),
                           change=change.formula, rate=derive.annual_pp_rate(change, years).formula),
                    verdict, ids)]


def earlier_value(ledger: pd.DataFrame, row: pd.Series, years: float) -> pd.Series | None:
    """A ledger row for the same indicator (its metric, in English when given) about ``years`` earlier, if
    any; rows without calendar dates (``publication``) have no distance."""
    column = "metric_en" if row["metric_en"] else "metric_zh"
    same = ledger[(ledger[column] == row[column]) & (ledger["id"] != row["id"])]
    for _, other in same.iterrows():
        try:
            distance = periods.as_year(row["period"]) - periods.as_year(other["period"])
        except periods.PeriodError:
            continue
        if math.isclose(distance, years, abs_tol=0.5):
            return other
    return None


def check_doubling(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """"Doubled in N years": compared with the earlier value when the ledger holds it, else implied bounds."""
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("doubling", ids)]
    value, years = rows
    claim = phrase("claim.doubling", value=stated(value), years=stated(years))
    earlier = earlier_value(inp.ledger, value, years["value"])
    if earlier is None:
        base, rate = derive.doubling(value, years)
        return [Finding("doubling", "implied", claim,
                        phrase("result.doubling_implied", base=base.shown, base_formula=base.formula,
                               rate=rate.shown, rate_formula=rate.formula), NOT_CHECKABLE, ids)]
    ratio = value["value"] / earlier["value"]
    verdict = CONSISTENT if ratio >= 2 - 0.05 else INCONSISTENT  # 翻番 is approximate
    return [Finding("doubling", "compared", claim,
                    phrase("result.formula", formula=f"{stated(value)} ÷ {stated(earlier)} = {fmt(ratio, 2)}"),
                    verdict, ids + (earlier["id"],))]


def check_times_average(inp: Inputs, ids: tuple[str, ...], context: tuple[str, ...]) -> list[Finding]:
    """"k times the national average": compared when the context gives the average, else implied."""
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("times_average", ids)]
    rate, multiple = rows
    claim = phrase("claim.times_average", rate=stated(rate), multiple=stated(multiple))
    national = inp.external(context) if context else None
    if not national:
        implied = derive.times_average(rate, multiple)
        return [Finding("times_average", "implied", claim,
                        phrase("result.times_average_implied", implied=implied.formula), NOT_CHECKABLE, ids)]
    average = national[0]
    ratio = rate["value"] / average["value"]
    verdict = CONSISTENT if abs(ratio - multiple["value"]) < 0.05 + 1e-9 else INCONSISTENT
    return [Finding("times_average", "compared", claim,
                    phrase("result.formula",
                           formula=f"{stated(rate)} ÷ {stated(average)} = {fmt(ratio, 2)}"),
                    verdict, ids + (average["id"],))]


def check_growth_base(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """"X, up g% year on year": compared with the ledger's figure a year earlier when it holds one (the
    stated rate, give or take its own rounding, within what the two rounded levels allow), else the base it
    implies."""
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("growth_base", ids)]
    level, growth = rows
    claim = phrase("claim.growth_base", level=stated(level), growth=stated(growth))
    earlier = earlier_value(inp.ledger, level, 1)
    if earlier is None:
        try:
            base = derive.implied_base(level, growth)
        except derive.IncompatibleError:
            return [Finding("growth_base", "bounded", claim, phrase("result.growth_base_bounded"), NOT_CHECKABLE,
                            ids)]
        return [Finding("growth_base", "implied", claim, phrase("result.growth_base_implied", base=base.formula),
                        NOT_CHECKABLE, ids)]
    computed = (level["value"] / earlier["value"] - 1) * 100
    low, high = derive.growth_range(level["value"], earlier["value"])
    slack = derive.rounding_half(growth["value"])
    verdict = CONSISTENT if low - slack <= growth["value"] <= high + slack else INCONSISTENT
    return [Finding("growth_base", "compared", claim,
                    phrase("result.growth_base_compared", low=f"{fmt(low)}%", high=f"{fmt(high)}%",
                           formula=f"{stated(level)} ÷ {stated(earlier)} − 1 ≈ {fmt(computed)}%"),
                    verdict, ids + (earlier["id"],))]


def _summarised(inp: Inputs, summary: pd.Series) -> pd.DataFrame:
    wanted = summary["summary_of"].split()
    return inp.ledger[inp.ledger["id"].isin(wanted)]


def check_all_first(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """"N indicators all first": the rows the summary restates, counted, and their ranks.

    The ranks come from the same sentence as the summary, so agreement proves
    only that the ledger is kept right (bookkeeping); a count or a rank that
    disagrees is inconsistent.
    """
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("all_first", ids)]
    summary = rows[0]
    referred = _summarised(inp, summary)
    firsts = referred[(referred["rank"] == 1) & (referred["scope"] == "province")]  # a city first is no provincial one
    ok = len(referred) == int(summary["value"]) and len(firsts) == len(referred)
    return [Finding("all_first", "restated" if ok else "compared", phrase("claim.all_first", count=stated(summary)),
                    phrase("result.all_first", rows=len(referred), firsts=len(firsts)),
                    BOOKKEEPING if ok else INCONSISTENT, (summary["id"], *referred["id"]))]


def check_both_top(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """"Both A and B top n": the rows carry the rank; the figures behind it are not given."""
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("both_top", ids)]
    ranks = {int(r["rank"]) for r in rows if not pd.isna(r["rank"])}
    n = max(ranks) if ranks else 0
    unstated = [r for r in rows if pd.isna(r["value"])]
    return [Finding("both_top", "implied" if unstated else "compared",
                    phrase("claim.both_top", count=stated(rows[0]), n=n),
                    phrase("result.both_top"), NOT_CHECKABLE, ids)]


def check_streak_ranks(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """"First N years in a row": the rows the streak restates carry that rank (bookkeeping, as for
    ``all_first``); each year's figures and the other places' are not given. One finding for the claim:
    its years are not audited again as a ``streak_years`` (the scorecard counts claims once)."""
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("streak_ranks", ids)]
    streak = rows[0]
    referred = _summarised(inp, streak)
    ranks = sorted({int(r) for r in referred["rank"].dropna()})
    ranks_ok = not referred.empty and len(ranks) == 1
    rank = ranks[0] if ranks else 0
    return [Finding("streak_ranks", "restated" if ranks_ok else "compared",
                    phrase("claim.streak_ranks", rows=len(referred), rank=rank),
                    phrase("result.streak_ranks", rows=len(referred),
                           ranked=int(referred["rank"].notna().sum())),
                    BOOKKEEPING if ranks_ok else INCONSISTENT, (streak["id"], *referred["id"]))]


def _streak_years(streak: pd.Series, ranked: pd.Series) -> Finding:
    return Finding("streak_years", "implied", phrase("claim.streak_years", rank=rank_label(ranked),
                                                     years=stated(streak)),
                   phrase("result.streak_years"), NOT_CHECKABLE, (streak["id"],), subject=streak["id"])


def check_streak_years(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """"In the top n N years in a row" (a streak row with its own rank): each year's rank and figures are
    not given, so not checkable."""
    rows = inp.rows(ids)
    if rows is None or pd.isna(rows[0]["rank"]):
        return [_missing("streak_years", ids)]
    return [_streak_years(rows[0], rows[0])]


def check_target_pace(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """An expected or target full-year figure against the pace of the months reported.

    An expectation cannot be checked before the year ends: the verdict is not
    checkable either way; the branch says whether the pace so far would reach
    it (``within_pace``) or the rest of the year must go faster (``beyond_pace``).
    """
    rows = inp.rows(ids)
    if rows is None:
        return [_missing("target_pace", ids)]
    target, to_date = rows
    pace = derive.required_pace(target, to_date)
    within = pace["needed"].value <= pace["pace_so_far"].value
    return [Finding("target_pace", "within_pace" if within else "beyond_pace",
                    phrase("claim.target_pace", to_date=stated(to_date), period=Period(to_date["period"]),
                           target=stated(target)),
                    phrase("result.target_pace", needed=pace["needed"].formula, pace=pace["pace_so_far"].formula,
                           ratio=pace["needed_vs_pace"].formula, run_rate=pace["run_rate"].formula),
                    NOT_CHECKABLE, ids)]


def check_in_list(inp: Inputs, ids: tuple[str, ...], context: tuple[str, ...]) -> list[Finding]:
    """A first (首次获得) against an external list of holders: is the article's place on it?"""
    rows = inp.rows(ids)
    table = inp.tables.get(context[0]) if context else None
    if rows is None or table is None or not inp.place.zh:
        return [_missing("in_list", ids + context, "ledger" if rows is None else "context")]
    listed = table[table["place_zh"] == inp.place.zh]
    verdict = CONSISTENT if not listed.empty else INCONSISTENT
    return [Finding("in_list", "compared", phrase("claim.in_list", claim=metric(rows[0])),
                    phrase("result.in_list" if not listed.empty else "result.not_in_list",
                           place=Words(inp.place.zh, inp.place.name("en")),
                           holders=len(table)),
                    verdict, ids + ((listed.iloc[0]["id"],) if not listed.empty else ()), subject=ids[0])]


def check_award_years(inp: Inputs, ids: tuple[str, ...], context: tuple[str, ...]) -> list[Finding]:
    """A streak of yearly wins against the award's years: first ceremony and latest ceremony (context)."""
    rows = inp.rows(ids)
    events = inp.external(context) if len(context) == 2 else None
    if rows is None or not events:
        return [_missing("award_years", ids + context, "ledger" if rows is None else "context")]
    streak = rows[0]
    first, latest = (int(e["value"]) for e in events)
    held = latest - first + 1
    start, end = periods.bounds(streak["period"])
    ok = held >= streak["value"] and end.year == latest and start.year >= first
    return [Finding("award_years", "compared", phrase("claim.award_years", streak=stated(streak),
                                                      period=Period(streak["period"])),
                    phrase("result.award_years", first=first, latest=latest, held=held),
                    CONSISTENT if ok else INCONSISTENT, ids + context)]


def _stated_year(quote: str, sentence: str, year: int) -> int | None:
    """The year a row's words state: the first written year in its quote, else the year its sentence's 去年 or
    今年 names; a comparison base (较2020年, 比去年同期) states none."""
    def own(text: str) -> list[TimeExpression]:
        return [t for t in find_times(normalise_width(reading(text)), None) if not t.base]

    for t in own(quote):
        written = re.search(r"(?:19|20)\d{2}(?=年)", t.text)
        if written:
            return int(written.group())
    words = "".join(t.text for t in own(sentence) if t.kind == "relative")
    if "去年" in words:
        return year - 1
    if "今年" in words:
        return year
    return None


def check_dates(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """The article's dates against the ledger's periods.

    A row whose quote names a year (2022年底) must have a period in that year;
    otherwise a row whose sentence says 去年 (last year) must refer to the
    year before the reference date and one that says 今年 (this year) to its
    year. A comparison base (较2020年, 比去年同期) names no year of the row. The periods were read from these same words, so agreement only
    shows the ledger is kept right (bookkeeping); a mismatch is
    inconsistent. Rows dated ``publication`` name no year and are skipped (no
    reference date: not checkable).
    """
    if inp.reference is None:
        return [Finding("dates", "unknown", phrase("claim.dates_unknown"), phrase("result.dates_unknown"),
                        NOT_CHECKABLE, ())]
    year = inp.reference.year
    ledger = inp.ledger if ids == (ALL,) else inp.ledger[inp.ledger["id"].isin(ids)]
    sentences = Sentences(inp.text)
    checked, wrong = [], []
    for _, r in ledger.iterrows():
        period = r["period"]
        if not periods.PATTERN.match(period):
            continue
        at = inp.text.find(r["quote"])
        sentence = sentences.of(at, at + len(r["quote"])) if at >= 0 else ""
        expected = _stated_year(r["quote"], sentence, year)
        if expected is None:
            continue
        checked.append(r["id"])
        if not re.search(rf"(^|/){expected}", period):
            wrong.append(f"{r['id']} ({r['period']} ≠ {expected})")
    claim = phrase("claim.dates", last=year - 1, this=year)
    if wrong:
        return [Finding("dates", "compared", claim, phrase("result.dates_wrong", rows=len(checked),
                        wrong="; ".join(wrong)), INCONSISTENT, tuple(checked))]
    return [Finding("dates", "restated", claim, phrase("result.dates_ok", rows=len(checked)),
                    BOOKKEEPING, tuple(checked))]


def check_external(inp: Inputs, _ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """Article figures that an external source reports for the same period and measure.

    Only figures marked comparable, of the same unit and measured alike (a
    year with a year, a stock with a stock; see ``periods.same_measure``) are
    compared, and only for the same time (``periods.same_time``); an earlier
    value or a year-to-date figure is context, not a check.
    """
    findings = []
    for own_row, ext, relation in linked(inp.ledger, inp.context, inp.place.id):
        if relation != "same":
            continue
        external = ext
        differ = not math.isclose(own_row["value"], ext["value"])
        findings.append(Finding(
            "external", "differs" if differ else "agrees",
            phrase("claim.external", metric=metric(own_row), value=stated(own_row)),
            phrase("result.external_diff" if differ else "result.external",
                   own=stated(own_row), own_period=Period(own_row["period"]),
                   source=Words(ext["publisher_zh"], ext["publisher_en"]), date=Period(ext["date"]),
                   external=stated(external), external_period=Period(ext["period"]),
                   difference=derive.gap(own_row, external).formula),
            INCONSISTENT if differ else CONSISTENT, (own_row["id"], ext["id"]), subject=ext["id"]))
    return findings


def check_award_places(inp: Inputs, _ids: tuple[str, ...], context: tuple[str, ...]) -> list[Finding]:
    """External parts against their stated total (the award's places: cities + counties + mountain counties)."""
    figures = inp.external(context)
    if not figures or len(figures) < 2:
        return [_missing("award_places", context, "context")]
    *parts, stated_total = figures
    total = sum(p["value"] for p in parts)
    return [Finding("award_places", "compared", phrase("claim.award_places", total=fmt(stated_total["value"], 0)),
                    phrase("result.award_places", parts=" + ".join(fmt(p["value"], 0) for p in parts),
                           total=fmt(total, 0), stated=fmt(stated_total["value"], 0)),
                    CONSISTENT if math.isclose(total, stated_total["value"]) else INCONSISTENT, context)]


def check_unsourced(inp: Inputs, ids: tuple[str, ...], _context: tuple[str, ...]) -> list[Finding]:
    """Firsts, onlys and leads that no other check covers: not checkable from the article, one finding each."""
    ledger = inp.ledger if ids == (ALL,) else inp.ledger[inp.ledger["id"].isin(ids)]
    chosen = ledger[ledger["kind"].isin(WORDED_KINDS) & (ledger["summary_of"] == "")]
    return [Finding("unsourced", r["kind"], phrase("claim.unsourced", claim=metric(r)),
                    phrase("result.unsourced", scope=scope_label(r["scope"])), NOT_CHECKABLE,
                    (r["id"],), subject=r["id"])
            for _, r in chosen.iterrows()]


Check = Callable[[Inputs, tuple[str, ...], tuple[str, ...]], list[Finding]]
# Every check the registry names, implemented here as ``check_<name>`` (an import fails on one that is missing).
CHECKS: dict[str, Check] = {name: globals()[f"check_{name}"] for name in registry.CHECKS}


def read_spec(data: Path) -> pd.DataFrame:
    """The checks an article's audit runs: ``<data>/audit_checks.csv`` (columns: ``registry.TABLES``), every
    column there; a fault names file, line and column."""
    path = Path(data) / "audit_checks.csv"
    spec = read_csv_text(path)
    missing = [c for c in registry.columns("audit_checks") if c not in spec.columns]
    if missing:
        raise fault(path, 1, missing[0], f"required column is missing (required: "
                    f"{', '.join(registry.columns('audit_checks'))}).")
    return spec


def run_audit(spec: pd.DataFrame, inp: Inputs) -> pd.DataFrame:
    """Run the checks listed in ``spec`` (one row per check: check, ids, context) on ``inp``.

    Returns one row per finding: check_id, check, branch, claim (Phrase),
    result (Phrase), verdict, ids (joined by ', '). Firsts, onlys and leads
    whose claim an earlier check tested are not listed again by ``unsourced``
    (the ``dates`` check tests periods, not claims).
    """
    findings: list[Finding] = []
    for _, item in spec.iterrows():
        ids, context = tuple(item["ids"].split()), tuple(item["context"].split())
        found = CHECKS[item["check"]](inp, ids, context)
        if item["check"] == "unsourced":
            tested = {i for f in findings if f.check != "dates" for i in f.ids}
            found = [f for f in found if f.ids[0] not in tested]
        findings.extend(found)
    return pd.DataFrame({
        "check_id": [f.check_id for f in findings], "check": [f.check for f in findings],
        "branch": [f.branch for f in findings], "claim": [f.claim for f in findings],
        "result": [f.result for f in findings], "verdict": [f.verdict for f in findings],
        "ids": [", ".join(f.ids) for f in findings],
    })


def render(audit: pd.DataFrame, t: Glossary) -> pd.DataFrame:
    """The audit worded in ``t``'s language: check, claim, how (by the branch taken), result, verdict, ids."""
    return pd.DataFrame({
        "check_id": audit["check_id"],
        "check": [t(f"check.{c}") for c in audit["check"]],
        "claim": [p.render(t) for p in audit["claim"]],
        "how": [t(f"how.{c}.{b}") for c, b in zip(audit["check"], audit["branch"])],
        "result": [p.render(t) for p in audit["result"]],
        "verdict": [t(f"verdict.{v}") for v in audit["verdict"]],
        "ids": audit["ids"],
    })


def weakest(verdicts: list[str]) -> str:
    """The verdict that says most about a row (inconsistent, else not_checkable, else consistent, else
    bookkeeping); '' for none."""
    return next((v for v in SEVERITY if v in verdicts), "")


def verdicts_by_id(audit: pd.DataFrame) -> dict[str, str]:
    """For each ledger id, the audit checks that used it and their verdicts."""
    found: dict[str, list[str]] = {}
    for _, r in audit.iterrows():
        for ledger_id in filter(None, r["ids"].split(", ")):
            found.setdefault(ledger_id, []).append(f"{r['check_id']}:{r['verdict']}")
    return {k: "; ".join(v) for k, v in found.items()}
