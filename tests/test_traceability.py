"""Numbers come from the ledger: none typed into notebooks or helpers, every printed one traced."""

from __future__ import annotations

import ast
import html
import io
import re
import tokenize

import nbformat
import pytest

from helpers import paths
from helpers.context import load_all

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
SECTION_NOTEBOOKS = [p for p in NOTEBOOKS if p.stem[:2] in ("01", "02", "03", "04", "05")]
NUMBER = re.compile(r"(?<![A-Za-z_\d.])\d+(?:\.\d+)?(?![A-Za-z_\d])")


def code_and_markdown(path):
    nb = nbformat.read(path, 4)
    return ([c.source for c in nb.cells if c.cell_type == "code"],
            [c.source for c in nb.cells if c.cell_type == "markdown"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_digits_in_the_narrative(path):
    """Markdown may number its headings; every figure comes from code output."""
    _, markdown = code_and_markdown(path)
    for text in markdown:
        body = re.sub(r"^#+\s*\d+\s*[.·]", "", text, flags=re.M)
        assert not re.search(r"[0-9０-９]", body), f"{path.name}: digits in {body[:80]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_numbers_typed_into_notebook_code(path, ledger):
    """Code uses ids and names; numeric literals are only 0, 1 or 2 (indexes)."""
    ids = set(ledger["id"]) | set(load_all()[0]["id"]) | {p.stem for p in (paths.DATA / "context").glob("*.csv")}
    code, _ = code_and_markdown(path)
    for source in code:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NUMBER:
                assert token.string in ("0", "1", "2"), f"{path.name}: literal {token.string}"
            if token.type == tokenize.STRING and re.search(r"\d", token.string):
                value = token.string.strip("\"'")
                assert value in ids or re.match(r"^\d\d_[a-z_]+$", value), f"{path.name}: {token.string}"


def test_no_article_figure_typed_into_helpers(ledger):
    """No helper module holds a literal equal to a distinctive ledger value.

    Distinctive: a decimal, a whole number above 100, or one from 13 to 99 that
    is not a multiple of 5 (round numbers such as 40 are common window sizes).
    """
    values = ledger["value"].dropna()
    distinctive = {v for v in values if v != int(v) or v > 100 or (12 < v < 100 and v % 5)}
    modules = sorted(paths.PACKAGE_DIR.rglob("*.py"))
    assert {m.parent.name for m in modules} >= {"helpers", "views", "publish"}  # every subpackage is read
    for module in modules:
        source = module.read_text(encoding="utf-8")
        name = module.relative_to(paths.PACKAGE_DIR).as_posix()
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NUMBER:
                assert float(ast.literal_eval(token.string)) not in distinctive, f"{name}: {token.string}"


def allowed_numbers(ledger, texts: list[str]) -> set[str]:
    """Ledger and context figures, their periods and ranks, and every formula result printed."""
    allowed: set[str] = set()

    def add(number: float | str) -> None:
        value = float(number)
        for digits in range(0, 4):
            allowed.add(f"{value:.{digits}f}")
        allowed.add(f"{value:g}")

    for value in ledger["value"].dropna():
        add(value)
    for rank in ledger["rank"].dropna():
        add(rank)
    context = load_all()[0]
    for column in ("value",):
        for value in context[column]:
            add(value)
    fields = list(ledger["period"]) + list(ledger["quote"])
    for column in ("period", "date", "rank", "title", "publisher_zh", "publisher_en", "note_zh", "note_en",
                   "indicator_zh", "url"):
        fields += [str(v) for v in context[column]]
    for field in fields:
        for token in re.findall(r"\d+(?:\.\d+)?", field):
            add(token)
    for text in texts:  # a result shown with its formula: "… = 4.7 pp", "… ≥ 26.0%"
        for token in re.findall(r"[=≥≤≈≳≲]\s*[+-]?(\d+(?:\.\d+)?)", text):
            add(token)
    return allowed


def output_texts(path) -> list[str]:
    nb = nbformat.read(path, 4)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:  # a table's or figure's own number ("表 2.1") is not a figure
                shown = re.sub(r'<span class="number">[^<]*</span>', " ", data["text/html"])
                texts.append(html.unescape(re.sub(r"<[^>]+>", " ", shown)))
            elif "text/plain" in data and not data["text/plain"].startswith("<Figure size"):
                texts.append(data["text/plain"])
            elif output.get("output_type") == "stream":
                texts.append(output["text"])
    return texts


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_printed_number_traces_to_the_ledger_or_a_formula(path, ledger):
    """Decimals and numbers above 100 must be a ledger or context figure or a formula's result.

    Whole numbers up to 100 may also be counts (rows, checks, ranks) and are not traced.
    """
    texts = output_texts(path)
    allowed = allowed_numbers(ledger, texts)
    strays = []
    for text in texts:
        for match in NUMBER.finditer(re.sub(r"https?://\S+", " ", text)):
            token = match.group()
            if "." not in token and int(token) <= 100:
                continue
            if token not in allowed and f"{float(token):g}" not in allowed:
                strays.append((token, text[max(0, match.start() - 40):match.end() + 20]))
    assert strays == [], strays[:5]
