"""Find every claim in a Chinese news text, and every numeral that is not one.

``extract_claims(text, reference)`` works on any text of the genre, not only
this article. It returns one row per claim, in text order, with its offsets
in ``text``, the span, its kind, value (float; Chinese numerals converted;
empty for claims without a number), unit as written, qualifier, rank kind and
scope for ranks, the period it refers to, and the sentence it stands in.

Kinds of claim:

- ``quantity``: a number with a unit (32.2%, 2071家, 三年, 八大, 近万家, 4.8个点, 172.1万元/亩, 900亿),
  or a score without one (总指数为88.1: unit ``""``); the ends of a range (10%—15%, 3～5家) are bounds;
- ``rank``: 全省第二, 居全省第4、全市第1, 全省榜首, 前三甲, 位列20个县（区、市）中第六位;
- ``streak``: 三连冠, 连续3年, 三度加冕, 三夺;
- ``first``: 首次, 首个, 首批, 第一个 …; ``only``: 唯一; ``lead``: 率先, 领跑, 领先, 领军;
- ``standing``: a standing without a figure (试点, 名单, 诞生地, 标杆, 全覆盖);
- time expressions with digits: ``year`` (2022年底), ``period`` (1至4月, 近3年), ``date`` (5月23日);
- ``ordinal`` (第六届) and ``number`` (a bare number): kept for curation;
- ``name``: a numeral inside a name, slogan or word (“三箭齐发”, “161”,
  长三角, 5G, 千亿级, 千寻位置), with its ``reason`` (``quoted``, ``fixed_word``,
  ``latin``, ``magnitude_class``, ``word``: a Chinese numeral with no unit;
  ``idiom``: 百亿台阶, 两位数; ``era``: 20世纪80年代; ``label``: 六大主导行业, 1+3).
  Names are listed, never silently dropped.

Qualifiers: ``exact``, ``approx`` (近, 约, 左右), ``at_least`` (超, 突破, 以上,
50余家), ``at_most`` (不到, 以内); a modal earlier in the clause makes the
claim ``expected`` (有望, 预计) or a ``target`` (力争, 目标), joined to the
bound: 有望突破50亿元 → ``expected_at_least``.

Scopes (ranks, firsts, onlys, leads): ``world``, ``national``, ``province``,
``city``, ``county``, or ``""`` when the words give none.

Periods (see ``periods`` and ``times``): a claim takes the nearest time
expression before it in its own sentence, never from another sentence; where
its sentence gives none, the period is ``publication``. Counts of years
(连续3年, 三连冠) cover whole years ending with the sentence's latest time;
durations (2年间, 3年实现翻番) end at it; with no time in the sentence both
are ``publication``. Relative times need the reference date (the
article's publication); without one they stay ``""``.

Not looked for (said on the source page): the indefinite 一 before a
measure word (一座城市, 一个更具活力的), reduplicated numerals (一个个),
vague amounts without a numeral (多年, 一批, 若干, 前列), and superlatives or
comparisons without a number (最高荣誉, 更具韧性). 双 counts as a numeral
only inside names.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable

import pandas as pd

from . import periods
from .lexicon import (
    APPROX_AFTER,
    APPROX_BEFORE,
    AT_LEAST_AFTER,
    AT_LEAST_BEFORE,
    AT_LEAST_INNER,
    AT_MOST_AFTER,
    AT_MOST_BEFORE,
    BIG_UNIT,
    CITIES,
    CLAUSE_BREAK,
    CN_BIG,
    CN_NUMERAL,
    COPULAS,
    DIGITS_WORD,
    ERA_WORDS,
    FIRST_WORDS,
    FIXED_WORDS,
    FULL_WIDTH_BREAK,
    GROUP_KINDS,
    GROUP_PLACES,
    INDEX_WORDS,
    LABEL_AFTER_BIG,
    LABEL_JOIN,
    LEAD_WORDS,
    LEVEL_SCOPES,
    LIST_COMMA,
    LIST_JOINS,
    MAGNITUDE_CLASS,
    MODALS,
    MULTIPLE_UNITS,
    MULTIPLIERS,
    NOT_A_COPULA,
    NOT_A_COUNT,
    NOT_A_RANK_AFTER,
    NOT_A_STRONG_LIST_AFTER,
    NOT_A_TOP_AFTER,
    NOT_AFTER_TOP_WORD,
    ONLY_WORDS,
    OPENING_SKIP,
    OPENING_WORDS,
    PART_OPENERS,
    PER_MARK,
    PER_UNITS,
    PLACE_NOT_AFTER,
    PLACE_SUFFIX_SCOPES,
    RANGE_JOINS,
    RANK_VERBS,
    RANK_VERBS_AFTER_SCOPE,
    RANK_VERBS_IN_GROUP,
    RESPECTIVELY,
    RUN_UNITS,
    RUN_WORD,
    SCOPE_WORDS,
    STANDING_ON_ITS_OWN,
    STANDING_WORDS,
    STEP_WORD,
    STREAK_TITLES,
    STREAK_VERBS,
    STRONG_LIST_SIZES,
    TIMES_WORD,
    TOP_WORDS,
    UNITS,
    UNITS_AFTER_MULTIPLIER,
    WIN_VERBS,
)
from .numerals import chinese_to_number, to_number
from .periods import PUBLICATION, Reference
from .registry import KIND_NAMES, WORDED_KINDS
from .script import GLOSS, reading
from .source import Sentences, is_heading_line, normalise_width
from .times import TimeExpression, find_times

__all__ = ["COLUMNS", "KINDS", "CLAIM_KINDS", "TIME_KINDS", "chinese_to_number", "clause_around", "extract_claims"]

COLUMNS = ["start", "end", "span", "kind", "value", "unit", "qualifier", "rank_kind", "scope", "period",
           "sentence", "reason", "period_via", "period_from"]
# Where a claim's period comes from (``period_via``; ``period_from`` holds the time's words): a time earlier in its
# sentence, the time opening an earlier sentence of its paragraph, its section heading's, a list of times paired by
# 分别, the streak a rank belongs to, or the reference year (a streak with no time in the text); ``part``: the last
# time of the sentence before, for a sentence opening with 其中; "" for none.
PERIOD_VIA = ("sentence", "paragraph", "part", "heading", "list", "streak", "reference")
CLAIM_KINDS = KIND_NAMES  # the ledger's kinds (registry.CLAIM_KINDS)
TIME_KINDS = ("year", "period", "date")
KINDS = CLAIM_KINDS + TIME_KINDS + ("ordinal", "number", "name")

CLAUSE_REACH = 120  # how far a clause is looked for either side of a word (text without punctuation stays linear)
_UNITS = sorted(UNITS, key=len, reverse=True)
# Bound words before a number, longest first, so that 不少于 (at least) wins over 少于 (at most).
_BOUND_WORDS = dict(sorted(
    [(w, "at_least") for w in AT_LEAST_BEFORE] + [(w, "at_most") for w in AT_MOST_BEFORE]
    + [(w, "approx") for w in APPROX_BEFORE],
    key=lambda item: len(item[0]), reverse=True))
_N = rf"(?:\d+|[{CN_NUMERAL}]+)"
_NTH = rf"(?:\d+|[{CN_NUMERAL}]{{1,3}})"
_SPACES = re.compile(r"[ \t]+")
_NUM = re.compile(rf"(?P<arabic>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<chinese>[{CN_NUMERAL}]+)")
_QUOTED = re.compile(r"“([^“”\n，。；]{1,16})”|《([^《》\n]{1,30})》|「([^「」\n]{1,16})」")
_NAME_NUMERAL = re.compile(rf"[\d{CN_NUMERAL}双]")
_FIXED = re.compile("|".join(sorted(map(re.escape, FIXED_WORDS), key=len, reverse=True)))
_LATIN_JOINED = re.compile(r"(?<![A-Za-z\d.])(?:\d+(?:\.\d+)?[A-Za-z]+|[A-Za-z]+\d+(?:\.\d+)?)(?![A-Za-z\d])")
_MAGNITUDE = re.compile(rf"[\d.]*[{CN_NUMERAL}]*[千百万亿]+{MAGNITUDE_CLASS}")
_IDIOM = re.compile(rf"[\d{CN_NUMERAL}]*[十百千万亿]{STEP_WORD}|(?:\d|[一二两三四五六七八九十])+{DIGITS_WORD}")
_ERA = re.compile(rf"(?:(?:\d{{1,2}}|[{CN_NUMERAL}]{{1,3}}){ERA_WORDS[0]})?(?:\d{{2}}|[{CN_NUMERAL}]{{2,3}}){ERA_WORDS[1]}"
                  rf"|(?:\d{{1,2}}|[{CN_NUMERAL}]{{1,3}}){ERA_WORDS[0]}")
_LABEL = re.compile(rf"[{CN_NUMERAL}]{{1,2}}大(?={'|'.join(LABEL_AFTER_BIG)})"
                    rf"|(?<![\d.]){{n}}(?:{re.escape(LABEL_JOIN)}{{n}})+[A-Za-z]*(?![\d.])".replace("{n}", r"\d+"))
_PER_UNIT = re.compile(rf"{re.escape(PER_MARK)}(?:{'|'.join(sorted(map(re.escape, PER_UNITS), key=len, reverse=True))})"
                       "(?!均)")  # 12亿元/年均…: 年均 is a word of its own
_SCOPE = "|".join(sorted(map(re.escape, SCOPE_WORDS), key=len, reverse=True))

def _any(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, in the order given."""
    return "|".join(map(re.escape, words))


# Ranks. _RANK_CORE is the rank itself: 第N(名|位) (``position``), 前N(甲|名|位) (``top_count``) or 首位/榜首
# (``top_word``). The patterns around it say how it is placed, tried in this order: a scope word then the rank
# (全省第二; ``between``: the words between them), a scope word, a verb and the rank (全省…位列第六), a group
# (``among``: 20个县（区、市）中第六位), a verb and the rank (位居全省前三), and 百强 lists (``top_size``); after
# each rank, further ranks after a list comma (居全省第4、全市第1: _RANK_NEXT).
_STOPS = FULL_WIDTH_BREAK  # a rank and what places it stand in one clause
_NOT_A_RANK = f"(?!{_any(NOT_A_RANK_AFTER)})"
_RANK_CORE = (rf"(?:第(?P<position>{_NTH})(?:名|位)?{_NOT_A_RANK}"
              rf"|前(?P<top_count>{_NTH})(?:甲|名|位)?(?!{_any(NOT_A_TOP_AFTER)})"
              rf"|(?P<top_word>{_any(TOP_WORDS)})(?!{_any(NOT_AFTER_TOP_WORD)}))")
_RANK_SCOPED = re.compile(rf"(?P<scope>{_SCOPE})(?P<between>[^{_STOPS}{LIST_COMMA}\n“”（）()]{{0,10}}?){_RANK_CORE}")
_RANK_SCOPED_LONG = re.compile(rf"(?P<scope>{_SCOPE})(?P<between>[^{_STOPS}{LIST_COMMA}\n“”]{{0,20}}?)"
                               rf"(?:{_any(RANK_VERBS_AFTER_SCOPE)}){_RANK_CORE}")
_RANK_GROUP = re.compile(rf"(?P<among>{_N}个[^{_STOPS}\n]{{0,10}}?)中(?:{_any(RANK_VERBS_IN_GROUP)})?{_RANK_CORE}")
# A named group (山区26县中排名第二, 全省山区县第一, 在山区海岛县中位列第一): the group is the rank's scope.
_RANK_NAMED_GROUP = re.compile(rf"(?:{_SCOPE})?(?P<group>(?:{_any(GROUP_KINDS)})(?:{_N})?个?(?:{_any(GROUP_PLACES)}))"
                               rf"(?P<between>中?(?:{_any(RANK_VERBS_IN_GROUP)})?){_RANK_CORE}")
_RANK_VERB = re.compile(rf"(?:{_any(RANK_VERBS)})"
                        rf"(?P<between>(?:[^{_STOPS}{LIST_COMMA}\n“”（]|（[^（）]{{0,6}}）){{0,12}}?)(?P<rank>{_RANK_CORE})")
_RANK_NEXT = re.compile(rf"[{LIST_COMMA}和及](?:(?P<scope>{_SCOPE}))?第(?P<position>{_NTH})(?:名|位)?{_NOT_A_RANK}")
_RANK_STRONG = re.compile(rf"(?:(?P<scope>{_SCOPE}))?(?P<top_size>{_any(STRONG_LIST_SIZES)})强"
                          rf"(?!{_any(NOT_A_STRONG_LIST_AFTER)})")
# Streaks: N连冠 (``titles``), 连续N年 (``run``, ``run_unit``), N度加冕 (``crowned``), 三夺 (``wins``, ``win_verb``).
_STREAK = re.compile(
    rf"(?P<titles>{_NTH}){STREAK_TITLES}"
    rf"|{RUN_WORD}(?P<run>{_NTH})(?P<run_unit>{_any(RUN_UNITS)})"
    rf"|(?P<crowned>[{CN_NUMERAL}]{{1,2}}){TIMES_WORD}(?={'|'.join(STREAK_VERBS)})"
    rf"|(?<![{CN_NUMERAL}])(?P<wins>[两二三四五六七八九十]{{1,2}})(?P<win_verb>{_any(WIN_VERBS)})(?=[“\u4e00-\u9fff])"
)
_WORDS = {
    "first": re.compile("|".join(FIRST_WORDS)),
    "only": re.compile("|".join(ONLY_WORDS)),
    "lead": re.compile("|".join(LEAD_WORDS)),
}
_STANDING = re.compile("|".join(STANDING_WORDS))
_LEVEL = re.compile("|".join(sorted(LEVEL_SCOPES, key=len, reverse=True)))
_ORDINAL = re.compile(rf"第(?P<position>{_NTH})")
_SCOPE_ONLY = re.compile(_SCOPE)
_PLACE_SUFFIX = f"[{''.join(PLACE_SUFFIX_SCOPES)}]"  # 县, 区, 市
_SCOPE_LOOKUP = re.compile(
    rf"(?P<word>{_SCOPE}|{'|'.join(CITIES)})|(?P<place>[\u4e00-\u9fff]{{1,3}}?)(?P<suffix>{_PLACE_SUFFIX})"
    rf"(?![{''.join(PLACE_NOT_AFTER)}])"
)


def _number(token: str) -> float:
    return to_number(token)


def _without_annotations(norm: str) -> tuple[str, list[int]]:
    """The text without parenthesised pinyin or Latin glosses, and each character's offset in ``norm``.

    The offset list has one more entry than the text, so that an end offset maps too.
    """
    pieces: list[str] = []
    back: list[int] = []
    cursor = 0
    for m in GLOSS.finditer(norm):
        pieces.append(norm[cursor:m.start()])
        back.extend(range(cursor, m.start()))
        cursor = m.end()
    pieces.append(norm[cursor:])
    back.extend(range(cursor, len(norm)))
    back.append(len(norm))
    return "".join(pieces), back


class _Scan:
    """One pass over a text: claims found so far, the offsets they take, sentences and times.

    Patterns run on ``norm``: the width-normalised text without pinyin or
    Latin glosses (安吉县（Ānjí）, 榜（bǎng）首), so that a gloss never splits a
    word, and read as simplified (``script.reading``: 億元 → 亿元, one
    character for one); every offset is mapped back to ``text`` when a claim
    is added, so spans are the text as written.
    """

    def __init__(self, text: str, reference: Reference | None):
        self.text = text
        self.norm, self.back = _without_annotations(reading(normalise_width(text)))
        self.reference = reference
        self.taken = bytearray(len(self.norm))
        self.rows: list[dict] = []
        self.sentences = Sentences(self.norm)
        self.all_times = find_times(self.norm, reference)
        self.times = [t for t in self.all_times if not t.base]
        self.time_starts = [t.start for t in self.times]
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.norm)]
        self.headings = [(a, b) for a, b in lines if is_heading_line(self.norm[a:b].strip())]
        self.heading_starts = [a for a, _ in self.headings]

    # --- bookkeeping -------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def add(self, start: int, end: int, kind: str, value: float = math.nan, unit: str = "", *,
            qualifier: str = "exact", rank_kind: str = "", scope: str = "", period: str | None = None,
            reason: str = "") -> None:
        self.take(start, end)
        first, last = self.back[start], self.back[end - 1] + 1
        self.rows.append({
            "start": first, "end": last, "view": (start, end), "span": self.text[first:last], "kind": kind,
            "value": float(value),
            "unit": self.as_written(start, end, unit), "qualifier": qualifier, "rank_kind": rank_kind, "scope": scope,
            "period": period, "reason": reason,
        })

    def as_written(self, start: int, end: int, unit: str) -> str:
        """``unit`` (read in ``norm[start:end]``) in the text's script: 億元 where the text has 億元.

        The unit's characters are found from the span's end backwards (a 余 or 多 may stand inside the
        unit: 1.2萬餘家 → 萬家); a unit not found so is returned as read."""
        written: list[str] = []
        i = end - 1
        for ch in reversed(unit):
            while i >= start and self.norm[i] != ch:
                i -= 1
            if i < start:
                return unit
            original = self.text[self.back[i]]
            written.append(original if reading(original) == ch else ch)  # full-width ％ is still read as %
            i -= 1
        return "".join(reversed(written))

    def clause_before(self, start: int, limit: int = 24) -> str:
        window = self.norm[max(0, start - limit):start]
        cut = max(window.rfind(p) for p in CLAUSE_BREAK)
        return window[cut + 1:]

    def scope_near(self, start: int, end: int, ahead: bool = False) -> str:
        """The level named just before a claim word in its clause (or just after, for 率先在全国)."""
        if ahead:
            m = re.match(rf"在?(?P<word>{_SCOPE})", self.norm[end:end + 5])
            if m:
                return SCOPE_WORDS[m["word"]]
        found = ""
        for m in _SCOPE_LOOKUP.finditer(self.clause_before(start, 14)):
            found = self._scope_of(m) or found
        return found

    def scope_word_before(self, start: int) -> str:
        """For a rank: the last scope word (全省, 全国 …) earlier in its clause; places are subjects, not scopes."""
        found = ""
        for m in _SCOPE_ONLY.finditer(self.clause_before(start, 30)):
            found = SCOPE_WORDS[m.group()]
        return found

    @staticmethod
    def _scope_of(m: re.Match) -> str:
        if m["word"]:
            return SCOPE_WORDS.get(m["word"], "city")
        return PLACE_SUFFIX_SCOPES[m["suffix"]]

    # --- qualifiers --------------------------------------------------------
    def qualifier(self, start: int, end: int, inner: str = "", unit: str = "") -> str:
        before = self.clause_before(start)
        after = self.norm[end:end + 6]
        bound = "exact"
        near = before
        for copula in COPULAS:
            if near.endswith(copula) and not near.endswith(NOT_A_COPULA):
                near = near[: -len(copula)]
                break
        word = next((w for w in _BOUND_WORDS if near.endswith(w)), None)
        if inner in AT_LEAST_INNER:
            bound = "at_least"
        elif word is not None:
            bound = _BOUND_WORDS[word]
        elif after.startswith(AT_MOST_AFTER):
            bound = "at_most"
        elif after.startswith(AT_LEAST_AFTER) or (unit in MULTIPLE_UNITS and after.startswith(AT_LEAST_INNER)):
            bound = "at_least"  # 50家以上; 两倍多
        elif after.startswith(APPROX_AFTER):
            bound = "approx"
        for modal, words in MODALS.items():
            if any(w in before for w in words):
                return modal if bound == "exact" else f"{modal}_{bound}"
        return bound

    # --- units -------------------------------------------------------------
    def unit_after(self, end: int, chinese: bool) -> tuple[str, int, str]:
        """The unit right after a number: (unit, where it ends, a 余/多 between them)."""
        norm = self.norm
        m = _SPACES.match(norm, end)
        cursor = m.end() if m else end
        inner, mult_before = "", ""
        if norm[cursor:cursor + 1] and norm[cursor] in MULTIPLIERS and norm[cursor + 1:cursor + 2] in AT_LEAST_INNER:
            mult_before, cursor = norm[cursor], cursor + 1  # 1.2万余家: the 万 goes with the unit
        if norm[cursor:cursor + 1] in AT_LEAST_INNER and norm[cursor + 1:cursor + 2]:
            inner, cursor = norm[cursor], cursor + 1
        if norm.startswith(BIG_UNIT, cursor):
            for unit in _UNITS:
                if norm.startswith(unit, cursor + 1) and not unit[0].isascii():
                    return unit, cursor + 1 + len(unit), inner
            return BIG_UNIT, cursor + 1, inner
        for mult in (("",) if mult_before else ("", *MULTIPLIERS)):
            for unit in _UNITS:
                if norm.startswith(mult + unit, cursor):
                    unit, after = mult_before + mult + unit, cursor + len(mult) + len(unit)
                    per = _PER_UNIT.match(norm, after)
                    if per:  # 172.1万元/亩: a rate per unit of area, read whole
                        return unit + per.group(), per.end(), inner
                    return unit, after, inner
        if not chinese and norm[cursor:cursor + 1] and norm[cursor] in MULTIPLIERS \
                and not norm[cursor + 1:cursor + 2].isdigit():
            return norm[cursor], cursor + 1, inner
        return "", end, ""

    # --- passes ------------------------------------------------------------
    def names(self) -> None:
        """Numerals inside quoted names, fixed words, Latin-joined names and size classes."""
        for m in _QUOTED.finditer(self.norm):
            inner = next(g for g in m.groups() if g is not None)
            at = m.start() + 1
            if _NAME_NUMERAL.search(inner) and not _STREAK.fullmatch(inner):
                if self.free(at, at + len(inner)):
                    self.add(at, at + len(inner), "name", reason="quoted")
        for pattern, reason in ((_FIXED, "fixed_word"), (_LATIN_JOINED, "latin"), (_MAGNITUDE, "magnitude_class"),
                                (_IDIOM, "idiom"), (_ERA, "era"), (_LABEL, "label")):
            for m in pattern.finditer(self.norm):
                if self.free(*m.span()):
                    self.add(*m.span(), "name", reason=reason)

    def time_claims(self) -> None:
        for t in self.all_times:  # a comparison base's year (较2020年) is a time too, never a count of years
            if t.has_numeral and t.kind in TIME_KINDS and self.free(t.start, t.end):
                self.add(t.start, t.end, t.kind, t.value if t.value is not None else math.nan, t.unit,
                         period=t.period)

    def ranks(self) -> None:
        """Ranks, each with its scope: a named group first (全省山区县第一 holds among mountain counties, not in
        the province), then a scope word (全省第二), a group of N places (20个县中: the group, with its size),
        a verb (位居全省前三), 百强 lists."""
        for m in _RANK_NAMED_GROUP.finditer(self.norm):
            start = m.start("group")
            if self.free(start, m.end()):
                self._rank(m, start, m["group"])
        for pattern in (_RANK_SCOPED, _RANK_SCOPED_LONG):
            for m in pattern.finditer(self.norm):
                if self.free(m.start(), m.end()):
                    self._rank(m, m.start(), SCOPE_WORDS[m["scope"]])
        for m in _RANK_GROUP.finditer(self.norm):
            start = m.end("among") + 1
            if self.free(start, m.end()):
                level = re.search(rf"(?:{_SCOPE})$", self.norm[max(0, m.start() - 4):m.start()])
                # 全省90个县（市、区）中: every county of the province, a provincial rank; 20个县中: the group
                self._rank(m, start, SCOPE_WORDS[level.group()] if level else group_scope(m["among"]))
        for m in _RANK_VERB.finditer(self.norm):
            start = m.start("rank")
            if self.free(start, m.end()):
                scope = next((SCOPE_WORDS[w.group()] for w in _SCOPE_ONLY.finditer(m["between"])), "")
                self._rank(m, start, scope or self.scope_word_before(m.start()))
        for m in _RANK_STRONG.finditer(self.norm):
            if self.free(*m.span()):
                scope = SCOPE_WORDS[m["scope"]] if m["scope"] else ""
                self.add(m.start(), m.end(), "rank", chinese_to_number(m["top_size"]), rank_kind="top_n", scope=scope)

    def _rank(self, m: re.Match, start: int, scope: str) -> None:
        if m["top_word"]:
            self.add(start, m.end(), "rank", 1, rank_kind="exact", scope=scope)
        elif m["top_count"]:
            self.add(start, m.end(), "rank", _number(m["top_count"]), rank_kind="top_n", scope=scope)
        else:
            self.add(start, m.end(), "rank", _number(m["position"]), rank_kind="exact", scope=scope)
        cursor = m.end()
        while (nxt := _RANK_NEXT.match(self.norm, cursor)) and self.free(nxt.start() + 1, nxt.end()):
            next_scope = SCOPE_WORDS[nxt["scope"]] if nxt["scope"] else scope
            self.add(nxt.start() + 1, nxt.end(), "rank", _number(nxt["position"]), rank_kind="exact",
                     scope=next_scope)
            cursor = nxt.end()

    def streaks(self) -> None:
        for m in _STREAK.finditer(self.norm):
            if not self.free(*m.span()):
                continue
            if m["titles"]:
                value, unit = m["titles"], "连冠"
            elif m["run"]:
                value, unit = m["run"], m["run_unit"]
            elif m["crowned"]:
                value, unit = m["crowned"], "度"
            else:
                value, unit = m["wins"], m["win_verb"]
            end = m.end()
            self.add(m.start(), end, "streak", _number(value), unit)

    def words(self) -> None:
        for kind, pattern in _WORDS.items():
            for m in pattern.finditer(self.norm):
                if self.free(*m.span()):
                    self.add(m.start(), m.end(), kind, scope=self.scope_near(m.start(), m.end(), kind == "lead"))

    def standings(self) -> None:
        """Standings (试点, 名单, 诞生地 …) in clauses that hold no other claim: run after every other kind."""
        claimed = bytes(self.taken)  # the other kinds' claims, before any standing is added
        norm = self.norm
        for m in _STANDING.finditer(norm):
            left, right = clause_around(norm, m.start(), m.end())
            alone = m.group() in STANDING_ON_ITS_OWN or not any(claimed[left:right])
            if self.free(*m.span()) and alone:
                levels = _LEVEL.findall(self.clause_before(m.start(), 10))  # 国家试点, 省级先导区培育名单
                scope = LEVEL_SCOPES[levels[-1]] if levels else self.scope_near(m.start(), m.end())
                self.add(m.start(), m.end(), "standing", scope=scope)

    def ordinals(self) -> None:
        for m in _ORDINAL.finditer(self.norm):
            if self.free(*m.span()):
                self.add(m.start(), m.end(), "ordinal", _number(m["position"]))

    def quantities(self) -> None:
        norm = self.norm
        for m in _NUM.finditer(norm):
            start, end = m.span()
            if not self.free(start, end):
                continue
            token = m.group()
            chinese = m["chinese"] is not None
            if chinese:
                if set(token) <= set(NOT_A_COUNT) or norm[end:end + 1] == norm[end - 1:end]:
                    continue  # the indefinite 一, 零部件, or a reduplication (一个个)
                while len(token) > 1 and token[-1] in CN_BIG and self._unit_follows(start + len(token)):
                    token = token[:-1]  # 三万元 → 3 万元, 千亿元 → 1000 亿元
                    end -= 1
            elif (norm[start - 1:start].isascii() and norm[start - 1:start].isalpha()) or \
                    (norm[end:end + 1].isascii() and norm[end:end + 1].isalpha()):
                continue
            unit, unit_end, inner = self.unit_after(end, chinese)
            if chinese and not unit:
                self.add(start, end, "name", reason="word")  # 千寻位置: a numeral inside a word
                continue
            try:
                value = _number(token)
            except ValueError:
                continue
            qualifier = self.qualifier(start, unit_end, inner, unit)
            kind = "quantity" if unit or self._scored(start) else "number"
            self.add(start, unit_end, kind, value, unit, qualifier=qualifier)

    def _scored(self, start: int) -> bool:
        """Whether the number at ``start`` is a score without a unit: 总指数为88.1, 得分达92.5."""
        before = self.clause_before(start)
        for copula in COPULAS:
            if before.endswith(copula):
                before = before[: -len(copula)]
                break
        return before.endswith(INDEX_WORDS)

    def ranges(self) -> None:
        """Two figures joined by a range mark (10%—15%, 3～5家): a lower and an upper bound; the first takes
        the second's unit when it has none."""
        figures = sorted((r for r in self.rows if r["kind"] in ("quantity", "number")), key=lambda r: r["view"])
        for low, high in zip(figures, figures[1:]):
            between = self.norm[low["view"][1]:high["view"][0]]
            if between not in RANGE_JOINS or high["kind"] != "quantity" or \
                    low["unit"] not in ("", high["unit"]):
                continue
            low["kind"], low["unit"] = "quantity", high["unit"]
            low["qualifier"] = _bounded(low["qualifier"], "at_least")
            high["qualifier"] = _bounded(high["qualifier"], "at_most")

    def _unit_follows(self, at: int) -> bool:
        rest = self.norm[at - 1:at + 4]
        return any(rest.startswith(mult + unit) for mult in CN_BIG for unit in UNITS_AFTER_MULTIPLIER)

    # --- periods -----------------------------------------------------------
    def resolve_periods(self) -> None:
        """Every claim's period, with where it came from (``period_via``, ``period_from``): streaks first, so
        that a rank of a streak takes the streak's period, then lists (分别) that pair times with figures."""
        streaks_first = sorted(self.rows, key=lambda r: r["kind"] != "streak")
        for row in streaks_first:
            if row["period"] is not None:
                row.setdefault("period_via", "")
                row.setdefault("period_from", "")
                continue
            row["period"], row["period_via"], row["period_from"] = self.period_of(row)
        self.respectively()

    def period_of(self, row: dict) -> tuple[str, str, str]:
        """The period of a claim, how it was found (``PERIOD_VIA``) and the time's words.

        A claim takes the nearest time before it in its sentence; a sentence
        without one takes a time carried from its paragraph or its section's
        heading (``carried``);
        else ``publication`` (a first, only, lead or standing is an event or a
        standing: only its own sentence dates it). Comparison bases (较2020年) are never a period. A
        streak covers the whole years ending with its sentence's latest time
        (or the carried one, or the reference year); a rank in the clause of a
        streak has the streak's period; a duration (2年间) ends at the
        sentence's latest time.
        """
        if row["kind"] in ("name", "ordinal", "number"):
            return "", "", ""
        start, end = row["view"]
        left, right = self.sentences.around(start, end)
        in_sentence = self.times_between(left, right)
        before = [t for t in in_sentence if t.end <= start]
        carried = self.carried(left) if row["kind"] not in WORDED_KINDS else None  # a first or a standing: an event
        if row["kind"] == "rank":
            streak = self.streak_before(start)
            if streak is not None:
                return streak["period"], "streak", streak["span"]
        if row["kind"] == "streak" or (row["kind"] == "quantity" and row["unit"] == "年"):
            latest = _latest(in_sentence)
            anchor = (latest.period, self.written(latest)) if latest is not None else None
            via = "sentence"
            if anchor is None and carried is not None:
                anchor, via = carried[:2], carried[2]
            if anchor is None:
                if row["kind"] == "streak" and self.reference is not None:
                    return periods.years_counted(str(self.reference.year), int(row["value"])), "reference", ""
                return PUBLICATION, "", ""
            if anchor[0] in (PUBLICATION, "") or periods.is_historical(anchor[0]):
                return anchor[0], via, anchor[1]
            if row["kind"] == "streak":
                return periods.years_counted(anchor[0], int(row["value"])), via, anchor[1]
            return periods.duration_ending(anchor[0], int(row["value"])), via, anchor[1]
        if before:
            return before[-1].period, "sentence", self.written(before[-1])
        if carried is not None:
            return carried[0], carried[2], carried[1]
        return PUBLICATION, "", ""

    def written(self, time: TimeExpression) -> str:
        """A time expression's words as the text writes them (過去一年 in a traditional text)."""
        return self.text[self.back[time.start]:self.back[time.end - 1] + 1]

    def times_between(self, left: int, right: int) -> list[TimeExpression]:
        """The time expressions (comparison bases left out) that lie within ``norm[left:right]``."""
        lo = bisect.bisect_left(self.time_starts, left)
        hi = bisect.bisect_left(self.time_starts, right)
        return [t for t in self.times[lo:hi] if t.end <= right]

    def opening_time(self, left: int, right: int) -> TimeExpression | None:
        """The time a sentence (``norm[left:right]``) opens with (去年，…; 过去一年，…; 截至去年底，…)."""
        times = self.times_between(left, right)
        opening = self.norm[left:right].lstrip(OPENING_SKIP)
        word = next((w for w in OPENING_WORDS if opening.startswith(w)), "")
        lead = right - left - len(opening) + len(word)
        return times[0] if times and times[0].start <= left + lead else None

    def carried(self, left: int) -> tuple[str, str, str] | None:
        """A period carried to the sentence starting at ``left`` (period, the time's words, ``paragraph``,
        ``part`` or ``heading``), else None.

        Within its paragraph: the opening time of the latest earlier sentence
        that has one, when that sentence states no claim of its own (过去一年，
        全县工业经济逆势上扬。…); a sentence that dates its own claims
        (截至去年，覆盖率已达100%。) keeps its time, unless the next sentence
        opens with 其中 (a part of what it stated), which takes the last time
        of the sentence before. Else the time of the latest heading line before
        the paragraph.
        """
        line_start = self.norm.rfind("\n", 0, left) + 1
        part_of = self.norm[left:left + 4].lstrip(OPENING_SKIP).startswith(PART_OPENERS)
        cursor = left
        while cursor > line_start:
            prev_left, prev_right = self.sentences.around(cursor - 1, cursor)
            prev_left = max(prev_left, line_start)
            if part_of and cursor == left:
                times = self.times_between(prev_left, prev_right)
                if times:
                    return times[-1].period, self.written(times[-1]), "part"
            opening = self.opening_time(prev_left, prev_right)
            if opening is not None:
                if self.states_claims(prev_left, prev_right):
                    return None
                return opening.period, self.written(opening), "paragraph"
            cursor = prev_left
        heading = self.heading_before(line_start)
        if heading is not None:
            return heading.period, self.written(heading), "heading"
        return None

    def states_claims(self, left: int, right: int) -> bool:
        """Whether ``norm[left:right]`` holds a claim (a figure, rank, streak, first …), not only times and names."""
        return any(r["kind"] in CLAIM_KINDS and left <= r["view"][0] < right for r in self.rows)

    def heading_before(self, at: int) -> TimeExpression | None:
        """The time in the last heading line before ``at`` (a heading governs its section, up to the next one)."""
        index = bisect.bisect_right(self.heading_starts, at) - 1
        if index < 0:
            return None
        line_start, line_end = self.headings[index]
        times = self.times_between(line_start, line_end)
        return times[-1] if times else None

    def streak_before(self, start: int) -> dict | None:
        """The streak earlier in the clause of the claim at ``start`` (连续3年稳居全省前三: the rank's streak)."""
        left, _ = clause_around(self.norm, start, start)
        found = [r for r in self.rows if r["kind"] == "streak" and left <= r["view"][0] < start]
        return found[-1] if found else None

    def respectively(self) -> None:
        """"2023年、2024年分别增长8%、9%": a list of times before 分别 pairs, in order, with as many figures after
        it in the sentence (``period_via`` ``list``)."""
        for m in re.finditer(RESPECTIVELY, self.norm):
            left, right = self.sentences.around(m.start(), m.end())
            listed = _listed(self.norm, [t for t in self.times_between(left, m.start())])
            if len(listed) < 2:
                continue
            figures = sorted((r for r in self.rows if r["kind"] == "quantity" and m.end() <= r["view"][0] < right),
                             key=lambda r: r["view"])
            if len(figures) != len(listed):
                continue
            for time, row in zip(listed, figures):
                row["period"], row["period_via"], row["period_from"] = time.period, "list", self.written(time)


def _listed(norm: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """The last run of ``times`` joined only by list words (2023年、2024年和2025年)."""
    run: list[TimeExpression] = []
    for t in times:
        if run and norm[run[-1].end:t.start] not in LIST_JOINS:
            run = []
        run.append(t)
    return run


def group_scope(among: str) -> str:
    """The scope of a rank among N places (20个县（区、市）中): the group as written, with its size; "" when
    what is counted is no place (3个指标中)."""
    return among.strip() if re.search(_PLACE_SUFFIX, among) else ""


def _bounded(qualifier: str, bound: str) -> str:
    """``qualifier`` with ``bound`` when it has none (exact → at_least, expected → expected_at_least)."""
    if qualifier == "exact":
        return bound
    return f"{qualifier}_{bound}" if qualifier in MODALS else qualifier


def _latest(times: Iterable[TimeExpression]) -> TimeExpression | None:
    """The time expression that ends last among ``times`` (None if there are none)."""
    best: tuple[object, TimeExpression] | None = None
    for t in times:
        if not t.period or t.period == PUBLICATION or periods.is_historical(t.period):
            key: object = (0,)
        else:
            key = (1, periods.bounds(t.period)[1])
        if best is None or key >= best[0]:  # type: ignore[operator]
            best = (key, t)
    return None if best is None else best[1]


def clause_around(text: str, start: int, end: int, reach: int = CLAUSE_REACH) -> tuple[int, int]:
    """The clause holding ``text[start:end]``: out to the nearest clause breaks, at most ``reach`` either side."""
    left, right = start, end
    floor, ceiling = max(0, start - reach), min(len(text), end + reach)
    while left > floor and text[left - 1] not in CLAUSE_BREAK:
        left -= 1
    while right < ceiling and text[right] not in CLAUSE_BREAK:
        right += 1
    return left, right


def extract_claims(text: str, reference: Reference | str | None = None) -> pd.DataFrame:
    """Every claim and named numeral in ``text``, one row each, in text order.

    ``reference`` is the date relative times resolve against (the article's
    publication date, ``YYYY-MM-DD`` or a ``Reference``); without it, 去年 and
    the like leave the period ``""``. Columns: see ``COLUMNS``; ``value`` is
    NaN for claims without a number.
    """
    if isinstance(reference, str):
        reference = Reference.parse(reference)
    scan = _Scan(text, reference)
    scan.names()
    scan.time_claims()
    scan.ranks()
    scan.streaks()
    scan.words()
    scan.ordinals()
    scan.quantities()
    scan.ranges()
    scan.standings()
    scan.resolve_periods()
    rows = sorted(scan.rows, key=lambda r: (r["start"], r["end"]))
    for row in rows:
        left, right = scan.sentences.around(*row.pop("view"))
        row["sentence"] = text[scan.back[left]:scan.back[right - 1] + 1 if right else 0].strip()
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"start": int, "end": int, "value": float})
