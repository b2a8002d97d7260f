"""Figures with their units in the reader's language: ``localize("2071家 ÷ 2 ≲ 1035家", t)``.

Figures are stated and derived with the units the article writes (亿元, 家,
倍, pp …). For a page, every figure in a text (a value, a formula, an audit
result) is rewritten with the glossary's ``unit.*`` label of its unit, a
template with ``{n}`` for the number: 4.7 pp reads 4.7个百分点 in Chinese; in
English counts drop their measure word (2071家 → 2071), 倍 becomes × (2.2×), a
duration reads in years. English money is written once, one way: CNY in
billions or millions, the number's decimal point shifted (21.1亿元 → CNY 2.11
bn, 2.81亿元 → CNY 281 m, 411万元 → CNY 4.11 m), so every figure stays exact.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .i18n import Glossary
from .lexicon import MODAL_MARKS
from .periods import HISTORICAL, PUBLICATION, UNKNOWN, is_historical, is_period
from .script import reading

# How many of the English unit one Chinese money unit is: 1亿元 = CNY 0.1 bn, 1万元 = CNY 0.01 m.
# A bare 亿 or 万 (突破900亿: no 元 written) is a magnitude only: 900亿 reads 90 bn, 12万 reads 120 thousand.
MONEY_SHIFT = {"亿元": Decimal("0.1"), "万元": Decimal("0.01"), "万家": Decimal("10000"),
               "亿": Decimal("0.1"), "万": Decimal("10")}
_UNITS = ("亿元/月", "亿元/家", "万元/个", "万元/亩", "万元/人", "元/人", "元/亩", "亿元", "万元", "个点", "万家", "个百分点", "pp/yr", "pp", "人次", "年份", "连冠",
          "家", "个", "项", "名", "倍", "年", "度", "夺", "大", "类", "位", "亿", "万")
_FIGURE = re.compile(rf"(?<![\d.])(?P<n>-?\d+(?:\.\d+)?)(?P<space> ?)(?P<unit>{'|'.join(map(re.escape, _UNITS))})"
                     rf"(?![\u4e00-\u9fff])")


def shift(number: str, factor: Decimal) -> str:
    """A decimal number times ``factor``, written with as many decimals as it needs, never in exponent form."""
    return format((Decimal(number) * factor).normalize(), "f")


def figure(number: str, unit: str, t: Glossary) -> str:
    """One figure in ``t``'s language: its number and the unit's label (``unit.<unit>`` with ``{n}``)."""
    money = next((m for m in MONEY_SHIFT if unit.startswith(m)), None)
    key = f"unit.{unit}"
    if t.lang == "en" and money:
        number = shift(number, MONEY_SHIFT[money])
        if money == "亿元" and abs(Decimal(number)) < 1 and t.has(f"{key}.m"):  # CNY 0.281 bn → CNY 281 m
            number, key = shift(number, Decimal(1000)), f"{key}.m"
    if unit == "年" and number in ("1", "1.0") and t.has("unit.年.one"):
        key = "unit.年.one"
    return t(key, n=number)


_MODAL = re.compile(rf"(?P<mark>[{''.join(MODAL_MARKS.values())}])(?P<figure>[≥≤≈]?-?\d[^\s;；,，)）]*)")
_MODAL_NAME = {mark: name for name, mark in MODAL_MARKS.items()}


def localize(text: str, t: Glossary) -> str:
    """Every figure of ``text`` written with its unit in ``t``'s language, an expected or target figure
    with its word (``modal.expected``: 预期≥50亿元 / expected ≥CNY 5 bn); other text unchanged."""
    text = _MODAL.sub(lambda m: t(f"modal.{_MODAL_NAME[m['mark']]}", figure=m["figure"]), text)
    read = reading(text)  # 2750.54億元 is read as 2750.54亿元 (one character for one), and kept so in Chinese
    pieces, cursor = [], 0
    for m in _FIGURE.finditer(read):
        shown = figure(m["n"], m["unit"], t)
        pieces += [text[cursor:m.start()], text[m.start():m.end()] if shown == m.group() else shown]
        cursor = m.end()
    return "".join(pieces) + text[cursor:]


def period_words(period: str, t: Glossary) -> str:
    """A period in the reader's words: 2024年 / 2024, 2024年底 / end of 2024, 2025年1—4月 / Jan–Apr 2025,
    2022—2024年 / 2022–2024, 2022年底至2024年底 / end of 2022 to end of 2024; ``publication``,
    ``unknown`` and ``historical`` in words, a decade as 1980年代 / the 1980s; anything else as written."""
    if period in (PUBLICATION, UNKNOWN, HISTORICAL):
        return t(f"period.{period}")
    if is_historical(period):
        return t("period.decade", y=period.removesuffix("s"))
    if not is_period(period):
        return period
    parts = period.split("/")
    if len(parts) == 2:
        a, b = parts
        if len(a) == len(b) == 4:
            return t("period.years", a=a, b=b)
        if len(a) == len(b) == 7 and a[:4] == b[:4]:
            return t("period.months", y=a[:4], a=t(f"month.{int(a[5:])}"), b=t(f"month.{int(b[5:])}"))
        return t("period.range", a=period_words(a, t), b=period_words(b, t))
    bits = period.split("-")
    if len(bits) == 1:
        return t("period.year", y=bits[0])
    if len(bits) == 2:
        return t("period.month", y=bits[0], m=t(f"month.{int(bits[1])}"))
    if bits[1:] == ["12", "31"]:
        return t("period.year_end", y=bits[0])
    return t("period.day", y=bits[0], m=t(f"month.{int(bits[1])}"), d=str(int(bits[2])))
