"""Other articles, foreign kernels, markup, interrupts and kills, publishing faults, identical reruns."""

import json
import os
import shutil
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


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_another_article_publishes_apart_skips_what_needs_the_ledger_and_escapes_markup(built_project, tmp_path):
    """Another article: only 00_source runs (the others need its ledger, said in one line), under a foreign
    kernelspec; its site goes under build/runs/, and the default report is byte-identical."""
    article = tmp_path / "other.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = files_of(built_project / "build" / "site") | {
        f"en/{k}": v for k, v in files_of(built_project / "build" / "en").items()}
    env = dict(os.environ, HOME=str(foreign_home(tmp_path)), PYTHONPATH=str(built_project / "src"))
    result = subprocess.run([sys.executable, "-m", "helpers", "run", "--lang", "en", "-p", "article_path",
                             str(article)], cwd=built_project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "skipped  01_award, 05_scorecard: they need the ledger" in result.stdout
    after = files_of(built_project / "build" / "site") | {
        f"en/{k}": v for k, v in files_of(built_project / "build" / "en").items()}
    assert after == before
    runs = list((built_project / "build" / "runs").glob("other-*"))
    assert len(runs) == 1
    nb = nbformat.read(runs[0] / "en" / "notebooks" / "00_source.ipynb", 4)
    text = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
    assert "No claims were found in this article" in text
    assert "the ledger parts are skipped" in text and "the article file other.txt" in text
    assert str(tmp_path) not in text  # the outputs name the file, not where it lies on this machine
    page = (runs[0] / "site" / "en" / "00_source.html").read_text(encoding="utf-8")
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


def start_busy_run(project: Path) -> subprocess.Popen:
    """A run whose kernel will certainly be busy when the test acts: each notebook of the copy ends waiting."""
    for path in (project / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, 4)
        nb.cells.append(nbformat.v4.new_code_cell("import time\ntime.sleep(120)"))
        nbformat.write(nb, path)
    env = dict(os.environ, PYTHONPATH=str(project / "src"))
    return subprocess.Popen([sys.executable, "-m", "helpers", "run", "--lang", "zh", "--jobs", "2"], cwd=project,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_a_kernel(run: subprocess.Popen) -> list[psutil.Process]:
    """The run's processes (itself first) once one of its kernels is busy with the notebook."""
    root = psutil.Process(run.pid)
    kernels: list[psutil.Process] = []
    deadline = time.monotonic() + 60
    while not kernels and time.monotonic() < deadline and run.poll() is None:
        kernels = kernel_processes(root)
        time.sleep(0.1)
    assert kernels, "no kernel started"
    time.sleep(0.5)  # the kernel is busy with the notebook
    return [root, *root.children(recursive=True)]


@pytest.fixture(scope="module")
def busy_runs(tmp_path_factory) -> dict[str, tuple[Path, subprocess.Popen]]:
    """Two busy runs started together, one to interrupt and one to kill (one start-up's wait, not two)."""
    runs = {}
    for name in ("interrupted", "killed"):
        project = copy_project(tmp_path_factory.mktemp(name), notebooks=("00_source",))
        runs[name] = (project, start_busy_run(project))
    yield runs
    for _, run in runs.values():
        if run.poll() is None:
            run.kill()
            run.communicate()


def nothing_left(everything: list[psutil.Process], timeout: float = 15) -> list[psutil.Process]:
    _, alive = psutil.wait_procs(everything, timeout=timeout)
    return [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def test_sigterm_stops_a_run_as_ctrl_c_does():
    from helpers.publish import cli

    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, cli._interrupt)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_an_interrupted_run_leaves_no_kernel_and_no_partial_file(busy_runs):
    """Ctrl-C (SIGTERM takes the same path, above): one sentence, and no resource-tracker traceback either."""
    project, run = busy_runs["interrupted"]
    everything = wait_for_a_kernel(run)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "interrupted" in err
    assert "Traceback" not in err and "KeyError" not in err and "resource_tracker" not in err, err
    assert nothing_left(everything) == []
    build = project / "build"
    leftovers = [p for p in build.rglob(".*") if p.name not in (".lock",)]
    assert leftovers == []
    assert not (build / "site").exists()
    assert not list(build.glob("*/notebooks/*.ipynb"))


def test_a_killed_runner_leaves_no_worker_and_no_kernel(busy_runs):
    """kill -9 cannot be caught: the workers notice their parent is gone and stop their kernels."""
    project, run = busy_runs["killed"]
    everything = wait_for_a_kernel(run)
    run.kill()
    run.communicate(timeout=30)
    assert nothing_left(everything[1:]) == []
    assert not (project / "build" / "site").exists()


def test_a_failure_while_swapping_in_leaves_the_last_good_outputs(tmp_path):
    from helpers.publish import stage

    root, staging = tmp_path / "build", tmp_path / "build" / ".publish-x"
    for folder, text in ((root, "old"), (staging, "new")):
        for name in ("zh", "en", "site"):
            (folder / name).mkdir(parents=True)
            (folder / name / "page.html").write_text(f"{text} {name}")
    def published():
        return {k: v for k, v in files_of(root).items() if not k.startswith(".publish-")}

    before = published()
    calls = []

    def rename(a, b):
        calls.append((a, b))
        if len(calls) == 4:  # the second folder's new copy cannot be moved in
            raise OSError(28, "No space left on device", str(b))
        os.replace(a, b)

    with pytest.raises(OSError):
        stage.swap_in(staging, root, ["zh", "en", "site"], rename)
    assert published() == before
    stage.swap_in(staging, root, ["zh", "en", "site"])
    assert (root / "en" / "page.html").read_text() == "new en"


def test_a_publishing_fault_is_one_sentence_not_a_traceback(built_project, monkeypatch, tmp_path):
    from helpers.publish import pipeline, stage
    from helpers.publish.plan import Job

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", str(built_project / "build" / "en"))

    entry = tmp_path / "entry"
    (entry / "out" / "en").mkdir(parents=True)
    (entry / "notebook.ipynb").write_bytes((built_project / "build/en/notebooks/00_source.ipynb").read_bytes())
    monkeypatch.setattr(stage, "swap_in", broken)
    monkeypatch.setattr(Job, "cache_dir", property(lambda self: entry))
    layout = pipeline.paths.Layout(built_project / "build")
    job = Job("00_source", "en", built_project / "notebooks" / "00_source.ipynb", (), "not-published-yet")
    with pytest.raises(pipeline.RunError, match=r"Publishing failed: the disk holding .*build/en/ is full "
                                                r"\(no space left on device\): free some space"):
        pipeline.publish([job], layout, built_project / "data", False, False, print)  # the swap fails; no site needed
    assert not list((built_project / "build").glob(".publish-*"))


def comparable_files(build: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(build.rglob("*")):
        rel = path.relative_to(build).as_posix()
        if path.is_file() and not rel.startswith(("cache/", "jupyter/", "screenshots/", "runs/")) and rel != ".lock":
            files[rel] = path.read_bytes()
    return files


def test_two_runs_from_clean_are_identical(built_project, tmp_path):
    """A second project, run from clean, gives the same bytes (its one language against the first's)."""
    other = copy_project(tmp_path / "again")
    result = run_helpers(other, "run", "--jobs", "2", "--lang", "en", "--no-site", "--only", "00", "--only", "05")
    assert result.returncode == 0, result.stderr

    def of_00_and_05(build):
        return {k: v for k, v in comparable_files(build).items() if k.startswith("en/") and
                (k.split("/")[-1].startswith(("00_", "05_")) or k.count("/") == 1) and "/." not in k}

    first, second = of_00_and_05(built_project / "build"), of_00_and_05(other / "build")
    assert sorted(first) == sorted(second)
    text = [k for k in first if not k.endswith((".png", ".svg"))]
    assert any(k.endswith("claims.json") for k in text)
    assert any(k.endswith(".ipynb") for k in text) and any(k.endswith(".csv") for k in text)
    assert [k for k in text if first[k] != second[k]] == []
    figures = [k for k in first if k.endswith(".png")]
    assert figures and [k for k in figures if first[k] != second[k]] == []


def test_the_site_renders_the_same_bytes_twice(built_project, tmp_path):
    """Rendered from the same executed notebooks (one per language), with no page cache, the site is the same
    byte for byte, its search index over both languages included."""
    for lang in ("zh", "en"):
        source = tmp_path / lang / "notebooks"
        source.mkdir(parents=True)
        shutil.copy2(built_project / "build" / lang / "notebooks" / "01_award.ipynb", source)  # the smallest
    code = f"""
import shutil, sys
from pathlib import Path
from helpers.publish import site
inputs = site.Inputs({{lang: Path({str(tmp_path)!r}) / lang for lang in ("zh", "en")}},
                     Path({str(built_project / "data")!r}))
for name in ("one", "two"):
    shutil.rmtree(site.SITE_CACHE, ignore_errors=True)
    site.build(inputs, Path({str(tmp_path)!r}) / name)
"""
    result = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(built_project / "src")),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    one, two = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert any(k.endswith(".html") for k in one) and one == two
    entry = json.loads(one["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["en", "zh-cn"]


def test_os_faults_are_one_sentence_naming_the_cause_and_the_path(tmp_path):
    import errno

    from helpers.files import os_fault

    full = os_fault(OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "site" / "a.html")))
    assert full == f"the disk holding {tmp_path}/site/a.html is full (no space left on device): free some space and run again"
    copied = shutil.Error([(str(tmp_path / "a"), str(tmp_path / "b"),
                            f"[Errno 28] No space left on device: '{tmp_path / 'b'}'")])
    assert os_fault(copied).startswith(f"the disk holding {tmp_path}/b is full")  # not "Error: build/"
    assert os_fault(OSError(errno.ENOSPC, "No space left on device"), tmp_path).startswith(
        f"the disk holding {tmp_path}/ is full")
    assert "cannot be written (permission denied" in os_fault(PermissionError(errno.EPERM, "x", str(tmp_path)))
    assert "read-only file system" in os_fault(OSError(errno.EROFS, "x", str(tmp_path)))


def test_a_build_folder_that_cannot_be_written_is_one_sentence(monkeypatch, tmp_path):
    """An immutable or read-only build/ (chattr +i; root passes the permission bits, so the fault is made)."""
    from helpers import paths
    from helpers.publish import workers

    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(tmp_path / "build" / ".lock"))

    monkeypatch.setattr(paths, "BUILD", tmp_path / "build")
    monkeypatch.setattr("builtins.open", refused)
    with pytest.raises(workers.RunError, match=r"The run cannot start: .*/build/ cannot be written "
                                               r"\(permission denied; a read-only or immutable folder\)"):
        with workers.RunLock():
            pass


def test_list_and_run_name_a_notebook_that_is_not_one(monkeypatch, capsys, tmp_path):
    from helpers import paths
    from helpers.params import ParameterError
    from helpers.publish import cli, plan

    good, bad = tmp_path / "00_source.ipynb", tmp_path / "01_broken.ipynb"
    shutil.copy2(paths.NOTEBOOKS / "00_source.ipynb", good)
    bad.write_text('{"cells": [', encoding="utf-8")
    monkeypatch.setattr(paths, "notebooks", lambda folder=None: [good, bad])
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = cli.main(["list"])
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    out, err = capsys.readouterr()
    assert code == 2 and "00_source" in out and "01_broken" not in out
    assert len(err.strip().splitlines()) == 1 and f"{bad} is not a readable notebook" in err
    with pytest.raises(ParameterError, match="01_broken.ipynb is not a readable notebook"):
        plan.applies(bad)


def test_an_interrupt_after_the_swap_began_publishes_and_says_so(monkeypatch, tmp_path):
    """A SIGINT that arrives while the outputs are swapped in: the run publishes, says so, and returns
    normally (exit 0), never "nothing was published"."""
    from helpers import paths
    from helpers.publish import pipeline, stage
    from helpers.publish.plan import Job

    entry = tmp_path / "entry"
    (entry / "out" / "en").mkdir(parents=True)
    (entry / "notebook.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    monkeypatch.setattr(Job, "cache_dir", property(lambda self: entry))
    real_swap = stage.swap_in

    def interrupted_swap(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.2)
        real_swap(*args, **kwargs)

    monkeypatch.setattr(stage, "swap_in", interrupted_swap)
    layout = paths.Layout(tmp_path / "out")
    late, lines = stage.LateInterrupts(), []
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        pipeline.publish([Job("00_source", "en", tmp_path, (), "k")], layout, paths.DATA, False, False,
                         lines.append, late)
        assert late.stop()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert signal.getsignal(signal.SIGINT) is previous
    assert (layout.root / "en" / "notebooks" / "00_source.ipynb").is_file()
    assert lines == [f"published {tmp_path / 'out'}/"]
