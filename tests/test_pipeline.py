"""The runner on a small copy of the project: refusals, failures, cache, publishing."""

import json
import subprocess
import sys
import time

import nbformat

from conftest import copy_project, run_helpers


def test_bad_parameter_is_refused_before_any_kernel(tmp_path):
    project = copy_project(tmp_path)
    start = time.monotonic()
    result = run_helpers(project, "run", "-p", "lang", "fr")
    assert result.returncode == 2
    assert "Parameter 'lang' has the value 'fr': allowed values are 'zh' or 'en'." in result.stderr
    assert not (project / "build").exists()
    assert time.monotonic() - start < 15


def test_unknown_parameter_and_notebook_are_refused(tmp_path):
    project = copy_project(tmp_path)
    result = run_helpers(project, "run", "-p", "colour", "red")
    assert result.returncode == 2 and "Unknown parameter 'colour'" in result.stderr
    result = run_helpers(project, "run", "--only", "99_nothing")
    assert result.returncode == 2 and "No notebook is named '99_nothing'" in result.stderr
    result = run_helpers(project, "run", "-p", "data_dir", str(tmp_path / "missing"))
    assert result.returncode == 2 and "not a folder" in result.stderr


def test_list_shows_every_notebook_and_its_parameters(tmp_path):
    project = copy_project(tmp_path)
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
    index = (built_project / "build" / "site" / "index.html").read_text()
    assert "zh/00_source.html" in index and "zh/01_award.html" in index


def test_an_unchanged_project_starts_no_kernel(built_project):
    start = time.monotonic()
    result = run_helpers(built_project, "run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("cached") == 6 and "ran " not in result.stdout
    assert time.monotonic() - start < 20


FAILING_CELL = "raise ValueError('this cell fails on purpose')"


def test_a_failing_notebook_is_named_and_publishes_nothing(built_project):
    bad = built_project / "notebooks" / "02_broken.ipynb"
    nb = nbformat.read(built_project / "notebooks" / "01_award.ipynb", 4)
    nb.cells.insert(5, nbformat.v4.new_code_cell(FAILING_CELL))
    nbformat.write(nb, bad)
    site = built_project / "build" / "site"
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    published = {p: p.read_bytes() for p in sorted((built_project / "build").glob("*/notebooks/*.ipynb"))}
    try:
        result = run_helpers(built_project, "run")
    finally:
        bad.unlink()
    assert result.returncode == 1
    assert "02_broken [zh]: notebooks/02_broken.ipynb failed in cell" in result.stderr
    assert "ValueError: this cell fails on purpose" in result.stderr
    assert "nothing was published" in result.stderr
    after = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    assert after == before
    assert {p: p.read_bytes() for p in sorted((built_project / "build").glob("*/notebooks/*.ipynb"))} == published
    assert not (built_project / "build" / "zh" / "notebooks" / "02_broken.ipynb").exists()


KEYS = """
import json, sys
from helpers.publish.pipeline import plan
from helpers.paths import notebooks as discover
overrides = json.loads(sys.argv[1])
print(json.dumps([j.key for j in plan(discover(), ["zh"], overrides)]))
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


def test_two_runs_at_once_do_not_mix(tmp_path):
    project = copy_project(tmp_path, notebooks=("00_source",))
    env_first = subprocess.Popen([sys.executable, "-m", "helpers", "run", "--lang", "zh", "--no-site"],
                                 cwd=project, env={"PYTHONPATH": str(project / "src"), "PATH": "/usr/bin:/bin"},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = project / "build" / ".lock"
    deadline = time.monotonic() + 30
    while not (lock.is_file() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.1)
    second = run_helpers(project, "run", "--lang", "zh", "--no-site")
    out, err = env_first.communicate(timeout=120)
    assert env_first.returncode == 0, err
    assert second.returncode == 1
    assert "Another run is in progress on this project" in second.stderr
    nb = nbformat.read(project / "build" / "zh" / "notebooks" / "00_source.ipynb", 4)
    assert nb.cells
