"""Read, clean and segment an OCR'd newspaper page.

The page comes as narrow newspaper columns turned into text lines. Cleaning
joins lines broken mid-sentence (Chinese needs no space when joined), drops
doubled photo captions and normalises full-width digits and stray spaces,
while remembering, for every character of the cleaned text, the raw line it
came from. Segmenting groups paragraphs into the article's sections, by rule
and, where the page's column order defeats rules, by a small hand-made map
(``data/raw/sections.csv``: section, role, the text a paragraph starts with).
"""

from __future__ import annotations

import bisect
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .lexicon import (
    BREADCRUMB_MARKS,
    CHROME_MAX_CHARS,
    HOME_WORDS,
    PAGE_WORDS,
    SENTENCE_BREAK,
    SHARE_LINK_WORDS,
    SITE_SUFFIXES,
    SITE_WORD,
)
from .script import reading, without_glosses


class ArticleError(ValueError):
    """An article file that cannot be read as text."""


SENTENCE_END = "。！？!?…"
CLOSING = "”’」』）)"
CONTINUATION_START = "的地得了着过们之，。、；：？！"
CLAUSE_PUNCT = "，。；：、,;"
HEADING_MAX_CHARS = 30
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN = re.compile(
    rf"(?<=[{_CJK}\d（）“”，。、；：])[ \t\u3000]+(?=[{_CJK}\d（）“”，。、；：])"
)


MAX_ARTICLE_BYTES = 2_000_000  # about 200 times a newspaper page; the source page shows it whole
SIMPLIFIED_SHARE = 0.9  # of the hanzi of a GB18030-decoded file, at least this share must read as GB2312


def _share_in_gb2312(text: str) -> float:
    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return 1.0
    common = 0
    for ch in reading("".join(hanzi)):  # a traditional character counts as its simplified one (億 as 亿)
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(hanzi)


def _reads_as_big5(data: bytes) -> bool:
    """Whether the bytes are Big5 (a traditional-character text in GB18030 is not: its trail bytes are not Big5's)."""
    for encoding in ("big5", "big5hkscs", "cp950"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def read_text(path: str | Path) -> str:
    """Read an article file as UTF-8, falling back to GB18030.

    Raises ArticleError naming the file when it is missing, empty or only white space (full-width and
    zero-width spaces too), larger than ``MAX_ARTICLE_BYTES``, or not text in those encodings. A file that decodes
    as GB18030 only by turning into rare characters, and that is valid Big5,
    is refused rather than read as garbage; traditional characters saved as
    GB18030 are read (each counts as its simplified reading).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"The article file {path.name} has {size:,} bytes: the limit is "
                               f"{MAX_ARTICLE_BYTES:,} bytes (split it, or give one article).")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"Cannot read the article file {path.name}: {exc.strerror}.") from None
    if not data.strip():
        raise ArticleError(f"The article file {path.name} is empty: give a text file with the article.")
    text, encoding = None, ""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    bad = text is None or any(
        unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f" for ch in text
    )
    if bad:
        raise ArticleError(f"The article file {path.name} is not text: it must be UTF-8 or GB18030 encoded.")
    if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text):  # spaces, zero-width marks
        raise ArticleError(f"The article file {path.name} holds only white space: give a text file with the article.")
    if encoding == "gb18030" and _share_in_gb2312(text) < SIMPLIFIED_SHARE and _reads_as_big5(data):
        raise ArticleError(f"The article file {path.name} is neither UTF-8 nor GB18030 Chinese (read as GB18030 "
                           "it turns into rare characters; a Big5 file does): save it as UTF-8.")
    return text


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the cleaned text, with its place in it."""

    index: int
    text: str
    start: int
    end: int
    kind: str  # "body", "heading" or "caption"
    first_line: int
    last_line: int


@dataclass
class CleanText:
    """The cleaned text, its paragraphs, and the raw line of every character."""

    raw: str
    text: str
    line_of: list[int]
    paragraphs: list[Paragraph]
    dropped_captions: list[str] = field(default_factory=list)
    chrome: list[tuple[int, str]] = field(default_factory=list)  # (raw line, text) of page chrome dropped

    def raw_line(self, offset: int) -> int:
        """1-based raw line number of the cleaned character at ``offset``."""
        return self.line_of[offset]



class Sentences:
    """The sentences of a text (ended by 。！？ or a line break), found once; lookups take O(log n)."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [i for i, ch in enumerate(text) if ch in SENTENCE_BREAK]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of the sentence holding ``text[start:end]`` (its closing mark included)."""
        i = bisect.bisect_left(self.breaks, start)
        left = self.breaks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self.breaks, max(start, end - 1))
        right = self.breaks[j] + 1 if j < len(self.breaks) else len(self.text)
        return left, right

    def of(self, start: int, end: int) -> str:
        """The sentence holding ``text[start:end]``, stripped."""
        left, right = self.around(start, end)
        return self.text[left:right].strip()


FULL_TO_HALF = {0xFF10 + i: ord("0") + i for i in range(10)} | {
    0xFF05: ord("%"), 0xFF0E: ord("."), 0x3000: ord(" ")}


def raw_lines(raw: str) -> list[str]:
    """The page's lines as an editor (or ``wc -l``) counts them: the newline that ends the last line
    starts no new one."""
    text = raw.replace("\r\n", "\n")
    return text.removesuffix("\n").split("\n") if text else []


def normalise_width(text: str) -> str:
    """Full-width digits, percent sign, full stop and space to ASCII, one character for one.

    The length is kept, so offsets in the result are offsets in ``text``.
    """
    return text.translate(FULL_TO_HALF)


def is_chrome(line: str) -> bool:
    """Whether a cleaned line is a web page's chrome, not the article: a breadcrumb (首页 > 新闻 > 县市区),
    a line of page words (发布日期：… 信息来源：… 浏览次数：…), share links (分享到 微信 微博) or a site's
    name standing alone (…人民政府门户网站, 新华网). Traditional characters are read as simplified."""
    text = reading(line.strip())
    if not text or len(text) > CHROME_MAX_CHARS or text.endswith(("。", "！", "？")):
        return False
    marks = sum(text.count(m) for m in BREADCRUMB_MARKS if m != "/")
    if marks >= 2 or (marks >= 1 and text.startswith(HOME_WORDS)):
        return True
    if any(word in text for word in PAGE_WORDS) or all(word in text for word in SHARE_LINK_WORDS):
        return True
    plain = not any(p in text for p in CLAUSE_PUNCT) and not any(ch.isdigit() for ch in text)
    short_site = len(text) <= 5 and text.endswith(SITE_WORD)
    return plain and len(text) <= 20 and (text.endswith(SITE_SUFFIXES) or short_site)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSING)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_heading_line(text: str) -> bool:
    """A line short enough, and without clause punctuation, to be a heading."""
    return (
        0 < len(text) <= HEADING_MAX_CHARS
        and not any(p in text for p in CLAUSE_PUNCT)
        and not text.endswith("。")
    )


def _doubled(text: str) -> str | None:
    half, odd = divmod(len(text), 2)
    if not odd and half >= 4 and text[:half] == text[half:]:
        return text[:half]
    return None


def clean(raw: str) -> CleanText:
    """Join OCR lines into paragraphs, drop doubled captions, normalise widths.

    A blank line ends a paragraph only where the text before it ends a
    sentence or is a heading; a line that starts with white space starts a
    new block (the page's column starts). A short line with no clause
    punctuation, standing alone between paragraphs, and not followed by a
    continuation (a block starting with 的, 之, a comma ...) is a heading.
    Lines of page chrome (``is_chrome``) are dropped as if blank, and listed in ``chrome``: they never
    become text, claims, sections or titles.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    chrome: list[tuple[int, str]] = []
    for number, line in enumerate(raw.split("\n"), start=1):
        starts_block = line[:1] in (" ", "\u3000", "\t")
        content = _SPACE_BETWEEN.sub("", normalise_width(line).strip())
        if content and is_chrome(normalise_width(line)):
            chrome.append((number, line.strip()))
            content = ""
        if not content or starts_block:
            if current:
                blocks.append(current)
            current = []
        if content:
            current.append((number, content))
    if current:
        blocks.append(current)

    raw_lines = raw.split("\n")
    merged: list[list[tuple[int, str]]] = []
    kinds: list[str] = []
    for i, block in enumerate(blocks):
        text = "".join(t for _, t in block)
        follower = "".join(t for _, t in blocks[i + 1]) if i + 1 < len(blocks) else ""
        prev_done = not merged or kinds[-1] != "body" or _ends_sentence(
            "".join(t for _, t in merged[-1])
        )
        starts_new = raw_lines[block[0][0] - 1][:1] in (" ", "\u3000", "\t")
        if len(block) == 1 and _doubled(text):
            kind = "caption"
        elif (
            prev_done
            and len(block) == 1
            and is_heading_line(text)
            and follower[:1] not in CONTINUATION_START
        ):
            kind = "heading"
        elif prev_done or starts_new:
            kind = "body"
        else:
            merged[-1].extend(block)
            continue
        merged.append(list(block))
        kinds.append(kind)

    pieces: list[str] = []
    line_of: list[int] = []
    paragraphs: list[Paragraph] = []
    dropped: list[str] = []
    for block, kind in zip(merged, kinds):
        if pieces:
            pieces.append("\n\n")
            line_of.extend([line_of[-1]] * 2)
        start = len(line_of)
        text_parts: list[str] = []
        lines: list[int] = []
        for number, content in block:
            text_parts.append(content)
            lines.extend([number] * len(content))
        text = "".join(text_parts)
        if kind == "caption":
            half = _doubled(text) or text
            dropped.append(text)
            text, lines = half, lines[: len(half)]
        pieces.append(text)
        line_of.extend(lines)
        paragraphs.append(
            Paragraph(len(paragraphs), text, start, start + len(text), kind, lines[0], lines[-1])
        )
    return CleanText(raw, "".join(pieces), line_of, paragraphs, dropped, chrome)


@dataclass(frozen=True)
class Section:
    """A section of the article in article order."""

    name: str
    heading: str
    paragraphs: tuple[Paragraph, ...]
    note: str = ""

    @property
    def title(self) -> str:
        """The heading as a label: without pinyin glosses (动力(dònglì)变革 → 动力变革)."""
        return without_glosses(self.heading)

    @property
    def text(self) -> str:
        """The section's paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class StructureRow:
    """One row of the section map: section, role (title, heading or start), the text it starts with, a note."""
    section: str
    role: str  # "title", "heading" or "start"
    starts_with: str
    note: str


def read_structure(path: Path) -> list[StructureRow]:
    """The hand-made section map: section, role, starts_with, note."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            StructureRow(r["section"], r["role"], r["starts_with"], r.get("note", "") or "")
            for r in csv.DictReader(handle)
        ]


def segment(clean_text: CleanText, structure: list[StructureRow] | None = None) -> list[Section]:
    """Group paragraphs into sections, in article order.

    With a map whose every ``starts_with`` is found, each paragraph belongs to
    the section of the last map entry seen (in page order), headings and the
    title go where the map puts them, and sections come in the map's order.
    Without a usable map, every heading starts a new section
    (``section_1`` ...), paragraphs before the first heading form ``intro``.
    Captions always form the last section, ``captions``.
    """
    paragraphs = clean_text.paragraphs
    captions = tuple(p for p in paragraphs if p.kind == "caption")
    usable = bool(structure) and all(
        any(p.text.startswith(row.starts_with) for p in paragraphs) for row in structure
    )
    sections: list[Section] = []
    if usable:
        order: list[str] = []
        notes: dict[str, str] = {}
        for row in structure:
            if row.section not in order:
                order.append(row.section)
            if row.note:
                notes[row.section] = "; ".join(filter(None, [notes.get(row.section), row.note]))
        members: dict[str, list[Paragraph]] = {name: [] for name in order}
        headings: dict[str, str] = {}
        current = order[0]
        for paragraph in paragraphs:
            if paragraph.kind == "caption":
                continue
            row = next((r for r in structure if paragraph.text.startswith(r.starts_with)), None)
            if row is not None and row.role in ("title", "heading"):
                headings[row.section] = paragraph.text
                continue
            if row is not None:
                current = row.section
            members[current].append(paragraph)
        for name in order:
            sections.append(
                Section(name, headings.get(name, ""), tuple(members[name]), notes.get(name, ""))
            )
    else:
        name, heading, members_list = "intro", "", []
        for paragraph in paragraphs:
            if paragraph.kind == "caption":
                continue
            if paragraph.kind == "heading":
                if members_list or heading:
                    sections.append(Section(name, heading, tuple(members_list)))
                name = f"section_{sum(1 for s in sections if s.name != 'intro') + 1}"
                heading, members_list = paragraph.text, []
            else:
                members_list.append(paragraph)
        if members_list or heading:
            sections.append(Section(name, heading, tuple(members_list)))
    if captions:
        sections.append(Section("captions", "", captions))
    return sections


@dataclass
class Article:
    """A page read, cleaned and segmented."""

    path: Path
    clean: CleanText
    sections: list[Section]
    structure_used: bool

    @property
    def text(self) -> str:
        """The cleaned text."""
        return self.clean.text

    @property
    def title(self) -> str:
        """The title as the section map gives it, without pinyin glosses (empty without one)."""
        for section in self.sections:
            if section.name == "title":
                return section.title
        return ""


def load_article(path: str | Path, structure_path: str | Path | None = None) -> Article:
    """Read, clean and segment a page; use the section map when it fits the page."""
    path = Path(path)
    cleaned = clean(read_text(path))
    structure_file = Path(structure_path) if structure_path else None
    if structure_file is None:
        default = path.parent / "sections.csv"
        structure_file = default if default.is_file() else None
    structure = read_structure(structure_file) if structure_file else None
    sections = segment(cleaned, structure)
    used = bool(structure) and any(s.name == structure[0].section for s in sections)
    return Article(path, cleaned, sections, used)


