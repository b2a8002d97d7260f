"""Numbers as written in Chinese text: Arabic (with thousands separators) or Chinese numerals."""

from __future__ import annotations

from .lexicon import CN_BIG, CN_DIGITS, CN_NUMERAL, CN_UNITS


def chinese_to_number(numeral: str) -> float:
    """Convert a Chinese numeral (三, 十四, 两百零五, 三万, 千) to a number.

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


def to_number(token: str) -> float:
    """An Arabic or Chinese numeral as a float (``1,076`` → 1076.0, ``十四`` → 14.0)."""
    token = token.replace(",", "")
    if token and token[0] in CN_NUMERAL:
        return chinese_to_number(token)
    return float(token)
