"""The claims audit: which of the article's claims hold together.

Each check returns an ``AuditRow``: the claim, how it is checked, the computed
result, a verdict (``consistent``, ``inconsistent`` or ``not_checkable``, for
"not checkable from the article") and the ledger or context ids used. No check
passes silently: where the article lacks what a check needs, the verdict says
so. ``run_audit`` runs them all on a ledger, the cleaned article text and the
context figures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from . import derive
from .context import as_row
from .derive import fmt, stated

CONSISTENT, INCONSISTENT, NOT_CHECKABLE = "consistent", "inconsistent", "not_checkable"
VERDICTS = (CONSISTENT, INCONSISTENT, NOT_CHECKABLE)
CONFERENCE_ID = "award_conference_2025"  # context row: the conference the article reports


def article_year(context: pd.DataFrame | None) -> int | None:
    """The year the article was written: that of the conference it reports (context data)."""
    if context is None or context.empty or CONFERENCE_ID not in set(context["id"]):
        return None
    return int(context.loc[context["id"] == CONFERENCE_ID, "value"].iloc[0])


# English wording of every claim and result; the glossary's ``audit.*`` keys
# give the same templates in both languages for display.
EN = {
    "claim.span_years": "{before} → {after} in {years}",
    "result.span_years": "{distance} years vs {years}; {change}; {rate}",
    "claim.doubling": "{value}, doubled in {years}",
    "result.doubling_implied": "implied: before doubling {base} ({base_formula}); "
                               "growth a year {rate} ({rate_formula})",
    "result.formula": "{formula}",
    "claim.times_average": "{rate} = {multiple} the national average",
    "result.times_average_implied": "implied national average {implied}",
    "claim.all_first": "{count}, all first in the province",
    "result.all_first": "{rows} rows, {firsts} ranked 1st: {ids}",
    "claim.both_top": "{count} funded clusters; funds and count both top {n}",
    "result.both_top": "the article states neither the funds nor the province's figures",
    "claim.streak_ranks": "{ids}: rank {rank}",
    "result.plain": "{text}",
    "claim.streak_years": "rank {rank} for {years} in a row",
    "result.streak_years": "the article gives no year-by-year ranks",
    "claim.target_pace": "{to_date} in {period}, full year {target}",
    "result.target_pace": "needed {needed}; pace {pace}; {ratio}; run-rate {run_rate}",
    "claim.dates": "“去年” = {last}, “今年” = {this}, named years as stated",
    "claim.dates_unknown": "“去年”, “今年”",
    "result.dates_ok": "{rows} rows checked; all match",
    "result.dates_wrong": "{rows} rows checked; mismatches: {wrong}",
    "result.dates_unknown": "the context data do not give the conference the article reports",
    "claim.external": "{id}: {value}",
    "result.external": "article {own}; {source}: {external}",
    "result.external_diff": "article {own}; {source}: {external}; difference {difference}",
    "result.external_dates": "article {own}; {source}: {external}; different dates",
    "result.external_diff_dates": "article {own}; {source}: {external}; difference {difference}; different dates",
    "claim.award_places": "{total} places a year (external)",
    "result.award_places": "{total} vs {stated}",
    "claim.missing": "{what}",
    "result.missing": "a row it needs is missing from the ledger",
    "claim.award_missing": "places per year",
    "result.award_missing": "missing from the context data",
}


@dataclass(frozen=True)
class Phrase:
    """A claim or result: a template key and the values it is filled with."""

    key: str
    fill: tuple[tuple[str, str], ...] = ()

    def render(self, template: str | None = None) -> str:
        return (template or EN[self.key]).format(**dict(self.fill))

    def __str__(self) -> str:
        return self.render()


def phrase(key: str, **fill: object) -> Phrase:
    return Phrase(key, tuple((k, str(v)) for k, v in fill.items()))


@dataclass(frozen=True)
class AuditRow:
    check_id: str
    claim_phrase: Phrase
    check: str
    result_phrase: Phrase
    verdict: str
    ids: tuple[str, ...]

    @property
    def claim(self) -> str:
        return str(self.claim_phrase)

    @property
    def result(self) -> str:
        return str(self.result_phrase)


def _row(ledger: pd.DataFrame, ledger_id: str) -> pd.Series | None:
    found = ledger[ledger["id"] == ledger_id]
    return None if found.empty else found.iloc[0]


def _year(period: str, end: bool = True) -> float:
    """A period's end (or start) as a fractional year: 2024-12-31 → 2025.0, 2024 → 2025.0."""
    part = period.split("/")[-1 if end else 0]
    bits = [int(b) for b in part.split("-")]
    if len(bits) == 1:
        return bits[0] + (1.0 if end else 0.0)
    if len(bits) == 2:
        return bits[0] + (bits[1] if end else bits[1] - 1) / 12
    return bits[0] + (bits[1] - 1) / 12 + bits[2] / 365


def _rows(ledger: pd.DataFrame, ids: tuple[str, ...]) -> list[pd.Series] | None:
    """The rows for ``ids``, or None when any is missing."""
    rows = [_row(ledger, i) for i in ids]
    return None if any(r is None for r in rows) else rows


def _missing(check_id: str, claim: str, ids: tuple[str, ...]) -> AuditRow:
    return AuditRow(check_id, phrase("claim.missing", what=claim), "needs ledger rows " + ", ".join(ids),
                    phrase("result.missing"), NOT_CHECKABLE, ids)


def check_span_years(ledger: pd.DataFrame, before_id: str, after_id: str, years_id: str) -> AuditRow:
    """The stated number of years against the distance between the two periods."""
    ids = (before_id, after_id, years_id)
    rows = _rows(ledger, ids)
    if rows is None:
        return _missing("span_years", "chain share change over the stated years", ids)
    before, after, years = rows
    change = derive.pp_change(before, after)
    distance = _year(after["period"]) - _year(before["period"])
    verdict = CONSISTENT if math.isclose(distance, years["value"], abs_tol=0.05) else INCONSISTENT
    return AuditRow(
        "span_years",
        phrase("claim.span_years", before=stated(before), after=stated(after), years=stated(years)),
        f"{after['period']} − {before['period']} = {fmt(distance)} years; change {change.formula}",
        phrase("result.span_years", distance=fmt(distance), years=stated(years), change=change.formula,
               rate=derive.annual_pp_rate(change, years).formula),
        verdict, ids)


def earlier_value(ledger: pd.DataFrame, row: pd.Series, years: float) -> pd.Series | None:
    """A ledger row for the same indicator (metric_en) about ``years`` earlier, if any."""
    same = ledger[(ledger["metric_en"] == row["metric_en"]) & (ledger["id"] != row["id"])]
    for _, other in same.iterrows():
        if math.isclose(_year(row["period"]) - _year(other["period"]), years, abs_tol=0.5):
            return other
    return None


def check_doubling(ledger: pd.DataFrame, value_id: str, years_id: str) -> AuditRow:
    """'Doubled in N years': checked when the ledger holds the earlier value."""
    ids = (value_id, years_id)
    rows = _rows(ledger, ids)
    if rows is None:
        return _missing("doubling", "doubled in N years", ids)
    value, years = rows
    base, rate = derive.doubling(value, years)
    earlier = earlier_value(ledger, value, years["value"])
    claim = phrase("claim.doubling", value=stated(value), years=stated(years))
    if earlier is None:
        return AuditRow("doubling", claim,
                        "needs the value of N years earlier; the article does not give it",
                        phrase("result.doubling_implied", base=base.shown, base_formula=base.formula,
                               rate=rate.shown, rate_formula=rate.formula),
                        NOT_CHECKABLE, ids)
    ratio = value["value"] / earlier["value"]
    verdict = CONSISTENT if ratio >= 2 - 1e-9 else INCONSISTENT
    return AuditRow("doubling", claim, "the later value is at least twice the earlier one",
                    phrase("result.formula", formula=f"{stated(value)} ÷ {stated(earlier)} = {fmt(ratio, 2)}"),
                    verdict, ids + (earlier["id"],))


def check_times_average(ledger: pd.DataFrame, rate_id: str, multiple_id: str,
                        context: pd.DataFrame | None = None) -> AuditRow:
    """'k times the national average': implied average; checked if context gives one."""
    ids = (rate_id, multiple_id)
    rows = _rows(ledger, ids)
    if rows is None:
        return _missing("times_average", "k times the national average", ids)
    rate, multiple = rows
    implied = derive.times_average(rate, multiple)
    claim = phrase("claim.times_average", rate=stated(rate), multiple=stated(multiple))
    national = None
    if context is not None and not context.empty:
        match = context[(context["ledger_id"] == multiple_id) & (context["place"] == "china")]
        national = None if match.empty else match.iloc[0]
    if national is None:
        return AuditRow("times_average", claim,
                        "needs the national average; neither the article nor the context data give it",
                        phrase("result.times_average_implied", implied=implied.formula),
                        NOT_CHECKABLE, ids)
    ratio = rate["value"] / national["value"]
    verdict = CONSISTENT if abs(ratio - multiple["value"]) < 0.05 + 1e-9 else INCONSISTENT
    return AuditRow("times_average", claim, "the rate over the national average, against the multiple",
                    phrase("result.formula", formula=f"{stated(rate)} ÷ {fmt(national['value'])}% = {fmt(ratio, 2)}"),
                    verdict,
                    ids + (national["id"],))


def rows_quoting(ledger: pd.DataFrame, claim_row: pd.Series) -> pd.DataFrame:
    """The other rows whose quote contains the claim row's quote (the rows it refers to)."""
    return ledger[(ledger["id"] != claim_row["id"])
                  & ledger["quote"].str.contains(claim_row["quote"], regex=False)]


def check_all_first(ledger: pd.DataFrame, count_id: str) -> AuditRow:
    """'N indicators all 1st' against the rows it refers to."""
    claim_row = _row(ledger, count_id)
    if claim_row is None:
        return _missing("all_first", "N indicators all first", (count_id,))
    referred = rows_quoting(ledger, claim_row)
    firsts = referred[referred["province_rank"] == 1]
    ok = len(referred) == int(claim_row["value"]) and len(firsts) == len(referred)
    return AuditRow(
        "all_first", phrase("claim.all_first", count=stated(claim_row)),
        "count the rows it refers to and their ranks",
        phrase("result.all_first", rows=len(referred), firsts=len(firsts), ids=", ".join(referred["id"])),
        CONSISTENT if ok else INCONSISTENT, (count_id, *referred["id"]))


def check_both_top(ledger: pd.DataFrame, count_id: str) -> AuditRow:
    """'Funds and cluster count both top three': the funds are not stated."""
    row = _row(ledger, count_id)
    if row is None:
        return _missing("both_top", "funds and cluster count both top n", (count_id,))
    return AuditRow(
        "both_top", phrase("claim.both_top", count=stated(row), n=int(row["province_rank"])),
        "needs the amount of the funds and the other cities' counts",
        phrase("result.both_top"),
        NOT_CHECKABLE, (count_id,))


def check_streak(ledger: pd.DataFrame, years_id: str) -> list[AuditRow]:
    """'First for N years in a row': the latest ranks, and the streak itself."""
    years = _row(ledger, years_id)
    if years is None:
        return [_missing("streak_ranks", "first for N years", (years_id,))]
    referred = rows_quoting(ledger, years)
    ranks_ok = not referred.empty and bool((referred["province_rank"] == years["province_rank"]).all())
    return [
        AuditRow("streak_ranks",
                 phrase("claim.streak_ranks", ids=", ".join(referred["id"]), rank=int(years["province_rank"])),
                 "the rows it refers to carry that rank",
                 phrase("result.plain",
                        text=", ".join(f"{r['id']}={r['province_rank']}" for _, r in referred.iterrows())),
                 CONSISTENT if ranks_ok else INCONSISTENT, (years_id, *referred["id"])),
        AuditRow("streak_years", phrase("claim.streak_years", rank=int(years["province_rank"]),
                                        years=stated(years)),
                 "needs each year's rank", phrase("result.streak_years"),
                 NOT_CHECKABLE, (years_id,)),
    ]


def check_target_pace(ledger: pd.DataFrame, target_id: str, to_date_id: str) -> AuditRow:
    """A full-year target against the pace of the months reported."""
    ids = (target_id, to_date_id)
    rows = _rows(ledger, ids)
    if rows is None:
        return _missing("target_pace", "full-year target against the pace so far", ids)
    target, to_date = rows
    pace = derive.required_pace(target, to_date)
    verdict = CONSISTENT if pace["needed"].value <= pace["pace_so_far"].value else INCONSISTENT
    return AuditRow(
        "target_pace",
        phrase("claim.target_pace", to_date=stated(to_date), period=to_date["period"], target=stated(target)),
        "monthly output needed for the rest of the year against the pace so far",
        phrase("result.target_pace", needed=pace["needed"].formula, pace=pace["pace_so_far"].formula,
               ratio=pace["needed_vs_pace"].formula, run_rate=pace["run_rate"].formula),
        verdict, ids)


def _sentence_of(text: str, quote: str) -> str:
    at = text.find(quote)
    if at < 0:
        return ""
    left = max(text.rfind(p, 0, at) for p in "。！？\n") + 1
    right = min([i for i in (text.find(p, at + len(quote)) for p in "。！？\n") if i != -1] or [len(text)])
    return text[left:right]


def check_dates(ledger: pd.DataFrame, text: str, year: int | None) -> AuditRow:
    """The article's dates against the ledger's periods.

    A row whose quote names a year (2022年底) must have a period in that year;
    otherwise a row whose sentence says 去年 (last year) must refer to
    ``year − 1`` and one that says 今年 (this year) to ``year``, the year of
    the article (None: unknown, so not checkable).
    """
    if year is None:
        return AuditRow("dates", phrase("claim.dates_unknown"), "needs the year of the article",
                        phrase("result.dates_unknown"), NOT_CHECKABLE, ())
    checked, wrong = [], []
    for _, r in ledger.iterrows():
        named = re.search(r"((?:19|20)\d{2})年", r["quote"])
        sentence = _sentence_of(text, r["quote"])
        if named:
            expected = int(named.group(1))
        elif "去年" in sentence:
            expected = year - 1
        elif "今年" in sentence:
            expected = year
        else:
            continue
        checked.append(r["id"])
        if not re.search(rf"(^|/){expected}", r["period"]):
            wrong.append(f"{r['id']} ({r['period']}, expected {expected})")
    return AuditRow(
        "dates", phrase("claim.dates", last=year - 1, this=year),
        "every row whose quote names a year, or whose sentence says 去年/今年, has a period in that year",
        (phrase("result.dates_wrong", rows=len(checked), wrong="; ".join(wrong)) if wrong
         else phrase("result.dates_ok", rows=len(checked))),
        INCONSISTENT if wrong else (CONSISTENT if checked else NOT_CHECKABLE), tuple(checked))


def check_external(ledger: pd.DataFrame, context: pd.DataFrame) -> list[AuditRow]:
    """Article figures also reported by an external source, side by side.

    Only external values within a year of the article's period count as the
    same figure reported again; older ones are context, not a check.
    """
    rows = []
    if context is None or context.empty:
        return rows
    comparable = context[(context["comparable"] == "yes") & (context["place"] == "huzhou")]
    for _, ext in comparable.iterrows():
        own = _row(ledger, ext["ledger_id"])
        if own is None or own["unit"] != ext["unit"]:
            continue
        if abs(_year(own["period"]) - _year(ext["period"])) > 1:
            continue  # an earlier value, not the same figure reported again
        same_period = own["period"] == ext["period"]
        differ = not math.isclose(own["value"], ext["value"])
        key = "result.external" + ("_diff" if differ else "") + ("" if same_period else "_dates")
        external = stated(as_row(ext))
        result = phrase(key, own=f"{stated(own)} ({own['period']})",
                        source=f"{ext['publisher']}, {ext['date']}", external=f"{external} ({ext['period']})",
                        difference=derive.difference(own, as_row(ext)).formula)
        if not same_period:
            verdict = NOT_CHECKABLE
        else:
            verdict = INCONSISTENT if differ else CONSISTENT
        rows.append(AuditRow(f"external_{ext['id']}", phrase("claim.external", id=own["id"], value=stated(own)),
                             "same figure in an external source", result, verdict,
                             (own["id"], ext["id"])))
    return rows


def check_award_places(context: pd.DataFrame) -> AuditRow:
    """The award's places: cities + counties + mountain counties = total (context data)."""
    ids = ("award_city_places", "award_county_places", "award_mountain_county_places",
           "award_places_total")
    values = {}
    for i in ids:
        found = context[context["id"] == i] if context is not None and not context.empty else []
        if len(found) == 0:
            return AuditRow("award_places", phrase("claim.award_missing"), "needs " + ", ".join(ids),
                            phrase("result.award_missing"), NOT_CHECKABLE, ids)
        values[i] = found.iloc[0]["value"]
    parts = [values[i] for i in ids[:3]]
    total = sum(parts)
    return AuditRow(
        "award_places", phrase("claim.award_places", total=fmt(values[ids[3]], 0)),
        " + ".join(fmt(p, 0) for p in parts) + f" = {fmt(total, 0)}",
        phrase("result.award_places", total=fmt(total, 0), stated=fmt(values[ids[3]], 0)),
        CONSISTENT if math.isclose(total, values[ids[3]]) else INCONSISTENT, ids)


def run_audit(ledger: pd.DataFrame, text: str, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every check on this ledger; one row each, with the verdict."""
    rows: list[AuditRow] = [
        check_span_years(ledger, "emerging_chain_share_2022", "emerging_chain_share_2024",
                         "emerging_chain_share_span_years"),
        check_doubling(ledger, "hightech_firms", "hightech_firms_doubling_years"),
        check_times_average(ledger, "talent_selection_rate", "talent_selection_vs_national", context),
        check_all_first(ledger, "green_first_place_indicators"),
        check_both_top(ledger, "funded_clusters"),
        *check_streak(ledger, "energy_saving_first_place_years"),
        check_target_pace(ledger, "jinjia_output_full_year_target", "jinjia_output_jan_apr"),
        check_dates(ledger, text, article_year(context)),
        *check_external(ledger, context),
    ]
    if context is not None and not context.empty:
        rows.append(check_award_places(context))
    frame = pd.DataFrame({
        "check_id": [r.check_id for r in rows], "claim": [r.claim for r in rows],
        "check": [r.check for r in rows], "result": [r.result for r in rows],
        "verdict": [r.verdict for r in rows], "ids": [", ".join(r.ids) for r in rows],
        "claim_phrase": [r.claim_phrase for r in rows], "result_phrase": [r.result_phrase for r in rows],
    })
    return frame



def unstated(ledger: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """What a reader would need but the article does not give, by rule.

    One row per (ledger id, need): ``rank_base`` (a rank without the other
    places' values), ``denominator`` (a share without its totals), ``level``
    (a growth rate without the level), ``exact`` (an approximate or lower-bound
    figure), ``target_basis`` (an expectation), ``flow`` (a year-end stock
    without the year's additions), ``external_rank`` (a rank that only an
    external source gives).
    """
    needs: list[tuple[str, str, str]] = []
    for _, r in ledger.iterrows():
        metric = r["metric_zh"]
        if not pd.isna(r["province_rank"]):
            needs.append((r["section"], r["id"], "rank_base"))
        if r["unit"] == "%" and any(w in metric for w in ("占比", "比重", "率")):
            needs.append((r["section"], r["id"], "denominator"))
        if any(w in metric for w in ("增速", "增长")):
            needs.append((r["section"], r["id"], "level"))
        if r["qualifier"] in ("approx", "at_least"):
            needs.append((r["section"], r["id"], "exact"))
        if r["qualifier"] == "target":
            needs.append((r["section"], r["id"], "target_basis"))
        if r["period"].endswith("-12-31") and r["unit"] in ("家", "个"):
            needs.append((r["section"], r["id"], "flow"))
    if context is not None and not context.empty:
        ranked = context[(context["rank"] != "") & (context["ledger_id"] != "")]
        for _, ext in ranked.iterrows():
            own = ledger[ledger["id"] == ext["ledger_id"]]
            if not own.empty and pd.isna(own.iloc[0]["province_rank"]):
                needs.append((own.iloc[0]["section"], ext["ledger_id"], "external_rank"))
    return pd.DataFrame(needs, columns=["section", "id", "need"])


def verdicts_by_id(audit: pd.DataFrame) -> dict[str, str]:
    """For each ledger id, the audit checks that used it and their verdicts."""
    found: dict[str, list[str]] = {}
    for _, r in audit.iterrows():
        for ledger_id in filter(None, r["ids"].split(", ")):
            found.setdefault(ledger_id, []).append(f"{r['check_id']}:{r['verdict']}")
    return {k: "; ".join(v) for k, v in found.items()}
