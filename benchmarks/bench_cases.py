"""Cost per case of drafting, running and comparing many cases, on a temporary copy of the project.

Articles are made from the test article of the genre (tests/data/case_article.txt,
figures made up) with the place's name changed and every figure shifted, so no
two cases are the same text and the runner's cache never serves one case for
another. For each count (10, then 50: the cases of the first count are kept):

- draft: ``python -m helpers new-case case-NN ARTICLE --date …`` for the new cases;
- run:   ``python -m helpers run --case case-NN`` for the new cases (00_source and 05_scorecard,
         both languages; ``--only 05`` with --scorecard-only);
- compare: ``python -m helpers compare`` over all cases so far.

Prints seconds per case of each step at each count: a cost per case that does
not grow with the number of cases is the aim. Not a test; nothing is asserted.

    python benchmarks/bench_cases.py [--counts 10,50] [--jobs 2] [--scorecard-only]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "data" / "case_article.txt"
PLACES = "青川 白溪 蓝山 静河 松阳 云和 安吉 长兴 德清 桐乡 海宁 平湖 嘉善 武义 磐安 天台 仙居 玉环 温岭 乐清 瑞安 永嘉".split()
NOTEBOOKS = ("00_source", "05_scorecard")


def copy_project(target: Path) -> Path:
    """A project copy with the notebooks a case runs."""
    for name in ("src", "data"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, target / name)
    (target / "notebooks").mkdir()
    for name in NOTEBOOKS:
        shutil.copy2(ROOT / "notebooks" / f"{name}.ipynb", target / "notebooks" / f"{name}.ipynb")
    return target


def article(n: int) -> str:
    """The n-th article: another place (two characters, no numeral) and every decimal figure shifted by n
    tenths."""
    k = len(PLACES)
    place = PLACES[n] if n < k else PLACES[n % k][0] + PLACES[(n % k + n // k) % k][1]
    text = ARTICLE.read_text(encoding="utf-8").replace("青川", place)
    return re.sub(r"\d+\.\d", lambda m: f"{float(m.group()) + n / 10:.1f}", text)


def call(project: Path, *args: str) -> float:
    """Seconds of ``python -m helpers ARGS`` in the project copy; stops the benchmark if it fails."""
    env = dict(os.environ, PYTHONPATH=str(project / "src"))
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "helpers", *args], cwd=project, env=env, capture_output=True,
                            text=True)
    if result.returncode:
        sys.exit(f"python -m helpers {' '.join(args)} failed: {result.stderr.strip()}")
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="10,50", help="numbers of cases, comma-separated, increasing")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at once in each case's run")
    parser.add_argument("--scorecard-only", action="store_true", help="run 05_scorecard only in each case")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    only = ["--only", "05"] if args.scorecard_only else []
    with tempfile.TemporaryDirectory(prefix="bench-cases-") as tmp:
        project = copy_project(Path(tmp) / "project")
        (Path(tmp) / "articles").mkdir()
        done = 0
        print("cases  draft s/case  run s/case  compare s/case (all cases so far)", flush=True)
        for count in counts:
            drafted = ran = 0.0
            for n in range(done, count):
                path = Path(tmp) / "articles" / f"case-{n:02d}.txt"
                path.write_text(article(n), encoding="utf-8")
                drafted += call(project, "new-case", f"case-{n:02d}", str(path), "--date", "2025-05-20")
                ran += call(project, "run", "--case", f"case-{n:02d}", "--jobs", str(args.jobs), *only)
            compared = call(project, "compare")
            new = count - done
            print(f"{count:5d}  {drafted / new:12.2f}  {ran / new:10.2f}  {compared / count:14.3f}", flush=True)
            done = count


if __name__ == "__main__":
    main()
