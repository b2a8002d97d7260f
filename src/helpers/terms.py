"""The bilingual term list (``data/terms.csv``): official Chinese and English names of statistical and
industrial-policy terms, each with the page that publishes the pair (``data/TERMS.md`` says how they were chosen).

``find`` reads a Chinese name as terms, longest first (规上工业增加值 before 规上工业 and 增加值);
``english`` composes an English name from them:

- a *level* (国家级, 省级 …) goes before the words that follow it: 国家级绿色工厂 → national green factories;
- a *subject* is a noun phrase, appended as it is: 高新技术 + 投资 → high-tech investment;
- a *measure* is of what came before: 规上工业 + 增加值 + 增速 → growth rate of value added of industrial
  enterprises above designated size;
- a *scope* (全省, 全国) is said at the end;
- A占B比重 (or 占比) reads "A as a proportion of B"; A相当于全省平均的倍数 "A as a multiple of the average, …"; 入选X的Y "Y selected for X" (and the like: ``HONOURS``);
- 的 joins, 和、与、及 read "and"; words no term covers stay in Chinese where they stand.

A name is composed only when its terms cover at least half of its characters, or all of it but a name
that opens it (a firm's, a place's); otherwise ``english`` gives "" and pages mark it "not translated".

Ground floor: reads its table with ``files``, checked against its fields in ``registry`` (``datapackage``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import datapackage, paths
from .files import fault, read_csv_text
from .lexicon import AVERAGE_WORD, NAME_MULTIPLE
from .registry import TERM_ROLES
from .script import reading

TERMS_FILE = "terms.csv"
ROLES = TERM_ROLES
JOINS = {"和": "and", "与": "and", "及": "and"}
FILLERS = "的“”\"' 　"
SHARE_OF = "占"
SHARE_WORDS = ("的比重", "比重", "占比", "的比例", "比例")
NOT_A_NAME = "："  # the drafter's "subject：clause" when it found no name: a clause, not a name to translate
# An honour before what holds it (入选X的企业: the enterprises selected for X), in the composition's own words.
HONOURS = {"入选": "selected for", "获评": "rated as", "荣膺": "named as", "获得": "awarded", "斩获": "awarded"}
MULTIPLE = re.compile(f"(.+){NAME_MULTIPLE[0]}(.*){AVERAGE_WORD}的{NAME_MULTIPLE[1]}")
COVERAGE = 0.5  # the share of a name's characters its terms must cover for an English name


@dataclass(frozen=True)
class Term:
    """One pair of the list: the Chinese term, its English as published, and its role in a name."""

    zh: str
    en: str
    role: str


@lru_cache(maxsize=4)
def load_terms(path: Path | None = None) -> dict[str, Term]:
    """The term list by Chinese term (``data/terms.csv`` unless ``path``), each row checked against its schema."""
    path = path or paths.DATA / TERMS_FILE
    frame = read_csv_text(path)
    schema = datapackage.schema("terms")

    datapackage.check_rows(frame, schema, lambda line, column, message: fault(path, line, column, message))
    return {row.zh: Term(row.zh, row.en, row.role) for row in frame.itertuples()}


def find(name: str, terms: dict[str, Term] | None = None) -> list[tuple[int, int, Term | None]]:
    """``name`` cut into pieces ``(start, end, term)``, left to right, the longest term at each place (traditional
    characters read as simplified); a piece no term covers has ``term`` None (one piece per run of such
    characters)."""
    terms = load_terms() if terms is None else terms
    longest = max((len(t) for t in terms), default=0)
    read = reading(name)  # 規上工業 is read as 规上工业: one character for one, so offsets hold
    pieces: list[tuple[int, int, Term | None]] = []
    at = 0
    while at < len(name):
        found = next((read[at:at + n] for n in range(min(longest, len(name) - at), 0, -1)
                      if read[at:at + n] in terms), None)
        if found:
            pieces.append((at, at + len(found), terms[found]))
            at += len(found)
        elif pieces and pieces[-1][2] is None and pieces[-1][1] == at:
            pieces[-1] = (pieces[-1][0], at + 1, None)
            at += 1
        else:
            pieces.append((at, at + 1, None))
            at += 1
    return pieces


def covered(name: str, terms: dict[str, Term] | None = None) -> float:
    """The share of ``name``'s characters (fillers and joins left out) that terms cover."""
    pieces = find(name, terms)
    counted = [c for c in name if c not in FILLERS and c not in JOINS]
    if not counted:
        return 0.0
    held = sum(e - s for s, e, t in pieces if t is not None)
    return held / len(counted)


def _named_first(name: str, terms: dict[str, Term] | None) -> bool:
    """Whether the only words no term covers open the name (a firm's or a place's name: 某某公司总产值)."""
    pieces = find(name, terms)
    opening = name[:pieces[0][1]] if pieces else ""
    return (len(pieces) > 1 and pieces[0][2] is None and len(opening) <= 6 and "的" not in opening
            and all(t is not None for _, _, t in pieces[1:]))


def english(name: str, terms: dict[str, Term] | None = None) -> str:
    """An English name composed from the terms of the Chinese ``name`` (see the module's rules), with its first
    letter in capitals; "" when the terms cover less than half of it."""
    name = name.strip()
    if not name or NOT_A_NAME in name or (covered(name, terms) < COVERAGE and not _named_first(name, terms)):
        return ""
    if not any(t is not None and t.role in ("subject", "measure") for _, _, t in find(name, terms)):
        return ""  # a level or a scope alone names nothing
    text = _share(name, terms) or _honoured(name, terms) or _multiple(name, terms) or _compose(name, terms)
    return text[:1].upper() + text[1:] if text else ""


def _share(name: str, terms: dict[str, Term] | None) -> str:
    """A占B比重 → "A as a proportion of B"; "" for a name of another form."""
    word = next((w for w in SHARE_WORDS if name.endswith(w)), None)
    if word is None or SHARE_OF not in name[:-len(word)]:
        return ""
    part, whole = name[:-len(word)].split(SHARE_OF, 1)
    part, whole = _compose(part, terms), _compose(whole, terms)
    return f"{part} as a proportion of {whole}" if part and whole else ""


def _multiple(name: str, terms: dict[str, Term] | None) -> str:
    """A相当于B平均的倍数 (the drafter's name of 是全省平均的2.2倍) → "A as a multiple of the average, B"."""
    found = MULTIPLE.fullmatch(name)
    if found is None:
        return ""
    what, where = _compose(found.group(1), terms), _compose(found.group(2), terms) if found.group(2) else ""
    return f"{what} as a multiple of the average" + (f", {where}" if where else "") if what else ""


def _honoured(name: str, terms: dict[str, Term] | None) -> str:
    """入选X的Y → "Y selected for X"; "" for a name of another form."""
    honour = next((h for h in HONOURS if name.startswith(h)), None)
    if honour is None or "的" not in name:
        return ""
    what, holder = name[len(honour):].rsplit("的", 1)
    what, holder = _compose(what, terms), _compose(holder, terms)
    return f"{holder} {HONOURS[honour]} {what}" if what and holder else ""


def _compose(name: str, terms: dict[str, Term] | None) -> str:
    """The pieces of ``name`` in English: levels before what follows, subjects appended, measures of what came
    before, scopes at the end, joins as "and", uncovered words in Chinese."""
    phrase, levels, scopes = "", [], []
    for start, end, term in find(name, terms):
        piece = name[start:end]
        if term is None:
            words = piece.strip(FILLERS)
            if not words:
                continue
            if words in JOINS:
                phrase = f"{phrase} {JOINS[words]}" if phrase else phrase
                continue
            phrase = _append(phrase, levels, words)
        elif term.role == "level":
            levels.append(term.en)
        elif term.role == "scope":
            scopes.append(term.en)
        elif term.role == "measure":
            head = " ".join([*levels, term.en])
            levels = []
            phrase = f"{head} of {phrase}" if phrase and not phrase.endswith(" and") else _append(phrase, [], head)
        elif not phrase.endswith(term.en):  # “小巨人”企业: the enterprises are named once
            phrase = _append(phrase, levels, term.en)
    phrase = _append(phrase, levels, "") if levels else phrase
    return ", ".join([phrase, *scopes]) if phrase else ", ".join(scopes)


def _append(phrase: str, levels: list[str], words: str) -> str:
    """``phrase`` followed by the pending ``levels`` (emptied) and ``words``."""
    added = " ".join(w for w in [*levels, words] if w)
    levels.clear()
    return f"{phrase} {added}".strip() if added else phrase
