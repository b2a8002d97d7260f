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
from .derive import fmt, stated

CONSISTENT, INCONSISTENT, NOT_CHECKABLE = "consistent", "inconsistent", "not_checkable"
VERDICTS = (CONSISTENT, INCONSISTENT, NOT_CHECKABLE)
MISSING = "a row it needs is missing from the ledger"
CONFERENCE_ID = "award_conference_2025"  # context row: the conference the article reports


def article_year(context: pd.DataFrame | None) -> int | None:
    """The year the article was written: that of the conference it reports (context data)."""
    if context is None or context.empty or CONFERENCE_ID not in set(context["id"]):
        return None
    return int(context.loc[context["id"] == CONFERENCE_ID, "value"].iloc[0])


@dataclass(frozen=True)
class AuditRow:
    check_id: str
    claim: str
    check: str
    result: str
    verdict: str
    ids: tuple[str, ...]


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
    return AuditRow(check_id, claim, "needs ledger rows " + ", ".join(ids),
                    MISSING, NOT_CHECKABLE, ids)


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
        f"{stated(before)} → {stated(after)} in {stated(years)}",
        f"{after['period']} − {before['period']} = {fmt(distance)} years; change {change.formula}",
        f"{fmt(distance)} years vs {stated(years)}; {change.formula}; "
        f"{derive.annual_pp_rate(change, years).formula}",
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
    claim = f"{stated(value)}, doubled in {stated(years)}"
    if earlier is None:
        return AuditRow("doubling", claim,
                        "needs the value of N years earlier; the article does not give it",
                        f"implied: earlier {base.formula}; growth {rate.formula}",
                        NOT_CHECKABLE, ids)
    ratio = value["value"] / earlier["value"]
    verdict = CONSISTENT if ratio >= 2 - 1e-9 else INCONSISTENT
    return AuditRow("doubling", claim, "the later value is at least twice the earlier one",
                    f"{stated(value)} ÷ {stated(earlier)} = {fmt(ratio, 2)}", verdict, ids + (earlier["id"],))


def check_times_average(ledger: pd.DataFrame, rate_id: str, multiple_id: str,
                        context: pd.DataFrame | None = None) -> AuditRow:
    """'k times the national average': implied average; checked if context gives one."""
    ids = (rate_id, multiple_id)
    rows = _rows(ledger, ids)
    if rows is None:
        return _missing("times_average", "k times the national average", ids)
    rate, multiple = rows
    implied = derive.times_average(rate, multiple)
    claim = f"{stated(rate)} = {stated(multiple)} the national average"
    national = None
    if context is not None and not context.empty:
        match = context[(context["ledger_id"] == multiple_id) & (context["place"] == "china")]
        national = None if match.empty else match.iloc[0]
    if national is None:
        return AuditRow("times_average", claim,
                        "needs the national average; neither the article nor the context data give it",
                        f"implied national average {implied.shown} ({implied.formula})",
                        NOT_CHECKABLE, ids)
    ratio = rate["value"] / national["value"]
    verdict = CONSISTENT if abs(ratio - multiple["value"]) < 0.05 + 1e-9 else INCONSISTENT
    return AuditRow("times_average", claim, "the rate over the national average, against the multiple",
                    f"{stated(rate)} ÷ {fmt(national['value'])}% = {fmt(ratio, 2)}", verdict,
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
        "all_first", f"{stated(claim_row)}, all first in the province",
        "count the rows it refers to and their ranks",
        f"{len(referred)} rows, {len(firsts)} ranked 1st: " + ", ".join(referred["id"]),
        CONSISTENT if ok else INCONSISTENT, (count_id, *referred["id"]))


def check_both_top(ledger: pd.DataFrame, count_id: str) -> AuditRow:
    """'Funds and cluster count both top three': the funds are not stated."""
    row = _row(ledger, count_id)
    if row is None:
        return _missing("both_top", "funds and cluster count both top n", (count_id,))
    return AuditRow(
        "both_top", f"{stated(row)} funded clusters; funds and count both top {int(row['province_rank'])}",
        "needs the amount of the funds and the other cities' counts",
        "the article states neither the funds nor the province's figures",
        NOT_CHECKABLE, (count_id,))


def check_streak(ledger: pd.DataFrame, years_id: str) -> list[AuditRow]:
    """'First for N years in a row': the latest ranks, and the streak itself."""
    years = _row(ledger, years_id)
    if years is None:
        return [_missing("streak_ranks", "first for N years", (years_id,))]
    referred = rows_quoting(ledger, years)
    ranks_ok = not referred.empty and bool((referred["province_rank"] == years["province_rank"]).all())
    return [
        AuditRow("streak_ranks", f"{', '.join(referred['id'])}: rank {int(years['province_rank'])}",
                 "the rows it refers to carry that rank",
                 ", ".join(f"{r['id']}={r['province_rank']}" for _, r in referred.iterrows()),
                 CONSISTENT if ranks_ok else INCONSISTENT, (years_id, *referred["id"])),
        AuditRow("streak_years", f"rank {int(years['province_rank'])} for {stated(years)} in a row",
                 "needs each year's rank", "the article gives no year-by-year ranks",
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
        "target_pace", f"{stated(to_date)} in {to_date['period']}, full year {stated(target)}",
        f"needed {pace['needed'].formula}; pace so far {pace['pace_so_far'].formula}",
        f"needed {pace['needed'].formula}; pace {pace['pace_so_far'].formula}; "
        f"{pace['needed_vs_pace'].formula}; run-rate {pace['run_rate'].formula}",
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
        return AuditRow("dates", "“去年”, “今年”", "needs the year of the article",
                        "the context data do not give the conference the article reports",
                        NOT_CHECKABLE, ())
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
        "dates", f"“去年” = {year - 1}, “今年” = {year}, named years as stated",
        "every row whose quote names a year, or whose sentence says 去年/今年, has a period in that year",
        f"{len(checked)} rows checked; " + ("mismatches: " + "; ".join(wrong) if wrong else "all match"),
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
        gap = ext["value"] - own["value"]
        result = (f"article {stated(own)} ({own['period']}); {ext['publisher']}, {ext['date']}: "
                  f"{fmt(ext['value'], 2).rstrip('0').rstrip('.')}{ext['unit']} ({ext['period']})")
        if differ:
            result += f"; difference {'+' if gap > 0 else ''}{fmt(gap, 1)}{' pp' if ext['unit'] == '%' else ext['unit']}"
        if not same_period:
            verdict = NOT_CHECKABLE
            result += "; different dates"
        else:
            verdict = INCONSISTENT if differ else CONSISTENT
        rows.append(AuditRow(f"external_{ext['id']}", f"{own['id']}: {stated(own)}",
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
            return AuditRow("award_places", "places per year", "needs " + ", ".join(ids),
                            "missing from the context data", NOT_CHECKABLE, ids)
        values[i] = found.iloc[0]["value"]
    parts = [values[i] for i in ids[:3]]
    total = sum(parts)
    return AuditRow(
        "award_places", f"{fmt(values[ids[3]], 0)} places a year (external)",
        " + ".join(fmt(p, 0) for p in parts) + f" = {fmt(total, 0)}",
        f"{fmt(total, 0)} vs {fmt(values[ids[3]], 0)}",
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
    frame = pd.DataFrame([r.__dict__ for r in rows])
    frame["ids"] = frame["ids"].map(", ".join)
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
