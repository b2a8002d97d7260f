"""Bad input, interrupted runs, foreign kernels, markup, and identical reruns."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from conftest import copy_project, run_helpers

ARTICLE = "<script>alert('x')</script>这是一篇没有数字的文章。\n\n<img src=x onerror=alert(x)>下一段也没有。\n"


def foreign_home(tmp_path: Path) -> Path:
    """A HOME whose user-level kernelspecs point to another interpreter."""
    home = tmp_path / "home"
    for name in ("python3", "huzhou-tiangong"):
        spec = home / ".local" / "share" / "jupyter" / "kernels" / name
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps(
            {"argv": ["/bin/false", "{connection_file}"], "display_name": "Elsewhere", "language": "python"}))
    return home


def test_other_article_without_numbers_with_markup_under_a_foreign_kernelspec(tmp_path):
    project = copy_project(tmp_path / "p", notebooks=("00_source",))
    article = tmp_path / "other.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = dict(os.environ, HOME=str(foreign_home(tmp_path)), PYTHONPATH=str(project / "src"))
    result = subprocess.run([sys.executable, "-m", "helpers", "run", "--lang", "en", "-p", "article_path",
                             str(article)], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    nb = nbformat.read(project / "build" / "en" / "notebooks" / "00_source.ipynb", 4)
    text = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
    assert "No numeric claims were found in this article" in text
    assert "the ledger parts are skipped" in text
    assert "the article file other.txt" in text
    page = (project / "build" / "site" / "en" / "00_source.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in page and "<script>alert" not in page
    assert "&lt;img src=x onerror" in page and "<img src=x" not in page


def kernel_processes(root: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in root.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_leaves_no_kernel_and_no_partial_file(tmp_path, signum):
    project = copy_project(tmp_path, notebooks=("00_source", "01_award"))
    env = dict(os.environ, PYTHONPATH=str(project / "src"))
    run = subprocess.Popen([sys.executable, "-m", "helpers", "run"], cwd=project, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(run.pid)
    kernels: list[psutil.Process] = []
    deadline = time.monotonic() + 60
    while not kernels and time.monotonic() < deadline and run.poll() is None:
        kernels = kernel_processes(root)
        time.sleep(0.1)
    assert kernels, "no kernel started"
    time.sleep(1.0)  # the kernel is busy with the notebook
    everything = [root, *root.children(recursive=True)]
    run.send_signal(signum)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "interrupted" in err
    gone, alive = psutil.wait_procs(everything, timeout=15)
    assert [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE] == []
    build = project / "build"
    leftovers = [p for p in build.rglob(".*") if p.name not in (".lock",)]
    assert leftovers == []
    assert not (build / "site").exists()
    assert not list(build.glob("*/notebooks/*.ipynb"))


def comparable_files(build: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(build.rglob("*")):
        rel = path.relative_to(build).as_posix()
        if path.is_file() and not rel.startswith(("cache/", "jupyter/", "screenshots/")) and rel != ".lock":
            files[rel] = path.read_bytes()
    return files


def test_two_runs_from_clean_are_identical(built_project, tmp_path):
    other = copy_project(tmp_path / "again")
    result = run_helpers(other, "run", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    first, second = comparable_files(built_project / "build"), comparable_files(other / "build")
    assert sorted(first) == sorted(second)
    text = [k for k in first if not k.endswith((".png", ".svg"))]
    assert any(k.endswith(".html") for k in text) and any(k.endswith("claims.json") for k in text)
    assert any(k.endswith(".ipynb") for k in text) and any(k.endswith(".csv") for k in text)
    differing = [k for k in text if first[k] != second[k]]
    assert differing == []
    figures = [k for k in first if k.endswith(".png")]
    assert figures and [k for k in figures if first[k] != second[k]] == []
