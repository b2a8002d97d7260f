"""Cases: other articles of the genre, each in ``cases/NAME/`` laid out like ``data/``.

``python -m helpers new-case NAME ARTICLE [--date YYYY-MM-DD]`` (this module,
run by the command line in its own process) makes the folder:

``raw/article_ocr.txt``   the file as given, never edited
``raw/SOURCE.md``         what is known of the page (a template to fill in)
``raw/article_meta.csv``  title (the first heading), reference date (``--date``: the article's
                          publication date, from which 去年 and 今年 resolve; unset without it)
``raw/sections.csv``      the sections as detected by rule (headings), marked as detected
``indicators.csv``        the drafted ledger: one row per claim the extractor finds, ``curation`` = draft
``claim_exclusions.csv``  the name-like numerals (ordinals, bare numbers), drafted as exclusions
``audit_checks.csv``      checks suggested by the claims' kinds
``glossary.csv``          the case's own wording over the project's (at first: its site's title and summary)
``curation.csv``          what the drafter wrote last and what the curator deleted or changed (below)
``datapackage.json``      the files' Table Schemas

Drafting. A row's quote is the clause the claim stands in; its metric names what the figure counts
(``naming``: measure, subject and level, not the clause; a claim in words keeps its clause), and
``metric_en`` is composed from the official term list (``terms``), empty where the terms cover too little
(English pages mark it "not translated"). A rank at any
scope (national, province, city, a named group such as 山区26县) in the
clause of a figure or streak, or opening the clause after it, is that row's
rank (as the project's ledger does); a rank said of several claims (均, 分列)
is each one's (``_share_ranks``); a rank of nothing drafted is a rank row. A
row's period comes from the extractor, with a note where its quote does not
show the time (``period_note``). Ids are the section and the row's place in it (``section_2_03``):
the words of a metric are Chinese, so an id made from them would need a
transliteration; a curator renames ids freely.

Curation. A researcher edits rows, deletes some, fills ``metric_en`` and sets
``curation`` to ``checked``. ``--update`` drafts again (after an edit of the
article, or with ``--date``): every row the curator touched is kept as it is,
rows of the last draft nobody touched give way to the new draft, and new
claims come in as drafts. ``curation.csv`` keeps the record: each drafted
row with the fingerprint it was written with (so an untouched row is told
from an edited one), each row the curator had touched, and each claim the
curator deleted or changed, which is never drafted again. Suggested checks are renewed for the rows that
exist; a run drops, with one line, a check that uses a deleted row.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import signal
import sys
from pathlib import Path

import pandas as pd

from . import datapackage, paths, periods
from .claims import clause_around, extract_claims
from .curation import CURATION_FILE, curation_record, merge, read_curation, rows_where
from .files import DataError, atomic_write, read_csv_text
from .ledger import COLUMNS, EXCLUSION_COLUMNS, load_exclusions, load_indicators
from .lexicon import (
    ALL_WORDS,
    AVERAGE_WORD,
    CLAUSE_JOIN,
    CN_NUMERAL,
    DOUBLING_WORDS,
    GROWTH_WORDS,
    LINK_PREFIXES,
    LINK_VERBS,
    LIST_JOINS,
    NOT_A_LEVEL_UNITS,
    RELATIVE_OPENERS,
    RESPECTIVELY_RANKS,
    TIME_PHRASE_OPENERS,
    TRAILING,
)
from .meta import META_FILE, read_meta
from .naming import claim_words, name_of
from .numerals import to_number
from .registry import KIND_NAMES, VALUE_KINDS, WORDED_KINDS, columns
from .script import without_glosses
from .source import SENTENCE_BREAK, Article, ArticleError, Sentences, load_article, read_structure, read_text
from .terms import english

DRAFTED = KIND_NAMES  # every kind of claim the ledger holds
NAME_LIKE = ("ordinal", "number")
# Words between a metric and its figure ("企业达2071家", "增长12.5%"), left out of the drafted metric.
LINKING = re.compile(f"(?:{'|'.join(LINK_PREFIXES)})?(?:{'|'.join(LINK_VERBS)})+$")
# "3项指标均…", "三项指标增速均…": how many claims a shared rank is said of, and the unit it counts them in.
COUNTED = re.compile(rf"([\d{CN_NUMERAL}]+)(项|个)(?:指标)?[^{CLAUSE_JOIN}。]{{0,4}}(?:{'|'.join(ALL_WORDS)})")
LIST_SPLIT = re.compile("|".join(sorted(map(re.escape, LIST_JOINS), key=len, reverse=True)))
QUOTE_TRIM = " 、，,"
GROWTH = re.compile("|".join(GROWTH_WORDS))


# The drafted note on a period its quote does not show, by where it came from (claims.PERIOD_VIA).
PERIOD_NOTES = {
    "sentence": "period: from 「{words}」 earlier in the sentence (draft)",
    "paragraph": "period: from 「{words}」, which opens an earlier sentence of the paragraph (draft)",
    "part": "period: from 「{words}」 in the sentence before, of which this one (其中) states a part (draft)",
    "heading": "period: from 「{words}」 in the section's heading (draft)",
    "list": "period: 「{words}」, paired with this figure by 分别 (draft)",
    "streak": "period: the years of the streak 「{words}」 (draft)",
    "reference": "period: a streak with no time in the text, counted to the reference year (draft)",
}


class CaseError(ValueError):
    """A case that cannot be made or updated; the message says why and what to do."""


def case_dir(name: str) -> Path:
    """``cases/NAME/`` for a valid name (lower-case letters, digits, ``-`` and ``_``)."""
    try:
        return paths.case_folder(name)
    except ValueError as exc:
        raise CaseError(str(exc)) from None


def metric_words(clause: str, figure_at: int, previous: str = "", *, figure_end: int | None = None,
                 begin: int = 0, unit: str = "", first: str = "", kind: str = "") -> str:
    """What a figure counts, named by ``naming.name_of`` from the clause's words before it (from ``begin``, where
    the figure before it in the clause ends) and after it (from ``figure_end``); ``first`` is the name of the
    clause's first figure for a figure that follows it. A claim in words (no unit), or a figure no name is found
    for, keeps the clause's words before it without a time phrase (由2022年底的…) or the linking verb, or when
    these are too few, the whole clause, after the metric of the clause just before it when there is one
    ("" for a figure that follows another: the drafter names it by its quote)."""
    if isinstance(unit, str) and unit:  # a figure: named by what it counts (a claim in words keeps its words, below)
        after = clause[figure_end:] if figure_end is not None else ""
        named = name_of(clause[begin:figure_at], after, unit, first, previous)
        if named or first:
            return named
    elif first:
        return ""
    elif kind in WORDED_KINDS:  # a first, an only, a lead, a standing: its clause is its name
        return claim_words(clause)
    before = without_glosses(clause[:figure_at]).strip(" “”\"'")  # 动力(dònglì)变革 → 动力变革
    before = re.split(f"(?<=..)(?:{'|'.join(TIME_PHRASE_OPENERS)})", before, maxsplit=1)[0]
    before = LINKING.sub("", before).strip()
    if len(before) >= 4 and not before.startswith(RELATIVE_OPENERS):
        return before
    whole = without_glosses(clause).strip()
    return f"{previous}：{whole}" if previous else whole


def section_of(article: Article, offset: int) -> str:
    """The section that holds ``offset``: a paragraph's section, or the section a heading heads; the
    title's claims go to the first section (the ledger has no title section)."""
    named = [s for s in article.sections if s.name not in ("captions", "title")]
    for section in named:
        if any(p.start <= offset < p.end for p in section.paragraphs):
            return section.name
    for paragraph in article.clean.paragraphs:
        if paragraph.start <= offset < paragraph.end and paragraph.kind == "heading":
            return next((s.name for s in named if s.heading == paragraph.text), named[0].name if named else "intro")
    return named[0].name if named else "intro"


def draft(article: Article, reference: periods.Reference | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The drafted ledger and exclusions of an article (every row ``curation`` = draft).

    Claims are drafted clause by clause. A clause with several figures is cut
    between them, so that each row's quote holds its own figure and no other
    figure's time (由2022年底的18.4% | 提升至去年底的27.6%); a rank joins the
    figure or streak before it in the clause, or, when it opens its clause, the
    last figure of the clause just before (增长10.4%，增速居全省第二).
    """
    text = article.text
    claims = extract_claims(text, reference)
    clauses: dict[tuple[int, int], list[dict]] = {}
    exclusions: list[dict[str, str]] = []
    for _, claim in claims.iterrows():
        span = clause_around(text, int(claim["start"]), int(claim["end"]))
        clause = text[span[0]:span[1]]
        if claim["kind"] in NAME_LIKE:
            exclusions.append({"span": claim["span"], "context": clause, "reason_zh": "名称或序号中的数字（草稿）",
                               "reason_en": "a numeral in a name or an order (draft)"})
            continue
        if claim["kind"] not in DRAFTED:
            continue
        if claim["kind"] == "rank" and not (claim["value"] >= 1 and float(claim["value"]).is_integer()):
            exclusions.append({"span": claim["span"], "context": clause, "reason_zh": "不是有效的名次（草稿）",
                               "reason_en": "not a rank: a rank is a whole number from 1 (draft)"})
            continue
        items = clauses.setdefault(span, [])
        host = items[-1] if items else None
        if (claim["kind"] == "rank" and host is not None and host["claim"]["kind"] in VALUE_KINDS
                and host["rank"] is None and "中" not in text[host["end"]:int(claim["start"])]):  # 20个县中第六
            host["rank"], host["end"] = claim, int(claim["end"])
            continue
        before = _host_before(clauses, span, text, int(claim["start"])) if claim["kind"] == "rank" and not items \
            else None
        if before is not None:  # 增长10.4%，增速居全省第二: the rank of the figure just before
            before["rank"], before["stop"] = claim, int(claim["end"])
            continue
        end = int(claim["end"])
        while end < span[1] and end - int(claim["end"]) < 2 and text[end] in TRAILING:  # 2年间, 去年底
            end += 1
        items.append({"claim": claim, "rank": None, "end": end})
    rows: list[dict] = []
    for (left, right), items in sorted(clauses.items()):
        subject = ""
        for i, item in enumerate(items):
            claim, rank = item["claim"], item["rank"]
            begin = left if i == 0 else items[i - 1]["end"]
            quote, at = _stripped(text, begin, item.get("stop") or (right if i == len(items) - 1 else item["end"]))
            metric = metric_words(text[left:right], int(claim["start"]) - left, _previous_metric(rows, text, left) if i == 0
                                  else "", figure_end=int(claim["end"]) - left, begin=begin - left, unit=claim["unit"],
                                  first=subject, kind=claim["kind"]) or (quote if subject == text[left:right].strip() else f"{subject}：{quote}")
            subject = subject or metric.split("：")[0]
            section = section_of(article, int(claim["start"]))
            has_value = claim["kind"] in VALUE_KINDS
            period, note = claim["period"] or "publication", period_note(claim, quote)
            if not periods.is_period(period):  # 达1025年 read as a duration: a year before 1000
                period, note = "publication", f"period: the extractor reads {claim['period']!r}, not a date (draft)"
            ranked = rank if rank is not None else claim if claim["kind"] == "rank" else None
            rows.append({
                "id": f"_{len(rows)}", "section": section, "topic": "draft",
                "kind": claim["kind"], "metric_zh": metric, "metric_en": english(metric),
                "value": _written(claim["value"]) if has_value else "", "unit": claim["unit"] if has_value else "",
                "qualifier": claim["qualifier"], "period": period,
                "rank": _written(ranked["value"]) if ranked is not None else "",
                "rank_kind": ranked["rank_kind"] if ranked is not None else "",
                "scope": ranked["scope"] if ranked is not None else claim["scope"] if claim["kind"] in WORDED_KINDS else "",
                "summary_of": "", "quote": quote, "note": note, "curation": "draft",
                "_at": at, "_rank_at": (int(ranked["start"]), int(ranked["end"])) if ranked is not None else None})
    rows = _numbered(_share_ranks(rows, text))
    ledger = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows],
                          columns=[*COLUMNS, "curation"])
    return ledger, pd.DataFrame(exclusions, columns=EXCLUSION_COLUMNS).drop_duplicates()


def period_note(claim: pd.Series, quote: str) -> str:
    """The drafted note on where a claim's period comes from, when its quote does not show it ("" otherwise:
    the quote holds the time, or there is none and the period is ``publication``)."""
    via, words = claim.get("period_via", ""), claim.get("period_from", "")
    if via not in PERIOD_NOTES or (words and words in quote):
        return ""
    return PERIOD_NOTES[via].format(words=words)


def _written(value: float) -> str:
    """A drafted number as the ledger writes it, every digit kept (100000001, not 1e+08; 2750.54)."""
    return format(value, ".15g")


def _host_before(clauses: dict[tuple[int, int], list[dict]], span: tuple[int, int], text: str,
                 rank_at: int) -> dict | None:
    """The figure a rank opening its clause belongs to: the last of the clause just before, joined to it by a
    comma or a semicolon, when it has no rank yet (规上利润总额同比增长10.4%，增速傲居全省第二; 国家级绿色工厂达76家，
    数量位列全省第二). A rank said of several (均) or paired in order (分列) is left to ``_share_ranks``."""
    lead_in = text[span[0]:rank_at]
    if any(w in lead_in for w in ALL_WORDS) or lead_in.endswith(RESPECTIVELY_RANKS) or span[0] < 1 \
            or text[span[0] - 1] not in CLAUSE_JOIN:
        return None
    previous = next((items for (left, right), items in clauses.items() if right == span[0] - 1 and items), None)
    host = previous[-1] if previous else None
    if host is None or host["claim"]["kind"] not in VALUE_KINDS or host["rank"] is not None:
        return None
    return host


def _stripped(text: str, begin: int, end: int) -> tuple[str, tuple[int, int]]:
    """``text[begin:end]`` without the list commas and spaces around it, and where that stands in ``text``;
    drawn out to the left while the same words stand earlier in the text ("6%" inside "16%"), since a quote
    is found where it first occurs."""
    piece = text[begin:end]
    start = begin + len(piece) - len(piece.lstrip(QUOTE_TRIM))
    stop = start + len(piece.strip(QUOTE_TRIM))
    while start > 0 and text.find(text[start:stop]) != start:
        start -= 1
    return text[start:stop], (start, stop)


def _numbered(rows: list[dict]) -> list[dict]:
    """Ids as the section and the row's place in it (``section_2_03``), ``summary_of`` following them."""
    counts: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for row in rows:
        counts[row["section"]] = counts.get(row["section"], 0) + 1
        renamed[row["id"]] = row["id"] = f"{row['section']}_{counts[row['section']]:02d}"
    for row in rows:
        row["summary_of"] = " ".join(renamed[i] for i in row["summary_of"].split())
    return rows


def _share_ranks(rows: list[dict], text: str) -> list[dict]:
    """A rank said of several claims goes to each (the ledger's rule: a rank is its indicator's).

    - "A 40家、B 8个，3项指标均居全省榜首": the figures before it in its
      sentence take the rank (the last N when a count is given); a count
      row (3项) becomes their summary (``summary_of``), without a rank;
    - "数量均居全市首位" after figures: they take it, and no rank row is left;
    - "规上工业增加值、工业投资和技改投资增速均居全省第2位" (no figure): one
      rank row per item of the list;
    - "数量分列全省第三、第五": the ranks pair, in order, with as many figures
      before them;
    - "入选项目数与获补金额连续3年蝉联全省第一" (a streak's rank after a list of
      names): the last figures of the sentence, one per name, take it too.
    A figure's quote is drawn out to the rank it takes, so that it states it.
    """
    sentences = Sentences(text)
    dropped: set[int] = set()
    added: dict[int, list[dict]] = {}
    for i, row in enumerate(rows):
        if row["_rank_at"] is None or i in dropped:
            continue
        start, end = row["_rank_at"]
        clause_left, _ = clause_around(text, start, end)
        lead_in = text[clause_left:start]
        shared, paired = any(w in lead_in for w in ALL_WORDS), lead_in.endswith(RESPECTIVELY_RANKS)
        named = len(_listed_items(text, clause_left, start)) if row["kind"] == "streak" and not (shared or paired) else 0
        if not (shared or paired or named >= 2):
            continue
        left, _ = sentences.around(start, end)
        figures = [j for j in range(i) if j not in dropped and rows[j]["_at"][0] >= left and not rows[j]["rank"]
                   and rows[j]["kind"] in VALUE_KINDS and not rows[j]["summary_of"]]
        if named:  # 入选项目数与获补金额连续3年蝉联全省第一: the two figures named before, when the sentence gave them
            for j in figures[-named:] if len(figures) >= named else []:
                _give_rank(rows[j], row, text)
            continue
        if paired:
            ranks = [j for j in range(i, len(rows)) if rows[j]["_rank_at"] is not None
                     and clause_around(text, *rows[j]["_rank_at"])[0] == clause_left]
            hosts = figures + ([i] if row["kind"] in VALUE_KINDS else [])
            if len(hosts) < len(ranks):
                continue
            for host, ranked in zip(hosts[len(hosts) - len(ranks):], ranks):
                _give_rank(rows[host], rows[ranked], text)
                if rows[ranked]["kind"] == "rank":
                    dropped.add(ranked)
            continue
        count = COUNTED.search(lead_in)
        n = _count_of(count.group(1)) if count else 0
        if count:
            if not 0 < n <= len(figures):
                continue
            figures = figures[len(figures) - n:]
        if row["kind"] == "quantity" and count and row["unit"] == count.group(2) and float(row["value"]) == n:
            for j in figures:
                _give_rank(rows[j], row, text)
            row.update(summary_of=" ".join(rows[j]["id"] for j in figures), rank="", rank_kind="", scope="",
                       _rank_at=None)
        elif figures:
            for j in figures:
                _give_rank(rows[j], row, text)
            if row["kind"] == "rank":
                dropped.add(i)
        elif row["kind"] == "rank":
            items = _listed_items(text, clause_left, start)
            if len(items) >= 2:
                dropped.add(i)
                added[i] = [{**row, "id": f"{row['id']}_{k}", "metric_zh": words,
                             "quote": text[at:end].strip(QUOTE_TRIM), "_at": (at, end)}
                            for k, (words, at) in enumerate(items)]
    out: list[dict] = []
    for i, row in enumerate(rows):
        out.extend(added.get(i, []))
        if i not in dropped:
            out.append(row)
    return out


def _count_of(numeral: str) -> int:
    """How many a count's numeral says (3, 三); 0 for a numeral that is none (十百)."""
    try:
        return int(to_number(numeral))
    except (ValueError, OverflowError):
        return 0


def _give_rank(row: dict, ranked: dict, text: str) -> None:
    """``row`` takes the rank of ``ranked`` (and its period when a streak gave it), its quote drawn out to it."""
    row.update(rank=ranked["rank"], rank_kind=ranked["rank_kind"], scope=ranked["scope"], _rank_at=ranked["_rank_at"])
    end = max(row["_at"][1], ranked["_rank_at"][1])
    row["quote"], row["_at"] = text[row["_at"][0]:end], (row["_at"][0], end)


def _listed_items(text: str, left: int, rank_at: int) -> list[tuple[str, int]]:
    """The items of a list before a shared rank (规上工业增加值、工业投资和技改投资增速均居…): each item's words
    and where it starts; the words before 均 are cut at list commas and joining words."""
    words = text[left:rank_at]
    cut = min((words.find(w) for w in ALL_WORDS if w in words), default=len(words))
    found, cursor = [], 0
    for m in LIST_SPLIT.finditer(words[:cut] + "、"):
        item = words[cursor:m.start()].strip()
        if item:
            found.append((item, left + cursor + (len(words[cursor:m.start()]) - len(words[cursor:m.start()].lstrip()))))
        cursor = m.end()
    return found


def _previous_metric(rows: list[dict[str, str]], text: str, left: int) -> str:
    """The subject of the clause just before ``left`` when it ends there (同比增长9.2% follows 增加值达…)."""
    if not rows or left < 1 or text[left - 1] not in CLAUSE_JOIN:
        return ""
    last = rows[-1]
    at = text.find(last["quote"])
    return last["metric_zh"].split("：")[0] if 0 <= at and at + len(last["quote"]) >= left - 2 else ""


def _sentence(sentences: Sentences, quote: str) -> str:
    """The sentence of the article that holds ``quote``, without its closing mark."""
    at = sentences.text.find(quote)
    left, right = sentences.around(at, at + len(quote))
    return sentences.text[left:right].rstrip(SENTENCE_BREAK)


def _paragraph(text: str, quote: str) -> int:
    """The number of the line (a paragraph of the page) that holds ``quote``; -1 when it is not found."""
    at = text.find(quote)
    return text.count("\n", 0, at) if at >= 0 else -1


def suggest_checks(ledger: pd.DataFrame, text: str) -> pd.DataFrame:
    """Checks the claims' kinds call for (see ``audit.CHECKS``), each with the ids it uses, in article order.

    A growth rate after a level of the same period: the implied base; a
    summary "N项指标均居全省第一" (``summary_of`` drafted): the count of its
    rows ranked first (a summary a curator marks that does not say 第一, as 二度捧鼎, gets no such check); a multiple ("2.2倍") after a rate in a sentence that
    names an average: the implied average; a count with a number of years in a sentence that says
    翻番: the implied earlier bound; an expected or target figure with a
    year-to-date figure of the same unit in its paragraph (the same subject, not another firm's or the
    county's figure elsewhere): the pace it needs; a span of years
    between two shares: the dates it joins; a streak with a rank: the years it
    needs. The dates and the unsourced firsts are always checked.
    """
    found: list[dict[str, str]] = []
    by_sentence: dict[str, list[pd.Series]] = {}
    sentences = Sentences(text)
    for _, row in ledger.iterrows():
        by_sentence.setdefault(_sentence(sentences, row["quote"]), []).append(row)

    def add(check: str, ids: list[str], sentence: str) -> None:
        found.append({"check": check, "ids": " ".join(ids), "context": "",
                      "note_zh": f"“{sentence.strip()[:40]}”：按说法的类型推荐（草稿）",
                      "note_en": "suggested by the kind of claim (draft)"})

    for sentence, rows in by_sentence.items():
        shares = [r for r in rows if r["unit"] == "%"]
        for at, r in enumerate(rows):
            levels = [c for c in rows[:at] if c["kind"] == "quantity" and c["unit"] not in NOT_A_LEVEL_UNITS
                      and c["period"] == r["period"]]
            if r["unit"] == "%" and GROWTH.search(r["quote"]) and levels:
                add("growth_base", [levels[-1]["id"], r["id"]], sentence)
            if r["summary_of"] and _all_first_in_province(ledger, r["summary_of"]):
                add("all_first", [r["id"]], sentence)
            if r["unit"] == "倍" and AVERAGE_WORD in sentence and shares:
                add("times_average", [shares[0]["id"], r["id"]], sentence)
            if r["unit"] == "年" and r["kind"] == "quantity":
                counted = [c for c in rows if c["kind"] == "quantity" and c["unit"] not in ("年", "%", "倍")]
                if any(w in sentence for w in DOUBLING_WORDS) and counted:
                    add("doubling", [counted[0]["id"], r["id"]], sentence)
                dated = sorted((s for s in shares if s["period"] != "publication"), key=lambda s: s["period"])
                if len(dated) >= 2 and dated[0]["period"] != dated[-1]["period"]:
                    add("span_years", [dated[0]["id"], dated[-1]["id"], r["id"]], sentence)
            if r["qualifier"].startswith(("expected", "target")):
                so_far = [c for c in ledger.itertuples() if c.unit == r["unit"] and c.id != r["id"]
                          and "/" in c.period and c.period[:4] == r["period"][:4]
                          and _paragraph(text, c.quote) == _paragraph(text, r["quote"])]
                if so_far:
                    add("target_pace", [r["id"], so_far[0].id], sentence)
            if r["kind"] == "streak" and r["rank"]:
                add("streak_years", [r["id"]], sentence)
    found.append({"check": "dates", "ids": "*", "context": "", "note_zh": "引文写明年份、或所在句子说“去年”“今年”的每一行",
                  "note_en": "every row whose quote names a year or whose sentence says last year or this year"})
    found.append({"check": "unsourced", "ids": "*", "context": "", "note_zh": "每个首次、唯一、率先和称号：文章本身无法核查",
                  "note_en": "every first, only, lead and standing: the article alone cannot check it"})
    return pd.DataFrame(found, columns=columns("audit_checks")).drop_duplicates(subset=["check", "ids"])


def _all_first_in_province(ledger: pd.DataFrame, ids: str) -> bool:
    """Whether the rows a summary restates each carry a provincial rank (what ``all_first`` checks: a rank
    other than first is then inconsistent); a summary of wins (二度捧鼎) or of firsts among a group of places
    gets no such check."""
    rows = ledger[ledger["id"].isin(ids.split())]
    return bool(len(rows)) and bool(((rows["rank"] != "") & (rows["scope"] == "province")).all())


def sections_csv(article: Article) -> str:
    """The section map as detected: the title (a heading that opens the page), a ``heading`` row for each
    other heading, a ``start`` row for the first paragraph of each section (the intro's too), each noted as
    detected by rule."""
    lines = ["section,role,starts_with,note"]
    first = article.clean.paragraphs[0] if article.clean.paragraphs else None
    numbered = 0
    for section in article.sections:
        if section.name == "captions":
            continue
        name = section.name
        if name.startswith("section_"):
            numbered += 1
            name = f"section_{numbered}"
        if section.heading and first is not None and first.kind == "heading" and section.heading == first.text:
            numbered -= name.startswith("section_")
            lines.append(_csv_row(["title", "title", section.heading[:24], "detected by rule: the page's first heading"]))
            name = "intro"
        elif section.heading:
            lines.append(_csv_row([name, "heading", section.heading[:24], "detected by rule: a heading"]))
        if section.paragraphs:
            lines.append(_csv_row([name, "start", section.paragraphs[0].text[:16],
                                   "detected by rule: the section's first paragraph"]))
    return "\n".join(lines) + "\n"


def _csv_row(values: list[str]) -> str:
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(values)
    return line.getvalue()


def _write_csv(path: Path, frame: pd.DataFrame) -> None:
    atomic_write(path, frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))


SOURCE_TEMPLATE = """# Where this page comes from

- Newspaper or site:
- Publication date:
- Address (URL) or archive reference:
- How the text was obtained (OCR, copy):

The reference date in `article_meta.csv` is the date that 去年, 今年 and 今年以来 resolve
against: the article's publication date. Set it with
`python -m helpers new-case {name} --update --date YYYY-MM-DD` (or edit the file).
"""


def new_case(name: str, article_file: str | None, date: str | None = None, force: bool = False,
             update: bool = False) -> Path:
    """Make (or, with ``update``, draft again) ``cases/NAME/``; returns the folder. Raises CaseError.

    Everything is written in ``cases/.NAME.new/`` and swapped in when the draft loads; on any failure (or
    an interrupt) that folder is removed and the case is as it was. A folder ``cases/NAME/`` that holds no
    ledger yet is not a case: it is made into one, its own files kept.
    """
    folder = case_dir(name)
    is_case = (folder / "indicators.csv").is_file()
    if is_case and not (force or update):
        raise CaseError(f"cases/{name}/ exists already: use --update to draft it again (its curated rows are "
                        "kept) or --force to start it afresh.")
    if update and not folder.is_dir():
        raise CaseError(f"cases/{name}/ does not exist: make it first with python -m helpers new-case {name} ARTICLE.")
    if date is not None:
        try:
            periods.Reference.parse(date)
        except (ValueError, periods.PeriodError):
            raise CaseError(f"--date {date!r} is not a date: give the article's publication date as YYYY-MM-DD.") from None
    keep = folder.is_dir() and not force  # --update, or a folder that is not a case yet
    source = _article_bytes(article_file, folder / "raw" / "article_ocr.txt" if keep else None)
    staging = folder.with_name(f".{name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _draft_into(staging, folder if keep else None, name, source, date)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, (DataError, ArticleError)):
            shown = str(exc).replace(paths.relative_to_root(staging), paths.relative_to_root(folder))
            raise CaseError(f"the drafted case does not load ({shown}); nothing was changed.") from None
        raise
    if folder.exists():
        shutil.rmtree(folder)
    staging.rename(folder)
    return folder


def _draft_into(staging: Path, old: Path | None, name: str, source: bytes, date: str | None) -> None:
    """Write the case into ``staging``: from scratch, or over a copy of the case folder ``old``."""
    if old is not None:
        shutil.copytree(old, staging)
    (staging / "raw").mkdir(parents=True, exist_ok=True)
    (staging / "raw" / "article_ocr.txt").write_bytes(source)
    article = load_article(staging / "raw" / "article_ocr.txt", structure_path=None)
    if not (staging / "raw" / "SOURCE.md").is_file():
        (staging / "raw" / "SOURCE.md").write_text(SOURCE_TEMPLATE.format(name=name), encoding="utf-8")
    try:
        old_meta = read_meta(staging)
    except DataError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise CaseError(f"{exc} Correct it, or start afresh with --force.") from None
    reference = date if date is not None else old_meta.get("reference_date", "")
    title = old_meta.get("title") or _title(article)
    (staging / "raw" / META_FILE).write_text(_meta_csv(title, reference, old_meta), encoding="utf-8")
    _write_sections(staging / "raw" / "sections.csv", article)
    article = load_article(staging / "raw" / "article_ocr.txt")
    ledger, exclusions = draft(article, periods.Reference.parse(reference) if reference else None)
    record = None
    if (staging / "indicators.csv").is_file():
        ledger, record = merge(read_csv_text(staging / "indicators.csv"), ledger, read_curation(staging),
                               article.text)
        exclusions = _merge_exclusions(staging, exclusions)
    _write_csv(staging / "indicators.csv", ledger)
    _write_csv(staging / CURATION_FILE, record if record is not None else curation_record(ledger))
    _write_csv(staging / "claim_exclusions.csv", exclusions)
    checks = suggest_checks(ledger, article.text)
    if (staging / "audit_checks.csv").is_file():
        kept = read_csv_text(staging / "audit_checks.csv")
        ids = set(ledger["id"]) | {"*"}
        kept = rows_where(kept, [all(i in ids for i in row.split()) for row in kept["ids"]])
        checks = pd.concat([kept, checks]).drop_duplicates(subset=["check", "ids"])
    _write_csv(staging / "audit_checks.csv", checks)
    if not (staging / "glossary.csv").is_file():  # the case's own words, over the project's (i18n)
        (staging / "glossary.csv").write_text(_glossary_csv(title), encoding="utf-8")
    (staging / "context").mkdir(exist_ok=True)
    datapackage.write(staging, title, f"{paths.PROJECT}-case-{name}")
    if not ledger.empty:  # a text with no claim makes a case with an empty ledger, to fill by hand
        load_indicators(staging)
    load_exclusions(staging)


def _write_sections(path: Path, article: Article) -> None:
    """The section map as detected by rule; on an update, the map kept while it still fits the article,
    else detected again with the kept map's section names wherever a heading is the same (a changed
    figure in a section's first words must not rename the sections the ledger's rows name)."""
    detected = sections_csv(article)
    if path.is_file():
        kept = read_structure(path)
        texts = [p.text for p in article.clean.paragraphs]
        if all(any(t.startswith(r.starts_with) for t in texts) for r in kept):
            return
        detected = _renamed_as(detected, kept)
    path.write_text(detected, encoding="utf-8")


def _renamed_as(detected: str, kept: list) -> str:
    """``detected`` (a section map's CSV) with the section names of ``kept`` where a title or heading is
    the same; a detected name that another section holds in ``kept`` gets a new number."""
    rows = list(csv.DictReader(io.StringIO(detected)))
    rename = {r["section"]: k.section for r in rows for k in kept
              if r["role"] in ("title", "heading") and k.role == r["role"] and k.starts_with == r["starts_with"]}
    used = set(rename.values())
    names = [r["section"] for r in rows] + [k.section for k in kept]
    following = max((int(n[len("section_"):]) for n in names if re.fullmatch(r"section_\d+", n)), default=0)
    for name in dict.fromkeys(r["section"] for r in rows):
        if name not in rename and name in used:
            following += 1
            rename[name] = f"section_{following}"
    lines = ["section,role,starts_with,note"]
    lines += [_csv_row([rename.get(r["section"], r["section"]), r["role"], r["starts_with"], r["note"]]) for r in rows]
    return "\n".join(lines) + "\n"


def _article_bytes(article_file: str | None, fallback: Path | None) -> bytes:
    """The article as given, checked: it exists, is text Chinese can be read from, and is not empty."""
    if not article_file:
        if fallback is not None and fallback.is_file():
            return fallback.read_bytes()
        raise CaseError("no article given: name the article's text file (python -m helpers new-case NAME ARTICLE).")
    path = paths.resolve(article_file)
    if not path.is_file():
        raise CaseError(f"the article {article_file} does not exist (or is not a file).")
    try:
        text = read_text(path)
    except ArticleError as exc:
        raise CaseError(str(exc)) from None
    if not text.strip():
        raise CaseError(f"the article {article_file} is empty: give the page's text.")
    return path.read_bytes()


def _title(article: Article) -> str:
    """The first heading, or the first line when it is short, or the file's name; without pinyin glosses."""
    for section in article.sections:
        if section.heading:
            return section.title
    first = without_glosses(article.text.split("\n", 1)[0]).strip()
    return first if 0 < len(first) <= 40 else article.path.stem


def _glossary_csv(title: str) -> str:
    """The case's own words: its site's title and summary (the rest comes from the project's glossary)."""
    rows = [("site.site_title", f"{title}——案例", f"{title}: a case", "the case site's title"),
            ("site.summary", "同类报纸文章的一个案例：台账由程序从文章中起草，核查项按说法的类型提出，并列出文章没有说的内容。",
             "A case of the genre: a ledger drafted from the article by the extractor, checks suggested by the kinds "
             "of claims, and what the article leaves unsaid.", "the case site's summary")]
    return "key,zh,en,note\n" + "".join(_csv_row(list(r)) + "\n" for r in rows)


def _meta_csv(title: str, reference: str, old: dict[str, str]) -> str:
    rows = [("title", title, "the first heading of the page (detected; correct it if need be)"),
            ("title_en", old.get("title_en", ""), "the title in English (to fill in)"),
            ("publication", old.get("publication", ""), "newspaper and date, when known"),
            ("reference_date", reference, "the date 去年 and 今年 resolve against: the article's publication date"),
            ("place_id", old.get("place_id", ""), "the place's id (a-z): its context rows and context/<id>.csv name it"),
            ("place", old.get("place", ""), "the place the article is about, as external lists name it"),
            ("place_en", old.get("place_en", ""), "the place in English"),
            ("source", old.get("source", ""), "what the text is (e.g. 报纸版面 OCR 文本); pages say 文章文本 when empty"),
            ("source_en", old.get("source_en", ""), "the same in English")]
    return "field,value,note\n" + "".join(_csv_row(list(r)) + "\n" for r in rows)


def _merge_exclusions(folder: Path, drafted: pd.DataFrame) -> pd.DataFrame:
    old = pd.read_csv(folder / "claim_exclusions.csv", dtype=str, keep_default_na=False) \
        if (folder / "claim_exclusions.csv").is_file() else drafted.iloc[0:0]
    return pd.concat([old[EXCLUSION_COLUMNS], drafted]).drop_duplicates(subset=["span", "context"])


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    """Draft a case as ``python -m helpers new-case`` asks; one sentence on a fault.

    The command line is ``publish.cli``'s alone: it parses the options and runs this module in its own
    process (the publishing wing never imports the analysis), passing them as one JSON object
    (``name``, ``article``, ``date``, ``force``, ``update``: ``new_case``'s arguments).
    """
    signal.signal(signal.SIGTERM, _interrupted)  # a terminate signal cleans up as Ctrl-C does
    request = json.loads((sys.argv[1:] if argv is None else argv)[0])
    try:
        folder = new_case(request["name"], request["article"], request["date"], request["force"], request["update"])
    except CaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # the staging folder is gone already (new_case)
        print(f"interrupted: cases/{request['name']}/ is as it was.", file=sys.stderr)
        return 130
    name = request["name"]
    ledger = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    checked = int((ledger["curation"] == "checked").sum())
    meta = read_meta(folder)
    print(f"{paths.relative_to_root(folder)}/: {len(ledger)} ledger rows ({checked} checked, "
          f"{len(ledger) - checked} drafts), "
          f"{len(pd.read_csv(folder / 'audit_checks.csv', dtype=str))} checks suggested"
          + ("" if meta.get("reference_date") else "; no reference date yet (give --date)")
          + ("" if len(ledger) else "; the extractor found no claim in the article (add rows by hand)")
          + f". Curate cases/{name}/indicators.csv, then: python -m helpers run --case {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
