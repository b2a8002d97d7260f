"""Find every numeric claim in a Chinese news text.

``extract_claims(text)`` works on any text, not only this article. It returns
one row per claim with its offsets in ``text``, the span, the value as a float
(Chinese numerals converted), the unit as written, a qualifier, the claim's
kind and the sentence it stands in.

Kinds:
``quantity`` a number with a unit (32.2%, 2071家, 三年, 八大); ``number`` a bare
Arabic number (a name such as “161”); ``year`` (2022年, 2022年底); ``period``
(1至4月); ``date`` (5月23日); ``rank`` (全省第二, 榜首, 前三, 前三甲, and a
following 、第五); ``ordinal`` (第一, 首个).

Choices: a bare 一 (or 一一, as in 唯一一个) before a measure word (一座城市, 一个更具韧性的…) is the
indefinite article, not a count, and is skipped; numbers touching Latin
letters (5G, A8) are names and skipped; a qualifier must stand right before
the number (近50家, 超250亿元) or after the unit (50家以上), except target
words (有望, 预计 …), which may stand anywhere earlier in the clause.
Parenthesised pinyin or Latin annotations are ignored when reading
qualifiers and units.
"""

from __future__ import annotations

import re

import pandas as pd

from .source import normalise_width

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"

# Longest first, so that 人次 wins over 人 and 亿元 over 元.
UNITS = sorted(
    [
        "%", "‰", "个百分点", "百分点", "平方公里", "平方米", "公里", "千米", "米",
        "亿元", "万元", "千元", "元", "亿美元", "万美元", "美元",
        "人次", "人", "名", "位", "家", "个", "项", "件", "款", "座", "条", "所",
        "台", "辆", "吨", "户", "批", "届", "倍", "次", "年", "连冠", "千瓦时", "千瓦",
    ],
    key=len,
    reverse=True,
)
CN_ONLY_UNITS = ["大"]  # 八大产业: "eight major …", only after Chinese numerals
MULTIPLIERS = "万亿千"

TARGET_WORDS = ("有望", "预计", "预期", "力争", "目标为", "目标是")
AT_LEAST_BEFORE = ("超过", "突破", "不少于", "至少", "多于", "超", "逾")
APPROX_BEFORE = ("将近", "接近", "大约", "近", "约")
AT_LEAST_AFTER = ("以上", "多", "余")
APPROX_AFTER = ("左右", "上下")

RANK_SCOPES = {"全省": "province", "全国": "national", "全市": "city", "省内": "province"}
CLAUSE_BREAK = "，。；：！？,;:!?\n"
SENTENCE_BREAK = "。！？!?\n"

_ANNOTATION = re.compile(r"[（(][A-Za-zÀ-ɏ\u0300-\u036f'’ \-]+[）)]")
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = rf"[{CN_NUMERAL}]+"
_NUM = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<cn>{_CN})")
_YEAR = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})年(?P<tail>底|末|初|中|度)?")
_PERIOD = re.compile(rf"(?<![\d.])(?P<a>\d{{1,2}}|{_CN})\s*(?:至|到|-|—|～|~)\s*(?P<b>\d{{1,2}}|{_CN})\s*月")
_DATE = re.compile(r"(?<![\d.])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_SCOPE = "|".join(RANK_SCOPES)
_RANK = re.compile(
    rf"(?P<scope>{_SCOPE})(?:排名|排位|排)?"
    rf"(?:(?P<top>前)(?P<topn>{_CN}|\d+)(?P<jia>甲|名|位)?"
    rf"|第(?P<nth>{_CN}|\d+)(?:名|位)?"
    rf"|(?P<first>首位|榜首))"
)
_RANK_NEXT = re.compile(rf"、第(?P<nth>{_CN}|\d+)")
_ORDINAL = re.compile(rf"第(?P<nth>{_CN}|\d+)|(?P<first>首)(?P<unit>个|家|座|项|条|批|届)")

COLUMNS = ["start", "end", "span", "value", "unit", "qualifier", "kind", "rank_kind",
           "scope", "sentence"]


def chinese_to_number(numeral: str) -> float:
    """Convert a Chinese numeral (三, 十四, 两百零五, 三万) to a number.

    Raises ValueError for text that is not a numeral.
    """
    if not numeral or any(ch not in CN_NUMERAL for ch in numeral):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    total, section, digit = 0, 0, None
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * CN_BIG[ch]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def _number(token: str) -> float:
    token = token.replace(",", "")
    if token and token[0] in CN_NUMERAL:
        return chinese_to_number(token)
    return float(token)


def _strip_annotations(text: str) -> str:
    return _ANNOTATION.sub("", text)


def _clause_before(text: str, start: int, limit: int = 24) -> str:
    window = text[max(0, start - limit) : start]
    cut = max(window.rfind(p) for p in CLAUSE_BREAK)
    return _strip_annotations(window[cut + 1 :])


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(p, 0, start) for p in SENTENCE_BREAK) + 1
    rights = [i for i in (text.find(p, end) for p in SENTENCE_BREAK) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()


def _qualifier(text: str, start: int, end: int) -> str:
    before = _clause_before(text, start)
    after = _strip_annotations(text[end : end + 8])
    if any(word in before for word in TARGET_WORDS):
        return "target"
    if before.endswith(AT_LEAST_BEFORE) or after.startswith(AT_LEAST_AFTER):
        return "at_least"
    if before.endswith(APPROX_BEFORE) or after.startswith(APPROX_AFTER):
        return "approx"
    return "exact"


def _unit_after(text: str, end: int, chinese: bool) -> tuple[str, int]:
    """The unit right after a number (annotations and spaces skipped)."""
    rest = text[end : end + 40]
    skipped = 0
    while True:
        m = _ANNOTATION.match(rest, skipped) or re.compile(r"[ \t]+").match(rest, skipped)
        if not m or m.end() == skipped:
            break
        skipped = m.end()
    rest = rest[skipped:]
    prefix = ""
    if rest[:1] in ("余", "多") and rest[1:2]:
        prefix, rest = rest[0], rest[1:]
    for units in (UNITS, CN_ONLY_UNITS if chinese else []):
        for unit in units:
            for mult in ("", *MULTIPLIERS):
                if rest.startswith(mult + unit):
                    written = mult + unit
                    return written, end + skipped + len(prefix) + len(written)
    if not chinese:
        for mult in MULTIPLIERS:
            if rest.startswith(mult) and not rest[1:2].isdigit():
                return mult, end + skipped + len(prefix) + 1
    return "", end


def extract_claims(text: str) -> pd.DataFrame:
    """Every numeric claim in ``text``, one row each, in text order.

    Columns: start, end (offsets in ``text``), span, value (float), unit,
    qualifier (exact, approx, at_least, target), kind, rank_kind (exact or
    top_n for ranks), scope (province, national, city for ranks), sentence.
    """
    norm = normalise_width(text)
    rows: list[dict] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(start: int, end: int, value: float, unit: str, kind: str, *,
            qualifier: str | None = None, rank_kind: str = "", scope: str = "") -> None:
        taken.append((start, end))
        rows.append({
            "start": start, "end": end, "span": text[start:end], "value": float(value),
            "unit": unit, "qualifier": qualifier or _qualifier(norm, start, end),
            "kind": kind, "rank_kind": rank_kind, "scope": scope,
            "sentence": _sentence(text, start, end),
        })

    for m in _RANK.finditer(norm):
        scope = RANK_SCOPES[m["scope"]]
        if m["first"]:
            add(m.start(), m.end(), 1, "", "rank", qualifier="exact", rank_kind="exact", scope=scope)
        elif m["top"]:
            add(m.start(), m.end(), _number(m["topn"]), "", "rank", qualifier="exact",
                rank_kind="top_n", scope=scope)
        else:
            add(m.start(), m.end(), _number(m["nth"]), "", "rank", qualifier="exact",
                rank_kind="exact", scope=scope)
            nxt = _RANK_NEXT.match(norm, m.end())
            if nxt:
                add(nxt.start() + 1, nxt.end(), _number(nxt["nth"]), "", "rank",
                    qualifier="exact", rank_kind="exact", scope=scope)
    for m in _DATE.finditer(norm):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), float(m["d"]), "日", "date", qualifier="exact")
    for m in _PERIOD.finditer(norm):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), _number(m["b"]), "月", "period", qualifier="exact")
    for m in _YEAR.finditer(norm):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), float(m["year"]), "年", "year", qualifier="exact")
    for m in _ORDINAL.finditer(norm):
        if not free(m.start(), m.end()):
            continue
        if m["first"]:
            add(m.start(), m.end(), 1, m["unit"], "ordinal", qualifier="exact")
        else:
            add(m.start(), m.end(), _number(m["nth"]), "", "ordinal", qualifier="exact")
    for m in _NUM.finditer(norm):
        start, end = m.span()
        if not free(start, end):
            continue
        chinese = m["cn"] is not None
        token = m.group()
        if chinese:
            if set(token) == {"一"} or all(ch in MULTIPLIERS + "百十" for ch in token):
                continue
            # 一个个, 三三两两: reduplication is not a count
            if norm[end : end + 1] == norm[end - 1 : end]:
                continue
        else:
            if norm[start - 1 : start].isascii() and norm[start - 1 : start].isalpha():
                continue
            if norm[end : end + 1].isascii() and norm[end : end + 1].isalpha():
                continue
        unit, unit_end = _unit_after(norm, end, chinese)
        if chinese and not unit:
            continue
        try:
            value = _number(token)
        except ValueError:
            continue
        add(start, unit_end, value, unit, "quantity" if unit else "number")
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame.sort_values(["start", "end"], kind="stable").reset_index(drop=True)
    return frame.astype({"start": int, "end": int, "value": float})
