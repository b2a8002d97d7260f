"""Every formula the notebooks print: its shown operands give its shown result, and bounds are never '='.

A formula reads ``operands RELATION result``: ``36.9% − 32.2% = 4.7 pp``,
``≥250亿元 ÷ ≈50家 ≳ 5.00亿元/家``. The operands, as shown, are evaluated
again here; the shown result must agree with them to its last shown digit
(a lower bound may be rounded down, an upper bound up, a count of whole
things down to a whole number, and an approximate whole number to the
significant figures it is written with: 3亿元 ÷ 73个 ≈ 400万元/个).
"""

from __future__ import annotations

import html
import math
import re

import nbformat
import pytest

from helpers import paths

RELATIONS = "=≈≥≤≳≲"
MARKS = "≥≤≈≳≲→"
_PIECE = r"[^;；\[\]：:，,。（）\n]"
FORMULA = re.compile(
    rf"(?P<lhs>\(?[{MARKS}]?-?\d{_PIECE}*?[÷×+−^]{_PIECE}*?)"
    rf" (?P<rel>[{RELATIONS}]) (?P<rhs>-?\d[\d.]*)(?P<unit>[^\s;；，,。（）)]*)")
UNITS = re.compile(r"(个百分点/年|个百分点|万元|亿元|元|万家|家|个|项|名|人次|倍|年|连冠|pp/yr|pp|/月|/家|/个|%)")
NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
# The notebooks that show formulas: every one but the source page's (00_source shows the page, no arithmetic).
FORMULA_NOTEBOOKS = [p for p in NOTEBOOKS if p.stem != "00_source"]


def output_texts(path) -> list[str]:
    texts = []
    for cell in nbformat.read(path, 4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                cells = re.sub(r"</(td|th|p|div|li|caption|figcaption)>", "\n", data["text/html"])
                texts.append(html.unescape(re.sub(r"<[^>]+>", " ", cells)))
    return texts


def formulas(texts: list[str]) -> list[re.Match]:
    return [m for text in texts for m in FORMULA.finditer(text)]


def readings(lhs: str, unit: str) -> list[float]:
    """The left-hand side evaluated, in each reading of % (a share as printed, or a rate /100)."""
    core = lhs.replace("÷", "/").replace("×", "*").replace("−", "-").replace("^", "**").replace("（", "(")
    core = re.sub(rf"[{MARKS}]", "", core)
    scale = 1e4 if "亿元" in core and unit.startswith("万元") else 1.0
    values = []
    for percent in ("", "/100"):
        expression = UNITS.sub(lambda m, p=percent: p if m.group() == "%" else "", core)
        try:
            value = eval(expression, {"__builtins__": {}}) * scale  # noqa: S307 - digits and operators only
        except (SyntaxError, ZeroDivisionError, NameError, TypeError):
            continue
        values += [value, value * 100]
    return values


def shown_step(rhs: str, relation: str) -> float:
    """The last shown digit's step: 0.01 for 5.28; for an approximate whole number its last significant
    digit's (≈400 → 100), since a ratio keeps no more significant figures than its operands."""
    if "." in rhs:
        return 10 ** -len(rhs.split(".")[1])
    zeros = len(rhs) - len(rhs.rstrip("0")) if relation in "≈≳≲" and rhs.strip("0-") else 0
    return 10.0 ** zeros


def agrees(computed: float, shown: float, step: float, relation: str, whole: bool) -> bool:
    if relation in "≥≳":
        return computed - step - 1e-9 <= shown <= computed + 1e-9 or (whole and shown <= math.ceil(computed))
    if relation in "≤≲":
        low = math.floor(computed) if whole else computed
        return low - 1e-9 <= shown <= computed + step + 1e-9
    return abs(computed - shown) <= step / 2 + 1e-9


def test_the_formula_notebooks_are_those_that_show_formulas():
    assert [p.stem for p in NOTEBOOKS if formulas(output_texts(p))] == [p.stem for p in FORMULA_NOTEBOOKS]


@pytest.mark.parametrize("path", FORMULA_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_shown_result_follows_from_its_shown_operands(path):
    found = formulas(output_texts(path))
    assert found, f"{path.name} shows no formula"
    bad = []
    for m in found:
        rhs = m["rhs"]
        whole = "." not in rhs and m["unit"].startswith(("家", "个", "项", "名", "人次"))
        if not any(agrees(v, float(rhs), shown_step(rhs, m["rel"]), m["rel"], whole)
                   for v in readings(m["lhs"], m["unit"])):
            bad.append(m.group())
    assert bad == []


@pytest.mark.parametrize("path", FORMULA_NOTEBOOKS, ids=lambda p: p.stem)
def test_a_formula_with_a_bound_or_approximate_operand_never_says_equals(path):
    found = formulas(output_texts(path))
    assert found, f"{path.name} shows no formula"
    loose = [m.group() for m in found if m["rel"] == "=" and re.search(r"[≥≤≈≳≲]", m["lhs"])]
    assert loose == []


def test_the_checker_catches_a_result_from_rounded_operands():
    texts = ["3.61 ÷ 5.28 = 68.5%", "≥250亿元 ÷ ≈50家 = 5.00亿元/家", "2071家 ÷ 2 ≤ 1035.5家"]
    found = formulas(texts)
    assert [m["rel"] for m in found] == ["=", "=", "≤"]
    first = found[0]
    assert not any(agrees(v, 68.5, 0.1, "=", False) for v in readings(first["lhs"], first["unit"]))
    rounded = formulas(["3亿元 ÷ 73个 ≈ 400万元/个", "3亿元 ÷ 73个 ≈ 500万元/个", "3亿元 ÷ 73个 = 400万元/个"])
    verdicts = [any(agrees(v, float(m["rhs"]), shown_step(m["rhs"], m["rel"]), m["rel"], False)
                    for v in readings(m["lhs"], m["unit"])) for m in rounded]
    assert verdicts == [True, False, False]  # significant figures only for an approximate result
