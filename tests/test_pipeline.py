"""The runner on small copies of the project: refusals before any kernel, failures, cache, publishing."""

import json
import os
import subprocess
import sys
import time

import nbformat
import pytest

from conftest import copy_project, data_copy, run_helpers


def refused(project, *args) -> str:
    """Run ``python -m helpers run ARGS``; it must refuse with exit 2 and one sentence, before any kernel."""
    start = time.monotonic()
    result = run_helpers(project, "run", *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and "start " not in result.stdout
    assert not list((project / "build").glob("cache/*/*")) if (project / "build").exists() else True
    assert time.monotonic() - start < 30
    return lines[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("runner"), notebooks=("00_source", "01_award", "05_scorecard"))


def ledger_with(tmp_path, row_id, **values):
    import pandas as pd

    folder = data_copy(tmp_path)
    frame = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    for column, value in values.items():
        frame.loc[frame["id"] == row_id, column] = value
    frame.to_csv(folder / "indicators.csv", index=False)
    return folder


@pytest.mark.parametrize(("args", "words"), [
    (["-p", "lang", "fr"], "Parameter 'lang' has the value 'fr': allowed values are 'zh' or 'en'."),
    (["-p", "colour", "red"], "Unknown parameter 'colour'"),
    (["--only", "99_nothing"], "No notebook is named '99_nothing'"),
    (["--only", "0"], "--only '0' is ambiguous: it could be 00_source, 01_award, 05_scorecard"),
    (["--lang", "en", "-p", "lang", "zh"], "--lang en and -p lang zh disagree"),
    (["--jobs", "0"], "--jobs is 0"),
])
def test_bad_options_are_refused_in_one_sentence(project, args, words):
    assert words in refused(project, *args)


def test_bad_folders_are_refused_in_one_sentence(project, tmp_path):
    assert "not a folder" in refused(project, "-p", "data_dir", str(tmp_path / "missing"))
    a_file = tmp_path / "a_file.txt"
    a_file.write_text("x")
    assert "which is a file" in refused(project, "-p", "out_dir", str(a_file))


@pytest.mark.parametrize(("change", "words"), [
    (lambda tmp: ledger_with(tmp, "emerging_chain_share_2024", value="39.6"),
     ["indicators.csv, line", "column 'value'", "'39.6'", "36.9"]),
    (lambda tmp: ledger_with(tmp, "provincial_feature_clusters", value="-8"), ["column 'value'", "'-8'"]),
    (lambda tmp: _edit(data_copy(tmp), "indicators.csv", lambda t: t.replace(
        "hightech_firms,innovation,enterprises,quantity", "hightech_firms,innovation,enterprises,quantity,extra", 1)),
     ["indicators.csv, line", "fields where the header has"]),
    (lambda tmp: _edit(data_copy(tmp), "indicators.csv", lambda t: t.splitlines()[0] + "\n"),
     ["header but no rows"]),
    (lambda tmp: _edit(data_copy(tmp), "context/huzhou.csv", lambda t: t.replace("2021-12-30", "2024-13-45", 1)),
     ["huzhou.csv, line 2", "column 'date'", "2024-13-45"]),
    (lambda tmp: _remove(data_copy(tmp), "context"), ["context/ is missing"]),
    (lambda tmp: _remove(data_copy(tmp), "audit_checks.csv"), ["audit_checks.csv is missing"]),
    (lambda tmp: _edit(data_copy(tmp), "raw/article_ocr.txt", None,
                       data=lambda b: b.decode("utf-8")[:3000].encode("big5", errors="ignore")),
     ["neither UTF-8 nor GB18030"]),
])
def test_a_faulty_data_folder_is_named_in_one_sentence(tmp_path, change, words):
    from helpers import paths
    from helpers.files import DataError
    from helpers.preflight import check
    from helpers.source import ArticleError

    folder = change(tmp_path)
    with pytest.raises((DataError, ArticleError)) as info:
        check(folder, paths.article_path(folder))
    message = str(info.value)
    assert all(w in message for w in words), message
    if ".csv" in message or "context/" in message:
        assert str(folder) in message  # the copy is named, never the project's own data/


def test_the_runner_refuses_a_faulty_data_folder_before_any_kernel(project, tmp_path):
    folder = ledger_with(tmp_path, "emerging_chain_share_2024", value="39.6")
    message = refused(project, "-p", "data_dir", str(folder), "--lang", "en")
    assert "indicators.csv, line" in message and "'39.6' is not what the quote states" in message


def _edit(folder, name, text=None, data=None):
    path = folder / name
    if data is not None:
        path.write_bytes(data(path.read_bytes()))
    else:
        path.write_text(text(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def _remove(folder, name):
    import shutil

    target = folder / name
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    return folder


def test_list_shows_every_notebook_and_its_parameters(project):
    result = run_helpers(project, "list")
    assert result.returncode == 0, result.stderr
    assert "00_source" in result.stdout and "01_award" in result.stdout
    for name in ("lang", "data_dir", "article_path", "out_dir", "fig_format"):
        assert f"    {name} = " in result.stdout
    assert "allowed: zh, en" in result.stdout


def test_a_run_publishes_notebooks_and_site(built_project):
    for lang in ("zh", "en"):
        for name in ("00_source", "01_award"):
            nb = nbformat.read(built_project / "build" / lang / "notebooks" / f"{name}.ipynb", 4)
            assert nb.metadata["papermill"] == {"parameters": {"lang": lang}}
            assert not any(o.output_type == "error" for c in nb.cells for o in c.get("outputs", []))
            assert (built_project / "build" / "site" / lang / f"{name}.html").is_file()
        assert (built_project / "build" / lang / "figures" / "01_gold_by_city.png").is_file()
        assert (built_project / "build" / lang / "claims.csv").is_file()
    index = (built_project / "build" / "site" / "index.html").read_text()
    assert "zh/00_source.html" in index and "zh/01_award.html" in index


def test_published_files_respect_the_umask(built_project):
    """Exports, tables, figures and notebooks are readable by others (0644), like the site."""
    modes = {}
    for path in (built_project / "build").rglob("*"):
        rel = path.relative_to(built_project / "build").as_posix()
        if rel.startswith(("cache/", "jupyter/", ".lock")):
            continue
        modes[rel] = path.stat().st_mode & 0o777
    assert modes and {m for p, m in modes.items() if (built_project / "build" / p).is_file()} == {0o644}
    assert {m for p, m in modes.items() if (built_project / "build" / p).is_dir()} == {0o755}


def test_an_unchanged_project_starts_no_kernel(built_project):
    result = run_helpers(built_project, "run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("cached") == 6 and "start " not in result.stdout
    assert "nothing changed" in result.stdout


FAILING_CELL = "raise ValueError('this cell fails on purpose')"


def snapshot(build) -> dict:
    return {p: p.read_bytes() for p in sorted(build.rglob("*"))
            if p.is_file() and "cache" not in p.parts and "jupyter" not in p.parts and p.name != ".lock"}


def test_a_failing_notebook_is_named_and_publishes_nothing(built_project):
    bad = built_project / "notebooks" / "02_broken.ipynb"
    nb = nbformat.read(built_project / "notebooks" / "01_award.ipynb", 4)
    nb.cells.insert(5, nbformat.v4.new_code_cell(FAILING_CELL))
    nbformat.write(nb, bad)
    before = snapshot(built_project / "build")
    try:
        result = run_helpers(built_project, "run", "--lang", "zh", "--only", "02_broken")
    finally:
        bad.unlink()
    assert result.returncode == 1
    assert "02_broken [zh]: notebooks/02_broken.ipynb failed in cell" in result.stderr
    assert "ValueError: this cell fails on purpose" in result.stderr
    assert "nothing was published" in result.stderr
    assert snapshot(built_project / "build") == before


KEYS = """
import json, sys
from helpers.publish.plan import plan
from helpers.paths import notebooks
print(json.dumps([j.key for j in plan(notebooks(), ["zh"], json.loads(sys.argv[1]))]))
"""


def keys(project, overrides=None):
    out = subprocess.run([sys.executable, "-c", KEYS, json.dumps(overrides or {})], cwd=project,
                         env={"PYTHONPATH": str(project / "src"), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_cache_key_follows_helpers_data_and_parameters_only(tmp_path):
    project = copy_project(tmp_path)
    base = keys(project)
    (project / "README.md").write_text("unrelated change\n")
    (project / "notes.txt").write_text("unrelated\n")
    assert keys(project) == base
    helper = project / "src" / "helpers" / "derive.py"
    helper.write_text(helper.read_text() + "\n# a change\n")
    after_helper = keys(project)
    assert all(a != b for a, b in zip(after_helper, base))
    data = project / "data" / "glossary.csv"
    data.write_text(data.read_text() + "extra.key,额外,extra,\n")
    after_data = keys(project)
    assert all(a != b for a, b in zip(after_data, after_helper))
    assert all(a != b for a, b in zip(keys(project, {"fig_format": "svg"}), after_data))


def test_one_run_at_a_time_progress_as_it_happens_and_no_clean_under_a_run(tmp_path):
    """While a run holds the lock, a second run and clean are refused; the first run's lines arrive
    one by one (flushed), and --jobs is capped at the number of runs."""
    project = copy_project(tmp_path, notebooks=("00_source",))
    env = dict(os.environ, PYTHONPATH=str(project / "src"))
    first = subprocess.Popen([sys.executable, "-m", "helpers", "run", "--lang", "zh", "--no-site", "--jobs", "100"],
                             cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    while True:
        line = first.stdout.readline()
        lines.append(line)
        if "start " in line or not line:
            break
    assert first.poll() is None, "the start line arrived only when the run ended"
    second = run_helpers(project, "run", "--lang", "zh", "--no-site")
    clean = run_helpers(project, "clean")
    out, err = first.communicate(timeout=120)
    lines += out.splitlines(keepends=True)
    assert first.returncode == 0, err
    assert second.returncode == 1 and "Another run is in progress on this project" in second.stderr
    assert clean.returncode == 1 and "then clean again" in clean.stderr
    assert "1 at a time (--jobs 100 capped at the number of runs)" in "".join(lines)
    assert any(line.startswith("  done     00_source [zh] in ") for line in lines)
    assert (project / "build" / "zh" / "notebooks" / "00_source.ipynb").is_file()


def test_the_same_language_twice_runs_once():
    from helpers.publish.cli import languages

    assert languages("en,en", {}) == ["en"]
    assert languages(None, {"lang": "zh"}) == ["zh"] and languages(None, {}) == ["zh", "en"]
