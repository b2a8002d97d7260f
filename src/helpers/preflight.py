"""Checks of a data folder and an article before any notebook runs: ``python -m helpers.preflight``.

The runner calls it in a separate process (the publishing wing never imports
the analysis wing) when there are notebooks to run. It reads everything the
notebooks will read — the glossary, the article, the article's metadata, the
ledger with its quotes, values, units and qualifiers, the exclusions, the
audit's list of checks and the context data — and stops at the first fault
with one sentence naming the file and what is wrong (exit code 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .audit import ALL, CHECKS, read_spec
from .context import load_all
from .curation import without_deleted_rows
from .files import DataError, fault, refuse_links_out
from .i18n import LANGS, load_glossary
from .ledger import duplicate_claims, load_exclusions, load_indicators
from .meta import read_meta
from .source import ArticleError, load_article

REQUIRED = ("glossary.csv",)
WITH_LEDGER = ("indicators.csv", "claim_exclusions.csv", "audit_checks.csv")


def check_audit_spec(data: Path, ids: set[str], context_ids: set[str]) -> list[str]:
    """Check ``audit_checks.csv`` against the checks the package has and the ids the ledger and context hold;
    return one warning per check dropped because it uses a row deleted from a case's ledger."""
    path = data / "audit_checks.csv"
    spec, dropped = without_deleted_rows(read_spec(data), data, ids)
    warnings = [str(fault(path, line, "ids", f"the check {check!r} is dropped: it uses {gone!r}, a row no longer "
                          "in the ledger (deleted or renamed; edit the check, or draft the case again with --update)."))
                for line, check, gone in dropped]
    for i, row in spec.iterrows():
        line = int(i) + 2
        if row["check"] not in CHECKS:
            raise fault(path, line, "check", f"{row['check']!r} is not a check (checks: {', '.join(CHECKS)}).")
        for wanted in row["ids"].split():
            if wanted != ALL and wanted not in ids:
                raise fault(path, line, "ids", f"{wanted!r} is not a ledger id.")
        for wanted in row["context"].split():
            if wanted != ALL and wanted not in context_ids:
                raise fault(path, line, "context", f"{wanted!r} is not a context id or table.")
    return warnings


def check(data: Path, article: Path, case: bool = False) -> list[str]:
    """Raise DataError or ArticleError (one sentence) at the first fault of the inputs; return the warnings
    (suspicious but allowed: a claim under two ids), one sentence each."""
    if not data.is_dir():
        raise DataError(f"The data folder {data} does not exist.")
    refuse_links_out(data)
    for name in REQUIRED:
        if not (data / name).is_file():
            raise DataError(f"{paths.relative_to_root(data / name)} is missing: a data folder needs it "
                            "(copy it from the project's data/).")
    for lang in LANGS:
        load_glossary(lang, data)
    meta = read_meta(data)
    if case and not meta.get("reference_date"):
        raise DataError(f"{paths.relative_to_root(data / 'raw' / 'article_meta.csv')} sets no reference_date: "
                        "give the article's publication date (python -m helpers new-case NAME --update "
                        "--date YYYY-MM-DD, or edit the file), because 去年 and 今年 depend on it.")
    text = load_article(article).text
    own = article.resolve() == paths.article_path(data).resolve()
    if not own:
        return []
    for name in WITH_LEDGER:
        if not (data / name).is_file():
            raise DataError(f"{paths.relative_to_root(data / name)} is missing: the notebooks that read the "
                            "ledger need it (copy it from the project's data/).")
    if not (data / "context").is_dir() and not case:
        raise DataError(f"{paths.relative_to_root(data / 'context')}/ is missing: the notebooks take external "
                        "figures from context/*.csv (copy the project's data/context/).")
    ledger = load_indicators(data, text)
    load_exclusions(data)
    figures, tables = load_all(data)
    dropped = check_audit_spec(data, set(ledger["id"]), set(figures["id"]) | set(tables))
    return duplicate_claims(ledger, data / "indicators.csv") + dropped


def main(argv: list[str] | None = None) -> int:
    """Check the inputs named on the command line; print one sentence and exit 2 on a fault."""
    parser = argparse.ArgumentParser(prog="python -m helpers.preflight", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--article", required=True)
    parser.add_argument("--case", action="store_true")
    args = parser.parse_args(argv)
    try:
        warnings = check(Path(args.data_dir), Path(args.article), args.case)
    except (DataError, ArticleError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
