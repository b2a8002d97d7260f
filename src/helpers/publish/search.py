"""Full-text search over the site in both languages: a Pagefind index built into ``<site>/pagefind/``.

Pagefind (``pagefind[extended]`` on PyPI, which segments Chinese) indexes the
readers' pages (their ``main`` carries ``data-pagefind-body``), one index per
page language (its entry file lists them in sorted order, so two builds are
the same bytes). It runs in the browser and loads its index over http, so a
site opened as a plain file shows a notice to serve the folder instead
(``python -m http.server``, README).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


class SearchError(RuntimeError):
    """The search index could not be built."""


def index(site: Path) -> None:
    """Build the search index of ``site``; SearchError with Pagefind's own words when it fails."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
                             "--exclude-selectors", ".anchor-link"],  # the headings' ¶ links
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not (site / "pagefind" / "pagefind-ui.js").is_file():
        message = (result.stderr or result.stdout).strip().splitlines()
        raise SearchError(f"the search index could not be built: {message[-1] if message else 'no output'}")
    sort_languages(site / "pagefind" / "pagefind-entry.json")


def sort_languages(entry: Path) -> None:
    """Rewrite Pagefind's entry file with its languages in sorted order (Pagefind writes them in the order
    its threads finish)."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
