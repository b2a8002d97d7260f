"""Text as it comes: traditional characters and pinyin glosses, read without moving a character.

Reading. ``reading(text)`` is ``text`` with every traditional character
replaced by its simplified one (機→机, 億→亿, 連續→连续), one character for
one, so an offset in the reading is an offset in the text: the extractor
matches its (simplified) words on the reading and quotes the text as
written. The table is data (``data/t2s.tsv``), made from OpenCC's
``TSCharacters.txt`` (Apache-2.0) by ``tools/make_script_table.py``; how, and
its licence, in ``data/SCRIPT.md``. Only pairs of single characters are kept
(a character with several simplified readings takes OpenCC's first), so a
few characters that simplified text also uses are read as their usual
simplified form (後→后, 於→于, 乾→干): harmless for reading figures.

Glosses. A pinyin or Latin gloss in parentheses after a word (动力(dònglì),
全省（quánshěng）, 安吉县（Ānjí）) says how to read the word, not what the text
claims; ``GLOSS`` finds them, ``mask_glosses`` blanks them with spaces
(offsets kept) and ``without_glosses`` drops them (for a name or a heading).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("data") / "t2s.tsv"
# A gloss: Latin letters (with tone marks), apostrophes, spaces and hyphens in half- or full-width parentheses.
GLOSS = re.compile(r"[（(][A-Za-zÀ-ɏ\u0300-\u036f'’ \-]+[）)]")


@cache
def _table() -> dict[int, str]:
    lines = TABLE_PATH.read_text(encoding="utf-8").splitlines()[1:]
    return {ord(trad): simp for trad, simp in (line.split("\t") for line in lines if line)}


def reading(text: str) -> str:
    """``text`` with traditional characters read as simplified, one for one (same length, same offsets)."""
    return text.translate(_table())


def same_reading(a: str, b: str) -> bool:
    """Whether two words read the same once simplified (億元 and 亿元 do)."""
    return reading(a) == reading(b)


def mask_glosses(text: str) -> str:
    """``text`` with every gloss replaced by as many spaces (offsets kept)."""
    return GLOSS.sub(lambda m: " " * len(m.group()), text)


def without_glosses(text: str) -> str:
    """``text`` with every gloss removed (动力(dònglì)变革 → 动力变革)."""
    return GLOSS.sub("", text)
