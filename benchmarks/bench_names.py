"""How the drafter's names compare with the curated ledger's, on the project's own article drafted from scratch.

Drafts ``data/raw/article_ocr.txt`` as ``new-case`` would (no section map, the metadata's reference date),
pairs each curated row of ``data/indicators.csv`` with the drafted row that holds its figure (same kind, value
and unit, quotes overlapping) and counts, over the pairs:

- Chinese names: equal to the curated ``metric_zh``; the same once the curator's remarks in brackets
  （…） and the words 的、数量 are left out; or one of the two holding the other (a drafted name that is the
  curated one with a word more or less).
- English names: filled at all; sharing at least half of the curated ``metric_en``'s content words, British
  and US spellings read alike (an automatic stand-in for "says the same thing": a proxy, not a reader's
  judgement; a synonym such as "firms" for "enterprises" counts as different).

Prints the figures and, with ``--rows``, every pair. Not a test; nothing is asserted.

    python benchmarks/bench_names.py [--rows]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from helpers import cases, paths, periods  # noqa: E402
from helpers.files import read_csv_text  # noqa: E402
from helpers.ledger import load_indicators  # noqa: E402
from helpers.meta import read_meta  # noqa: E402
from helpers.source import load_article  # noqa: E402

REMARK = re.compile(r"（[^）]*）|\([^)]*\)")
STOP = {"the", "of", "a", "an", "in", "and", "as", "to", "by", "for", "with", "at", "on", "each", "all", "its",
        "it", "from", "number", "above", "size", "designated", "year"}


def plain_zh(name: str) -> str:
    """A Chinese name without remarks in brackets, quotes, 的 and 数量."""
    return re.sub("[的“”\"'（）()：:]|数量", "", REMARK.sub("", name)).strip()


SPELLING = ((r"centre", "center"), (r"isation", "ization"), (r"ise\b", "ize"), (r"our\b", "or"))  # British as US


def words(name: str) -> set[str]:
    """A name's content words, lower case, one spelling (centre as center), a plural read as its singular."""
    text = REMARK.sub("", name).lower()
    for british, american in SPELLING:
        text = re.sub(british, american, text)
    found = {w.rstrip("s") for w in re.findall(r"[a-z0-9&]+", text)}
    return {w for w in found if w and w not in STOP}


def pairs(curated, drafted) -> list[tuple[dict, dict]]:
    """Each curated row with the drafted row that states the same figure in an overlapping quote."""
    found = []
    for _, row in curated.iterrows():
        for _, draft in drafted.iterrows():
            same = (draft["kind"] == row["kind"] and str(draft["value"]) == str(row["value"])
                    and draft["unit"] == row["unit"])
            if same and (row["quote"] in draft["quote"] or draft["quote"] in row["quote"]):
                found.append((row, draft))
                break
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", action="store_true", help="print every pair")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:  # the article alone, its sections detected as new-case does
        page = Path(scratch) / "article_ocr.txt"
        shutil.copyfile(paths.DATA / "raw" / "article_ocr.txt", page)
        (page.parent / "sections.csv").write_text(cases.sections_csv(load_article(page)), encoding="utf-8")
        article = load_article(page)
    reference = read_meta(paths.DATA).get("reference_date", "")
    drafted, _ = cases.draft(article, periods.Reference.parse(reference) if reference else None)
    drafted = drafted.astype(str)
    load_indicators(paths.DATA)  # the curated ledger as it loads, read again as text
    curated = read_csv_text(paths.DATA / "indicators.csv")
    curated["value"] = [cases._written(float(v)) if v else "" for v in curated["value"]]
    matched = pairs(curated, drafted)
    zh_equal = zh_same = zh_holds = en_filled = en_same = 0
    for row, draft in matched:
        a, b = plain_zh(row["metric_zh"]), plain_zh(draft["metric_zh"])
        zh_equal += row["metric_zh"] == draft["metric_zh"]
        zh_same += a == b
        zh_holds += bool(a and b) and (a in b or b in a)
        en_filled += bool(draft["metric_en"])
        curated_words, drafted_words = words(row["metric_en"]), words(draft["metric_en"])
        shared = len(curated_words & drafted_words) / len(curated_words) if curated_words else 0
        en_same += shared >= 0.5
        if args.rows:
            print(f"{row['id']}\n  zh: {row['metric_zh']} | {draft['metric_zh']}\n"
                  f"  en: {row['metric_en']} | {draft['metric_en']} ({shared:.0%})")
    n = len(matched)
    print(f"curated rows: {len(curated)}; drafted rows: {len(drafted)}; pairs (same figure, overlapping quote): {n}")
    for label, count in (("Chinese name equal", zh_equal), ("Chinese name the same without remarks", zh_same),
                         ("Chinese name holds or is held by the curated one", zh_holds),
                         ("English name filled", en_filled),
                         ("English name shares >= half the curated content words", en_same)):
        print(f"{label}: {count}/{n} ({count / n:.0%})" if n else f"{label}: 0/0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
