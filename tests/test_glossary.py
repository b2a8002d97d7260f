"""Every label the code asks for exists in both languages, with the same placeholders."""

import re
from string import Formatter

import nbformat
import pytest

from helpers import audit, notebook, paths
from helpers.claims import KINDS
from helpers.files import read_csv_text
from helpers.i18n import load_glossary
from helpers.ledger import sections_of
from helpers.reconcile import MATCHES
from helpers.registry import CLAIM_KINDS, RANK_KINDS, SCOPES
from helpers.unstated import NEEDS
from helpers.views import figures, scorecard_page

FAMILIES = ("fig|axis|derived|say|origin|placekind|bar|place|rank|source|note|stat|match|verdict|check|how|unstated|legend|"
            "col|section|city|scope|claimkind|reason|finding")


def used_keys() -> set[str]:
    sources = [p.read_text(encoding="utf-8") for p in paths.PACKAGE_DIR.rglob("*.py")]
    for path in paths.NOTEBOOKS.glob("*.ipynb"):
        sources += [c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code"]
    return set(re.findall(rf'"((?:{FAMILIES})\.[a-z_0-9.]+[a-z_0-9])"', "\n".join(sources)))


def audit_keys() -> set[str]:
    R = notebook.start(lang="en", out_dir="")
    result = scorecard_page.run(R, read_csv_text(paths.DATA / "audit_checks.csv"))
    keys = {f"check.{c}" for c in result["check"]} | {f"how.{c}.{b}" for c, b in zip(result["check"], result["branch"])}
    return keys | {f"audit.{p.key}" for p in (*result["claim"], *result["result"])}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_static_and_dynamic_keys_exist(lang):
    t = load_glossary(lang)
    keys = used_keys() | audit_keys()
    keys |= {f"section.{s}" for s in (*sections_of(paths.DATA), "title", "captions", "intro")}
    keys |= {f"match.{s}" for s in MATCHES} | {f"verdict.{v}" for v in audit.VERDICTS}
    keys |= {f"unstated.{n}" for n in NEEDS} | {f"check.{c}" for c in audit.CHECKS}
    keys |= {f"claimkind.{k}" for k in KINDS} | {f"origin.{o}" for o in figures.ORIGIN_COLORS}
    keys |= {f"claim.{k.name}" for k in CLAIM_KINDS if not k.has_value}  # a claim without a figure in words
    keys |= {f"how.unsourced.{k.name}" for k in CLAIM_KINDS if k.worded}
    keys |= {f"rank.{k}.{s}" for k in RANK_KINDS for s in (*SCOPES, "group", "unstated")}  # audit.rank_label
    keys |= {f"scope.{s}" for s in (*SCOPES, "group", "unstated")}  # audit.scope_label
    keys |= {f"derived.green_growth.{i}" for i in ("green_factories", "green_supply_chain_firms",
                                                   "green_industrial_parks")}
    keys -= {"derived.green_growth"}
    keys |= {f"finding.change_{d}" for d in ("rise", "fall")} | {f"finding.see_{k}" for k in ("figure", "table")}
    missing = sorted(k for k in keys if not t.has(k))
    assert missing == []
    assert all(t(k) for k in keys if "{" not in t.table.at[k, lang])


def test_both_languages_have_the_same_placeholders():
    t = load_glossary("en")
    for key, row in t.table.iterrows():
        fields = [{f for _, f, _, _ in Formatter().parse(row[lang]) if f} for lang in ("zh", "en")]
        assert fields[0] == fields[1], key


def test_every_missing_key_raises():
    with pytest.raises(KeyError, match="no key 'how.nothing'"):
        load_glossary("en")("how.nothing")


@pytest.mark.parametrize(("row", "column", "words"), [("say.extra,只有中文,,", "en", "must not be empty"),
                                                      ("fig.claims_per_section,重复,again,", "key", "'fig.claims_per_section' is used twice")])
def test_a_bad_glossary_row_is_named_by_line_and_column(tmp_path, row, column, words):
    from helpers.files import DataError
    from helpers.i18n import read_glossary

    lines = (paths.DATA / "glossary.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "glossary.csv").write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"line {len(lines) + 1}, column '{column}': {words}"):
        read_glossary(tmp_path / "glossary.csv")


def test_every_key_belongs_to_a_family_the_guide_names():
    guide = (paths.ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8").split("## The glossary's families", 1)[1]
    named = set(re.findall(r"`([a-z_]+)\.", guide.split("\n## ", 1)[0]))
    keys = read_csv_text(paths.DATA / "glossary.csv")["key"]
    assert sorted({k.split(".")[0] for k in keys} - named) == []
