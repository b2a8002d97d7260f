"""Key findings: the few sentences a page opens with, each computed from the ledger, the context data or
``helpers.derive``, and each linked to the table or figure behind it.

A notebook lists its findings in a cell after its introduction (the ledger ids are the article's choice, so
they stay in the notebook) and shows them with ``show``; the sentences are the glossary's ``finding.*`` keys,
filled with figures as the article states them (``derive.stated``: its ≥, ≈ and 有望 kept) or as derived
(``Derived.shown``: bounds as bounds, never "="), in the reader's language. ``show`` also writes
``findings/<page>.json`` under ``out_dir``: the site's index takes the findings marked ``main`` from there
(the publishing wing reads files, it never calls the analysis).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from IPython.display import HTML, display

from .. import derive, markup
from ..audit import VERDICTS
from ..derive import stated
from ..ledger import indicators
from ..notebook import Notebook
from ..reconcile import disagreements, rows_not_found
from ..unstated import unstated
from . import source_page

FOLDER = "findings"  # under out_dir: one JSON file per page


@dataclass(frozen=True)
class Finding:
    """One finding: its glossary sentence ``key`` and the words that fill it (figures already shown in the
    reader's language), the table or figure behind it (``target``: its name, ``kind`` table or figure), the
    ledger ids it reads, and whether the index shows it (``main``)."""

    key: str
    fill: dict[str, str]
    target: str
    kind: str = "figure"
    ids: tuple[str, ...] = ()
    main: bool = False
    numbers: tuple[str, ...] = field(default=(), compare=False)  # the figures it states, as shown

    def sentence(self, R: Notebook) -> str:
        """The finding in the reader's language (an English one starts with a capital: 'End of 2024: …')."""
        words = R.t(self.key, **self.fill)
        return words[:1].upper() + words[1:] if R.lang == "en" else words


def _value(R: Notebook, ledger_id: str) -> str:
    return R.local(stated(R.row(ledger_id)))


def _shown(R: Notebook, d: derive.Derived) -> str:
    return R.local(d.shown)


def _signed(R: Notebook, d: derive.Derived) -> str:
    """A change as shown, with its sign: +3.6 pp, −1.2 pp."""
    shown = _shown(R, d)
    return shown if d.shown_value <= 0 or shown.startswith(("+", "-", "−")) else "+" + shown


def _finding(key: str, fill: dict[str, str], target: str, kind: str, ids: Sequence[str], main: bool,
             numbers: Sequence[str]) -> Finding:
    return Finding(key, fill, target, kind, tuple(ids), main, tuple(numbers))


def _shared_name(first: str, second: str) -> str:
    """What two rows' names have in common, cut where their own parts begin (a period in brackets or after a
    comma: 占比（2022年底） and 占比（2024年底） → 占比); the second name when they share no such part."""
    common = os.path.commonprefix([first, second])
    if common == second:
        return second
    cut = max(common.rfind(mark) for mark in ("（", "(", ",", "，"))
    return common[:cut].rstrip() if cut > 0 else second


def change(R: Notebook, before: str, after: str, span: str, target: str, *, kind: str = "figure",
           main: bool = False) -> Finding:
    """A share's change between two article figures (percentage points) and its yearly rate over ``span``."""
    b, a = R.row(before), R.row(after)
    moved = derive.pp_change(b, a)
    rate = derive.annual_pp_rate(moved, R.row(span))
    direction = "rise" if moved.value >= 0 else "fall"
    fill = {"metric": _shared_name(R.metric(b), R.metric(a)), "before": _value(R, before),
            "before_period": R.period_text(b["period"]),
            "after": _value(R, after), "after_period": R.period_text(a["period"]),
            "change": _shown(R, moved).lstrip("-−"), "rate": _shown(R, rate).lstrip("-−")}  # the words give the sign
    return _finding(f"finding.change_{direction}", fill, target, kind, (before, after, span), main,
                    (fill["before"], fill["after"], fill["change"], fill["rate"]))


def versus(R: Notebook, own: str, earlier: str, other: str, target: str, *, kind: str = "figure",
           main: bool = False) -> Finding:
    """An article figure against an earlier external value of the place (the change since) and another
    place's external value of another year (a rough distance only)."""
    row, before, elsewhere = R.row(own), R.external(earlier), R.external(other)
    since, gap = derive.pp_change(before, row), derive.pp_change(elsewhere, row)
    fill = {"metric": R.metric(row), "value": _value(R, own), "period": R.period_text(row["period"]),
            "since": _signed(R, since), "earlier_period": R.period_text(before["period"]),
            "gap": _signed(R, gap), "place": R.place_name(), "other": R.place_name(elsewhere["place"]),
            "other_period": R.period_text(elsewhere["period"])}
    return _finding("finding.versus", fill, target, kind, (own,), main, (fill["value"], fill["since"], fill["gap"]))


def ranked(R: Notebook, ids: Sequence[str], target: str, *, kind: str = "figure", main: bool = False) -> Finding:
    """Figures with their ranks: 'metric value (rank)', joined; a row without a rank is given without one."""
    parts, numbers = [], []
    for i in ids:
        row = R.row(i)
        rank = R.rank_text(row)
        numbers.append(_value(R, i))
        parts.append(R.t("finding.item_ranked" if rank else "finding.item", metric=R.metric(row),
                         value=numbers[-1], rank=rank))
    items = R.t("source.list_separator").join(parts)
    period = {R.t("finding.undated") if R.row(i)["period"] == "publication" else R.period_text(R.row(i)["period"])
              for i in ids}  # 'publication' is the ledger's reading of a figure the article does not date
    key = "finding.ranked_in" if len(period) == 1 else "finding.ranked"
    return _finding(key, {"items": items, "period": period.pop() if len(period) == 1 else ""},
                    target, kind, ids, main, numbers)


def times_average(R: Notebook, rate: str, multiple: str, target: str, *, kind: str = "figure",
                  main: bool = False) -> Finding:
    """'k times the average': the average it implies."""
    average = derive.times_average(R.row(rate), R.row(multiple))
    fill = {"metric": R.metric(R.row(rate)), "rate": _value(R, rate), "multiple": _value(R, multiple),
            "average": _shown(R, average)}
    return _finding("finding.times_average", fill, target, kind, (rate, multiple), main,
                    (fill["rate"], fill["multiple"], fill["average"]))


def doubling(R: Notebook, value: str, years: str, target: str, *, kind: str = "figure",
             main: bool = False) -> Finding:
    """'Doubled in N years': the earlier level at most, and the yearly growth at least."""
    earlier, growth = derive.doubling(R.row(value), R.row(years))
    fill = {"metric": R.metric(R.row(value)), "value": _value(R, value), "years": _value(R, years),
            "earlier": _shown(R, earlier), "growth": _shown(R, growth)}
    return _finding("finding.doubling", fill, target, kind, (value, years), main,
                    (fill["value"], fill["earlier"], fill["growth"]))


def pace(R: Notebook, expected: str, to_date: str, target: str, *, kind: str = "table",
         main: bool = False) -> Finding:
    """An expected full-year figure: what the rest of the year needs a month against the pace so far."""
    found = derive.required_pace(R.row(expected), R.row(to_date))
    fill = {"metric": R.metric(R.row(expected)), "expected": _value(R, expected), "to_date": _value(R, to_date),
            "period": R.period_text(R.row(to_date)["period"]), "pace": _shown(R, found["pace_so_far"]),
            "needed": _shown(R, found["needed"]), "ratio": _shown(R, found["needed_vs_pace"])}
    return _finding("finding.pace", fill, target, kind, (expected, to_date), main,
                    (fill["expected"], fill["to_date"], fill["pace"], fill["needed"], fill["ratio"]))


def share_and_average(R: Notebook, part: str, whole: str, amount: str, target: str, *, kind: str = "table",
                      main: bool = False) -> Finding:
    """A part of a whole as a share, and an amount per unit of the part (an average, not what each got)."""
    p, w, a = R.row(part), R.row(whole), R.row(amount)
    portion, average = derive.share(p, w), derive.per_unit(a, p)
    fill = {"part": R.metric(p), "part_value": _value(R, part), "whole": R.metric(w), "whole_value": _value(R, whole),
            "share": _shown(R, portion), "amount_metric": R.metric(a), "amount": _value(R, amount), "average": _shown(R, average)}
    return _finding("finding.share_and_average", fill, target, kind, (part, whole, amount), main,
                    (fill["part_value"], fill["whole_value"], fill["share"], fill["amount"], fill["average"]))


def streak(R: Notebook, wins: str, first_ceremony: str, conference: str, evaluated: str, target: str, *,
           kind: str = "table", main: bool = False) -> Finding:
    """A run of yearly wins (the article) placed in years: the ceremonies from the first one (external),
    and the years those ceremonies judged."""
    row = R.row(wins)
    last = derive.consecutive_years(R.external(first_ceremony), row)
    judged = derive.years_evaluated(last, row, R.external(conference), R.external(evaluated))
    n = row["value"]
    span = lambda end: R.period_text(f"{derive.fmt(end - n + 1, 0)}/{derive.fmt(end, 0)}")  # noqa: E731
    fill = {"place": R.place_name(), "wins": derive.fmt(n, 0), "ceremonies": span(last.value),
            "evaluated": span(judged.value)}
    return _finding("finding.streak", fill, target, kind, (wins,), main,
                    (fill["wins"], fill["ceremonies"], fill["evaluated"]))


def places_a_year(R: Notebook, parts: Sequence[str], target: str, *, kind: str = "figure",
                  main: bool = False) -> Finding:
    """How many places an award goes to each year: the external figures per kind of place and their sum."""
    rows = [R.external(i) for i in parts]
    summed = derive.total(rows)
    items = R.t("source.list_separator").join(
        R.t("finding.item", metric=r[f"indicator_{R.lang}"], value=R.local(stated(r))) for r in rows)
    fill = {"total": derive.fmt(summed.shown_value, 0), "items": items}
    return _finding("finding.places_a_year", fill, target, kind, (), main, (fill["total"],))


def place_list(R: Notebook, table: str, target: str, *, kind: str = "figure", main: bool = False) -> Finding:
    """A list of places (a context table with ``kind`` city or county and ``city_zh``): how many, of each
    kind, and how many in the article's own city."""
    places = R.context_table(table)
    fill = {"total": str(len(places)), "cities": str(int((places["kind"] == "city").sum())),
            "counties": str(int((places["kind"] == "county").sum())), "place": R.place_name(),
            "own": str(int((places["city_zh"] == R.place.name("zh")).sum()))}
    return _finding("finding.place_list", fill, target, kind, (), main,
                    (fill["total"], fill["cities"], fill["counties"], fill["own"]))


def ranks(R: Notebook, target: str, *, kind: str = "figure", main: bool = False) -> Finding:
    """The indicators ranked in the province (summaries left out): how many, how many at each exact rank, how
    many given only as 'top n' (every ranked indicator counted once)."""
    rows = indicators(R.ledger)
    rows = rows[rows["rank"].notna() & (rows["scope"] == "province")]
    exact = rows[rows["rank_kind"] == "exact"]["rank"].astype(int).value_counts().sort_index()
    counts = [str(int(c)) for c in exact]
    items = R.t("source.list_separator").join(R.t("finding.rank_count", rank=R.t("rank.exact.province", n=int(r)),
                                             count=c) for r, c in zip(exact.index, counts))
    fill = {"place": R.place_name(), "ranked": str(len(rows)), "items": items,
            "top": str(int((rows["rank_kind"] == "top_n").sum()))}
    return _finding("finding.ranks", fill, target, kind, tuple(rows["id"]), main,
                    (fill["ranked"], *counts, fill["top"]))


def audit(R: Notebook, result: pd.DataFrame, target: str, *, kind: str = "table", main: bool = False) -> Finding:
    """The audit's findings by verdict."""
    counts = result["verdict"].value_counts()
    fill = {"findings": str(len(result)), **{v: str(int(counts.get(v, 0))) for v in VERDICTS}}
    return _finding("finding.audit", fill, target, kind, (), main, tuple(fill.values()))


def left_unsaid(R: Notebook, target: str, *, kind: str = "table", main: bool = False) -> Finding:
    """What a reader needs and the article does not give: how many pieces, on how many indicators."""
    needs = unstated(R.ledger, R.context_figures(), R.article.text)
    fill = {"items": str(len(needs)), "rows": str(needs["id"].nunique())}
    return _finding("finding.unstated", fill, target, kind, (), main, tuple(fill.values()))


def ledger_kinds(R: Notebook, target: str, *, kind: str = "table", main: bool = False,
                 found: pd.DataFrame | None = None) -> Finding:
    """The ledger: how many claims, how many with a figure; what the extractor finds in the text (``found``:
    ``source_page.claims``), and how much of it neither the ledger nor an exclusion accounts for."""
    with_figure = int(R.ledger["value"].notna().sum())
    found = source_page.claims(R) if found is None else found
    fill = {"rows": str(len(R.ledger)), "figures": str(with_figure), "others": str(len(R.ledger) - with_figure),
            "found": str(len(found)), "unmatched": str(int((found["match"] == "unmatched").sum()))}
    return _finding("finding.ledger", fill, target, kind, (), main, tuple(fill.values()))


def agreement(R: Notebook, target: str, *, kind: str = "table", main: bool = False,
              found: pd.DataFrame | None = None) -> Finding:
    """The ledger against the extractor: rows it finds in the text, fields where they differ, and how many of
    those the ledger's note does not explain."""
    found = source_page.claims(R) if found is None else found
    missing = rows_not_found(found, R.ledger, R.article.text)
    fields = disagreements(R.ledger, found, R.article.text)
    fill = {"rows": str(len(R.ledger)), "found": str(len(R.ledger) - len(missing)), "differ": str(len(fields)),
            "unexplained": str(int((~fields["noted"]).sum()))}
    return _finding("finding.agreement", fill, target, kind, (), main, tuple(fill.values()))


def sections(R: Notebook, target: str, *, kind: str = "table", main: bool = False) -> Finding:
    """The cleaned page: paragraphs and sections, and the doubled captions dropped."""
    clean = R.article.clean
    fill = {"paragraphs": str(len(clean.paragraphs)), "sections": str(len(R.article.sections)),
            "dropped": str(len(clean.dropped_captions))}
    return _finding("finding.sections", fill, target, kind, (), main, tuple(fill.values()))


def anchor(page: str, index: int) -> str:
    """The element id of a page's finding: ``finding-2-1``."""
    return f"finding-{int(page[:2]) if page[:2].isdigit() else 0}-{index}"


def html_of(R: Notebook, page: str, found: Sequence[Finding]) -> str:
    """The findings block: a title, then one numbered sentence per finding, each with a link to its table
    or figure (the link works by touch; the target's name anchors it, ``markup.table`` / ``markup.figure``)."""
    items = []
    for i, f in enumerate(found, 1):
        see = markup.esc(R.t(f"finding.see_{f.kind}"))
        items.append(f'<li id="{anchor(page, i)}">{markup.text(f.sentence(R), R.lang)} '
                     f'<a class="finding-link" href="#{markup.esc(f.target)}">{see}</a></li>')
    return (f'<section class="findings" id="findings" aria-label="{markup.esc(R.t("finding.title"))}">'
            f'<p class="findings-title"><strong>{markup.esc(R.t("finding.title"))}</strong></p>'
            f'<ol class="findings-list">{"".join(items)}</ol></section>')


def record(R: Notebook, page: str, found: Sequence[Finding]) -> bytes:
    """``findings/<page>.json``: each finding's sentence, its anchor on the page, whether the index shows it,
    and the ledger ids it reads."""
    items = [{"text": f.sentence(R), "anchor": anchor(page, i), "main": f.main, "ids": list(f.ids)}
             for i, f in enumerate(found, 1)]
    return (json.dumps({"page": page, "findings": items}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def show(R: Notebook, page: str, found: Sequence[Finding]) -> None:
    """Show a page's findings and write them for the site's index (``findings/<page>.json``)."""
    R.write_file(f"{FOLDER}/{page}.json", record(R, page, found))
    display(HTML(html_of(R, page, found)))
