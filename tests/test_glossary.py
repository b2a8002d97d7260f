"""Every label the code asks for exists in both languages."""

import re

import nbformat
import pytest

from helpers import paths
from helpers.audit import VERDICTS, run_audit, unstated
from helpers.context import load_figures
from helpers.i18n import load_glossary
from helpers.ledger import SECTIONS
from helpers.overview import STATUSES

FAMILIES = "fig|axis|derived|say|kind|bar|place|rank|source|note|stat|status|verdict|check|how|unstated|legend|col|section|city"


def used_keys() -> set[str]:
    sources = [p.read_text(encoding="utf-8") for p in paths.PACKAGE_DIR.glob("*.py")]
    for path in paths.NOTEBOOKS.glob("*.ipynb"):
        sources += [c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code"]
    return set(re.findall(rf'"((?:{FAMILIES})\.[a-z_0-9.]+[a-z_0-9])"', "\n".join(sources)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_static_and_dynamic_keys_exist(lang, ledger, article):
    t = load_glossary(lang)
    keys = used_keys()
    keys |= {f"section.{s}" for s in (*SECTIONS, "title", "captions", "lead")}
    keys |= {f"status.{s}" for s in STATUSES} | {f"verdict.{v}" for v in VERDICTS}
    audit = run_audit(ledger, article.text, load_figures())
    keys |= {f"check.{'external' if c.startswith('external_') else c}" for c in audit["check_id"]}
    keys |= {f"unstated.{n}" for n in unstated(ledger, load_figures())["need"]}
    keys |= {f"derived.green_growth.{i}" for i in ("green_factories", "green_supply_chain_firms",
                                                   "green_industrial_parks")}
    keys -= {"derived.green_growth"}
    missing = sorted(k for k in keys if not t.has(k))
    assert missing == []
    assert all(t(k) for k in keys if "{" not in t.table.at[k, lang])


def test_audit_templates_exist_in_both_languages_with_the_same_fields():
    from string import Formatter

    from helpers.audit import EN

    for lang in ("zh", "en"):
        t = load_glossary(lang)
        for key, english in EN.items():
            template = t.table.at[f"audit.{key}", lang]
            fields = {f for _, f, _, _ in Formatter().parse(template) if f}
            assert fields == {f for _, f, _, _ in Formatter().parse(english) if f}, key
