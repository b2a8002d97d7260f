"""Time the runner against the naive way, on a temporary copy of the project.

(a) naive: one `papermill` process, then one `jupyter nbconvert` process, per
    notebook and language, one after another;
(b) `python -m helpers run --force` (every notebook in both languages, site rebuilt);
(c) a no-op `python -m helpers run`;
(d) `python -m helpers run` after editing one notebook;
(e) the test suite (`python -m pytest`) in the project itself.
Prints the median of --repeat runs, the ratios b/a, c/b, d/b and the peak
resident memory of (b), summed over the runner and all its workers and kernels.

    python benchmarks/bench_pipeline.py [--repeat 3] [--skip-tests]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from helpers.publish.workers import KERNEL_NAME, kernel_env  # noqa: E402

LANGS = ("zh", "en")


def copy_project(target: Path) -> Path:
    for name in ("src", "data", "notebooks"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, target / name)
    return target


def timed(command: list[str], cwd: Path, env: dict[str, str], watch_memory: bool = False) -> tuple[float, int]:
    """Wall seconds and (optionally) the peak summed RSS of the process tree, in bytes."""
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    if watch_memory:
        root = psutil.Process(process.pid)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                total = 0
                try:
                    for p in [root, *root.children(recursive=True)]:
                        try:
                            total += p.memory_info().rss
                        except psutil.Error:
                            pass
                except psutil.Error:
                    pass
                peak = max(peak, total)
                time.sleep(0.05)

        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
    _, err = process.communicate()
    if watch_memory:
        done.set()
        thread.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()[-2000:]}")
    return time.monotonic() - start, peak


def naive(project: Path, env: dict[str, str]) -> tuple[float, int]:
    out = project / "naive"
    out.mkdir(exist_ok=True)
    start = time.monotonic()
    for notebook in sorted((project / "notebooks").glob("*.ipynb")):
        for lang in LANGS:
            executed = out / f"{notebook.stem}.{lang}.ipynb"
            timed([sys.executable, "-m", "papermill", str(notebook), str(executed), "-p", "lang", lang,
                   "-k", KERNEL_NAME, "--cwd", str(project / "notebooks")], project, env)
            timed([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--no-input",
                   str(executed)], project, env)
    return time.monotonic() - start, 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()
    results: dict[str, list[float]] = {k: [] for k in "abcde"}
    peaks: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        project = copy_project(Path(tmp) / "project")
        env = kernel_env()
        env["PYTHONPATH"] = str(project / "src")
        helpers = [sys.executable, "-m", "helpers", "run"]
        edited = project / "notebooks" / "02_industry.ipynb"
        original = edited.read_bytes()
        for i in range(args.repeat):
            results["a"].append(naive(project, env)[0])
            shutil.rmtree(project / "build" / "site", ignore_errors=True)
            seconds, peak = timed([*helpers, "--force"], project, env, watch_memory=True)
            results["b"].append(seconds)
            peaks.append(peak)
            results["c"].append(timed(helpers, project, env)[0])
            edited.write_bytes(original.replace(b"# 02 ", f"# 02{' ' * (i + 2)}".encode(), 1))
            assert edited.read_bytes() != original
            results["d"].append(timed(helpers, project, env)[0])
            edited.write_bytes(original)
            timed(helpers, project, env)
            print(f"run {i + 1}/{args.repeat}: " + ", ".join(f"{k}={results[k][-1]:.1f}s" for k in "abcd"),
                  flush=True)
    if not args.skip_tests:
        for _ in range(max(1, args.repeat // 3)):
            results["e"].append(timed([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"], ROOT,
                                      dict(os.environ))[0])
    median = {k: statistics.median(v) for k, v in results.items() if v}
    print(f"\nmachine: {os.cpu_count()} cores; median of {args.repeat} runs")
    labels = {"a": "naive papermill + nbconvert loop", "b": "helpers run --force",
              "c": "helpers run (no-op)", "d": "helpers run after editing one notebook",
              "e": "test suite"}
    for key, value in median.items():
        print(f"  ({key}) {labels[key]:<42} {value:8.2f} s")
    print(f"  b/a = {median['b'] / median['a']:.3f}   (target ≤ 0.35)")
    print(f"  c/b = {median['c'] / median['b']:.3f}   (target c ≤ 1.5 s or c/b ≤ 0.05)")
    print(f"  d/b = {median['d'] / median['b']:.3f}   (target ≤ 0.4)")
    print(f"  peak memory of (b): {max(peaks) / 2**20:.0f} MiB   (target ≤ 1536 MiB)")


if __name__ == "__main__":
    main()
