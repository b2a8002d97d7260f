"""Names of what a figure counts, for the drafter (``cases``): the measure, its subject and level, not the clause.

From the words before a figure (``before``) and the text right after it (``after``, from the end of its unit):

- times, scopes, the article's place and openers at the front go (去年全市…, 其中…), and so do the words
  that link a name to its figure at the end (达, 高达, 提升至, 累计…);
- a growth rate is the growth of its base: 规上工业增加值同比增长8.2% → 规上工业增加值同比增速 (a fall: 能耗下降4.2%
  → 能耗降幅); with no base
  (同比增长9.2% in a clause of its own, or after a level), the base is the subject before it;
- an action's object is what is counted: 拥有国家级企业技术中心8家 → 国家级企业技术中心; with a subject,
  "subject + verb + 的 + object": 某先导区已集聚近50家上下游企业 → 某先导区集聚的上下游企业;
- a multiple of an average and a number of years to double name what they measure: 是全国平均的2.2倍 after
  某率 → 某率相当于全国平均的倍数; 3年实现翻番 after 某企业 → 某企业数量翻番所用年数;
- a count before its noun names the noun (8个省级特色产业集群如繁星璀璨 → 省级特色产业集群), and an honour
  after it the thing honoured: 5家企业荣膺某某工厂 → 荣膺某某工厂的企业;
- an item of a list takes the level of the list's first item (国家级绿色供应链管理企业40家、绿色工业园区8个 →
  国家级绿色工业园区), and a level alone the first item's noun (…技术中心8家、省级138家 → 省级企业技术中心).

The vocabulary is ``lexicon``'s (``NAME_*`` and the time, scope and place words); the nouns are the term
list's (``terms``). Names are read as simplified (規上工業 → 规上工业), so that cases written in either
script name a measure alike. ``name_of`` gives "" when it finds no name: the drafter then keeps the clause. A claim
in words is named by its clause without its openers (``claim_words``).
"""

from __future__ import annotations

import re

from . import terms
from .lexicon import (
    AS_OF_WORDS,
    AVERAGE_WORD,
    CITIES,
    DOUBLING_WORDS,
    EXPECTED_WORDS,
    LEVEL_SCOPES,
    LINK_PREFIXES,
    LINK_VERBS,
    NAME_ACTIONS,
    NAME_ADVERBS,
    NAME_BASES,
    NAME_CLAIM_OPENERS,
    NAME_COPULAS,
    NAME_DECLINE,
    NAME_DECLINE_RATE,
    NAME_DOUBLING,
    NAME_GROWTH,
    NAME_GROWTH_RATE,
    NAME_IN_ALL,
    NAME_LINKS,
    NAME_LIST_MARKS,
    NAME_MULTIPLE,
    NAME_NEW,
    NAME_OPENERS,
    NAME_POINTS,
    NAME_STOPS,
    NAME_YEAR_ON_YEAR,
    PARTS_OF_YEAR,
    POINT_UNITS,
    RECENT_WORDS,
    RELATIVE_OPENERS,
    RELATIVE_YEARS,
    SCOPE_WORDS,
    SINCE_WORD,
    TARGET_WORDS,
    TIME_PHRASE_OPENERS,
    YEAR_END_WORDS,
)
from .script import reading, without_glosses

LEVELS = tuple(sorted(LEVEL_SCOPES, key=len, reverse=True))  # 国家级 before 国家
HONOURS = ("荣膺", "获评", "入选", "获得", "斩获")  # after a counted noun: 5家企业荣膺…
_NUMBER = r"[\d一二三四五六七八九十两]+"
_MONTHS = r"\d{1,2}(?:至|到|-|—|～)\d{1,2}月"
TIME_AT_FRONT = re.compile(
    rf"^(?:(?:{'|'.join(AS_OF_WORDS)})?"
    rf"(?:(?:{'|'.join(RECENT_WORDS)})?{_NUMBER}年(?:间|来|以来)?"
    rf"|\d{{4}}年(?:{_MONTHS}|\d{{1,2}}月)?(?:{'|'.join(YEAR_END_WORDS)}|初|度)?"
    rf"|(?:{'|'.join(RELATIVE_YEARS)})(?:{_MONTHS}|{'|'.join(YEAR_END_WORDS)}|初|{SINCE_WORD}|同期)?"
    rf"|{_MONTHS}|{'|'.join(PARTS_OF_YEAR)}))")
PLACE_AT_FRONT = re.compile(rf"^(?:{'|'.join(CITIES)})(?:市|县|区)?")
FRONT_WORDS = tuple(sorted((*SCOPE_WORDS, *NAME_OPENERS, *NAME_ADVERBS, *NAME_LINKS, *NAME_COPULAS), key=len,
                           reverse=True))
CHANGES = tuple(sorted((*NAME_GROWTH, *NAME_DECLINE), key=len, reverse=True))
TAIL_WORDS = tuple(sorted((*NAME_LINKS, *LINK_VERBS, *LINK_PREFIXES, *NAME_ADVERBS), key=len, reverse=True))
MODAL_WORDS = (*EXPECTED_WORDS, *TARGET_WORDS)
OWNER_ACTIONS = tuple(sorted((a for a in NAME_ACTIONS if a not in HONOURS[:3]), key=len, reverse=True))


def name_of(before: str, after: str, unit: str = "", first: str = "", previous: str = "") -> str:
    """What a figure counts (see the module's rules): ``before`` the words before the figure in its clause (or
    since the figure before it), ``after`` the clause after it, ``unit`` its unit, ``first`` the name of the
    clause's first figure when this one follows it, ``previous`` the subject of the clause before; "" when no
    name is found."""
    before, after = reading(without_glosses(before)).strip(NAME_LIST_MARKS), reading(after)
    first, previous = reading(first), reading(previous)
    growth = _growth(before) if unit in ("%", *POINT_UNITS) else None
    if growth is not None:
        base, year_on_year, word = growth
        base = _cleaned(base, after) or first or previous
        rate = NAME_DECLINE_RATE if word in NAME_DECLINE else NAME_GROWTH_RATE
        said = f"{word[-2:]}{NAME_POINTS}" if unit in POINT_UNITS else rate  # 提高9.2个百分点: 提高幅度
        return f"{base}{NAME_YEAR_ON_YEAR if year_on_year else ''}{said}" if base else ""
    base = first or previous
    opener = next((o for o in RELATIVE_OPENERS if before.startswith(o)), "")
    if base and unit == "倍" and opener and AVERAGE_WORD in before:  # 是全国平均的2.2倍
        return f"{base}{NAME_MULTIPLE[0]}{before[len(opener):]}{NAME_MULTIPLE[1]}"
    doubling = next((w for w in DOUBLING_WORDS if w in after[:6]), None)
    if base and unit == "年" and doubling and not before:  # 3年实现翻番
        counted = base if base.endswith(NAME_DOUBLING[0]) else base + NAME_DOUBLING[0]
        return f"{counted}{DOUBLING_WORDS[0]}{NAME_DOUBLING[1]}"
    words = _cleaned(before, after)
    if first and before and not words:  # 由…的18.4%、提升至去年底的27.6%: the same measure at another time
        return first
    if previous and not words and any(w in before for w in NAME_IN_ALL):  # …3家，累计达12家: the same subject
        new = next((n for n in NAME_NEW if previous.startswith(n)), "")
        return previous[len(new):]
    if first and words in LEVELS:
        return _with_level(first, words)
    if first and words and not _level(words) and _level(first):
        return _level(first) + words
    counted = _counted(after)
    if counted and terms.covered(words) == 0:
        return counted
    if len(words) >= 2 and not words.startswith(RELATIVE_OPENERS):
        return words
    return counted


def claim_words(clause: str) -> str:
    """The name of a claim in words (a first, an only, a lead, a standing): its clause without the words that
    open it (作为全省唯一试点 → 全省唯一试点; 成为某市首个实验室 → 某市首个实验室)."""
    words = without_glosses(clause).strip(NAME_LIST_MARKS + "。")
    while True:
        opener = next((w for w in NAME_CLAIM_OPENERS if words.startswith(w) and len(words) > len(w) + 1), None)
        if opener is None:
            return words
        words = words[len(opener):]


def _growth(before: str) -> tuple[str, bool, str] | None:
    """The base, whether it is year on year, and the growth word, when ``before`` ends in one (…同比增长)."""
    words = _trimmed(before, ("了", *NAME_ADVERBS))
    found = next((g for g in CHANGES if words.endswith(g)), None)
    if found is None:
        return None
    base = words[:-len(found)]
    year_on_year = NAME_YEAR_ON_YEAR in found or base.endswith(NAME_YEAR_ON_YEAR)
    base = base.removesuffix(NAME_YEAR_ON_YEAR)
    against = next((b for b in NAME_BASES if base.endswith(b)), "")
    return base[:len(base) - len(against)], year_on_year, found


def _cleaned(words: str, after: str) -> str:
    """``words`` without what opens and what links them (see the module's rules), an action read as
    "subject + verb + 的 + object", a modal's words and a copula left out."""
    words = _front(words)
    words = re.split(f"(?<=..)(?:{'|'.join(TIME_PHRASE_OPENERS)})", words, maxsplit=1)[0]  # 由2022年底的…
    for modal in MODAL_WORDS:
        if modal in words:
            words = words[:words.index(modal)]
    words = _trimmed(words, TAIL_WORDS, keep=False)
    for copula in NAME_COPULAS:
        at = words.find(copula)
        if at > 0:
            words = words[:at] + words[at + len(copula):]
    return _action(words, after).strip(NAME_LIST_MARKS)


def _front(words: str) -> str:
    """``words`` without times, scopes, the place and openers at the front (a scope that opens a term stays:
    全国重点实验室)."""
    while True:
        words = words.lstrip(NAME_LIST_MARKS)
        cut = TIME_AT_FRONT.match(words) or PLACE_AT_FRONT.match(words)
        if cut and cut.end():
            words = words[cut.end():]
            continue
        opener = next((w for w in FRONT_WORDS if words.startswith(w)), None)
        pieces = terms.find(words[:12]) if opener else []
        if opener and not (pieces and pieces[0][2] is not None and pieces[0][1] > len(opener)):
            words = words[len(opener):]
            continue
        return words


def _trimmed(words: str, tails: tuple[str, ...], keep: bool = True) -> str:
    """``words`` without any of ``tails`` at its end, again and again (已达, 累计达到); with ``keep``, never all
    of it."""
    while True:
        tail = next((t for t in tails if words.endswith(t) and (len(words) > len(t) or not keep)), None)
        if tail is None:
            return words
        words = words[:-len(tail)]


def _action(words: str, after: str) -> str:
    """An owner's action read as its object (拥有X → X), or "subject + verb + 的 + object" with a subject;
    an action at the end takes its object after the figure (已集聚近50家上下游企业)."""
    found = max(((words.rfind(a) + len(a), len(a), a) for a in OWNER_ACTIONS if a in words), default=None)
    if found is None:
        return words
    end, _, action = found
    at = end - len(action)
    subject, object_ = _trimmed(words[:at], NAME_ADVERBS, keep=False), words[end:]
    if "的" in object_:  # 拥有专利的规上企业: the action is a relative clause of the name
        return words
    subject = _front(subject)
    object_ = object_ or _counted(after, honours=False)
    verb = next((a for a in NAME_ADVERBS if action.startswith(a) and len(action) > len(a)), "")
    verb = action[len(verb):]
    if not object_:
        return words
    return f"{subject}{verb}的{object_}" if subject else object_


def _counted(after: str, honours: bool = True) -> str:
    """The noun right after a count (8个省级特色产业集群如…): terms of subjects and levels, with a few words
    before the first (重点传统制造业, “新星”产业集群), up to a measure, a stop or a gap; with ``honours``, an
    honour after it names the noun as honoured (5家企业荣膺X → 荣膺X的企业)."""
    end = None
    for start, stop, term in terms.find(after[:40]):
        gap = after[end or 0:start]
        if any(ch in NAME_STOPS for ch in gap) or len(gap) > (4 if end is None else 2):
            break
        if term is None:
            continue
        if term.role in ("measure", "scope"):
            break
        if term.role == "subject":
            end = stop
    if end is None:
        return ""
    noun = after[:end]
    rest = _trimmed(after[end:], ()).lstrip("".join(NAME_ADVERBS))
    honour = next((h for h in HONOURS if rest.startswith(h)), None) if honours else None
    if honour is None:
        return noun
    what = re.split("[（(，。；,;]", rest, maxsplit=1)[0]
    return f"{what}的{noun}"


def _level(name: str) -> str:
    """The level a name opens with (国家级, 省级 …), or ""."""
    return next((lv for lv in LEVELS if name.startswith(lv)), "")


def _with_level(name: str, level: str) -> str:
    """``name`` with its opening level replaced by ``level`` (or ``level`` put before it)."""
    return level + name[len(_level(name)):]
