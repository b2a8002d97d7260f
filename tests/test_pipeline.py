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
    # the cell inserted at index 5 is the sixth from the top, as JupyterLab shows the file
    assert f"02_broken [zh]: notebooks/02_broken.ipynb failed in cell 6 of {len(nb.cells)} (counting" in result.stderr
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
    """While a run holds the lock, a second run, clean and new-case are refused; the first run's lines arrive
    one by one (flushed), and --jobs is capped at the number of runs."""
    project = copy_project(tmp_path, notebooks=("00_source",))
    path, release = project / "notebooks" / "00_source.ipynb", tmp_path / "release"
    nb = nbformat.read(path, 4)  # its parameters, then a wait until the test has tried the other commands
    nb.cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])] + [nbformat.v4.new_code_cell(
        f"import pathlib, time\nwhile not pathlib.Path({str(release)!r}).exists():\n    time.sleep(0.05)")]
    nbformat.write(nb, path)
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
    case = run_helpers(project, "new-case", "rival", str(project / "data" / "raw" / "article_ocr.txt"))
    release.touch()
    out, err = first.communicate(timeout=120)
    lines += out.splitlines(keepends=True)
    assert first.returncode == 0, err
    assert second.returncode == 1 and "Another run is in progress on this project" in second.stderr
    assert clean.returncode == 1 and "then clean again" in clean.stderr
    assert case.returncode == 1 and "then make the case again" in case.stderr and not (project / "cases").exists()
    assert "1 at a time (--jobs 100 capped at the number of runs)" in "".join(lines)
    assert any(line.startswith("  done     00_source [zh] in ") for line in lines)
    assert (project / "build" / "zh" / "notebooks" / "00_source.ipynb").is_file()


def test_the_same_language_twice_runs_once():
    from helpers.publish.cli import languages

    assert languages("en,en", {}) == ["en"]
    assert languages(None, {"lang": "zh"}) == ["zh"] and languages(None, {}) == ["zh", "en"]


@pytest.mark.parametrize("inside", ["src/helpers/templates", "data", ".git", "build/site", "build/en", "."])
def test_out_dir_inside_the_project_is_refused(inside):
    from helpers import paths
    from helpers.params import ParameterError, validate

    with pytest.raises(ParameterError, match=r"Parameter 'out_dir' is .*(inside the project's own|the project's "
                                             r"folder itself).*give a folder outside them"):
        validate({"out_dir": str(paths.ROOT / inside)})
    validate({"out_dir": str(paths.ROOT / "build" / "mine")})  # a folder of its own under build/ is fine


def test_out_dir_tilde_is_the_users_home(monkeypatch, tmp_path):
    from helpers.publish import cli

    monkeypatch.setenv("HOME", str(tmp_path))
    assert cli._overrides([["out_dir", "~/reports"]])["out_dir"] == str(tmp_path / "reports")
    assert cli.layout_for({"out_dir": str(tmp_path / "reports")}).root == tmp_path / "reports"


def run_in_process(capsys, *argv) -> tuple[int, list[str]]:
    """``python -m helpers ARGV`` in this process: exit code and the lines on stderr."""
    import signal

    from helpers.publish import cli

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = cli.main(list(argv))
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    return code, [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_out_dir_where_nothing_can_be_written_is_one_sentence(capsys):
    code, lines = run_in_process(capsys, "run", "--lang", "en", "--only", "00", "-p", "out_dir", "/proc")
    assert code == 2 and len(lines) == 1 and "/proc/ cannot be written, so the run cannot publish there" in lines[0]


def test_data_dir_root_is_refused_before_anything_is_hashed(capsys, monkeypatch):
    from helpers.publish import plan

    monkeypatch.setattr(plan, "hash_tree", lambda *a, **k: pytest.fail("the folder was hashed"))
    code, lines = run_in_process(capsys, "run", "--lang", "en", "--only", "00", "-p", "data_dir", "/")
    assert code == 2 and len(lines) == 1
    assert "'/', which is not a data folder (it holds none of glossary.csv, indicators.csv" in lines[0]


def test_a_run_never_replaces_a_folder_it_did_not_write(capsys, tmp_path):
    from helpers import paths
    from helpers.publish import stage

    mine = tmp_path / "out" / "site" / "notes.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("the user's own notes")
    code, lines = run_in_process(capsys, "run", "--lang", "en", "--only", "00", "-p", "out_dir", str(tmp_path / "out"))
    assert code == 2 and len(lines) == 1 and mine.read_text() == "the user's own notes"
    assert f"{tmp_path / 'out' / 'site'}/ exists and was not written by a run" in lines[0]
    layout = paths.Layout(tmp_path / "out")
    (mine.parent / stage.OWNER_FILE).write_text(stage.OWNER_TEXT)  # as a run leaves it
    stage.check_owned(layout, ["en", "site"])
    stage.check_owned(paths.DEFAULT_LAYOUT, ["en", "site"])  # build/ is the runner's own


def fake_entry(folder, files: dict[str, str]):
    """A cache entry as a worker leaves it: the notebook, outputs under out/en/, sealed with their hashes."""
    from helpers.publish import workers

    (folder / "out" / "en").mkdir(parents=True)
    (folder / "notebook.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    for name, text in files.items():
        (folder / "out" / "en" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "out" / "en" / name).write_text(text)
    workers.seal(folder)
    return folder


def test_a_notebook_run_again_takes_its_old_files_away(monkeypatch, tmp_path):
    """Switching fig_format: the new .png replaces the old .svg; another notebook's files stay."""
    from helpers import paths
    from helpers.publish import stage
    from helpers.publish.plan import Job

    entries = {"svg": fake_entry(tmp_path / "svg", {"figures/02_chart.svg": "<svg/>", "tables/02_t.csv": "a\n"}),
               "other": fake_entry(tmp_path / "other", {"figures/03_chart.svg": "<svg/>"}),
               "png": fake_entry(tmp_path / "png", {"figures/02_chart.png": "png", "tables/02_t.csv": "b\n"})}
    monkeypatch.setattr(Job, "cache_dir", property(lambda self: entries[self.key]))
    layout = paths.Layout(tmp_path / "out")

    def publish(*jobs):
        staging = stage.new_staging(layout)
        stage.swap_in(staging, layout.root, stage.assemble(list(jobs), layout, staging))

    publish(Job("02_x", "en", tmp_path, (), "svg"), Job("03_y", "en", tmp_path, (), "other"))
    publish(Job("02_x", "en", tmp_path, (), "png"))
    found = sorted(p.relative_to(layout.root / "en").as_posix() for p in (layout.root / "en").rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    assert found == ["figures/02_chart.png", "figures/03_chart.svg", "notebooks/02_x.ipynb",
                     "notebooks/03_y.ipynb", "tables/02_t.csv"]
    assert (layout.root / "en" / "tables" / "02_t.csv").read_text() == "b\n"


def test_a_damaged_cache_entry_is_run_again(monkeypatch, tmp_path):
    """A garbled table, a truncated notebook or a missing hash list: the entry is not used again."""
    from helpers.publish import pipeline, workers
    from helpers.publish.plan import Job

    entries = {}
    for name in ("sound", "garbled", "truncated", "unsealed"):
        entries[name] = fake_entry(tmp_path / name, {"tables/00_t.csv": "id,value\na,1\n"})
    (entries["garbled"] / "out" / "en" / "tables" / "00_t.csv").write_text("id,value\na,7\n")
    notebook = entries["truncated"] / "notebook.ipynb"
    notebook.write_bytes(notebook.read_bytes()[:20])
    (entries["unsealed"] / workers.ENTRY_HASHES).unlink()
    monkeypatch.setattr(Job, "cache_dir", property(lambda self: entries[self.key]))
    ran = []
    monkeypatch.setattr(pipeline, "run_jobs", lambda jobs, n, say: ran.extend(jobs) or [])
    monkeypatch.setattr(pipeline, "preflight", lambda params, case, say=print: None)
    jobs = [Job("00_source", "en", tmp_path, (), name) for name in entries]
    lines = []
    pipeline.execute(jobs, ["en"], {}, False, 1, False, lines.append)
    assert [j.key for j in ran] == ["garbled", "truncated", "unsealed"]
    assert "  cached   00_source [en]" in lines and sum("damaged" in line for line in lines) == 3


def test_an_input_written_during_the_run_is_neither_cached_nor_published(monkeypatch, tmp_path):
    """The ledger edited while the kernels run and put back: the stamps differ, nothing is kept."""
    from helpers import paths
    from helpers.publish import pipeline
    from helpers.publish.plan import Job

    data = data_copy(tmp_path)
    ledger = data / "indicators.csv"
    monkeypatch.setattr(Job, "cache_dir", property(lambda self: tmp_path / "cache" / self.key))

    def kernels_run(jobs, *args):
        for job in jobs:
            fake_entry(job.cache_dir, {"tables/00_t.csv": "id\nedited\n"})
        text = ledger.read_bytes()
        ledger.write_bytes(text.replace(b"\n", b"\n\n", 1))  # the curator edits …
        ledger.write_bytes(text)  # … and undoes the edit
        os.utime(ledger, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
        return jobs

    monkeypatch.setattr(pipeline, "execute", kernels_run)
    out = tmp_path / "out"
    with pytest.raises(pipeline.RunError, match="was written while the notebooks ran"):
        pipeline.run(["en"], {"data_dir": str(data)}, ["00"], 1, build_site=False, layout=paths.Layout(out))
    assert not list((tmp_path / "cache").iterdir()) and not (out / "en").exists()


def test_a_stamp_changes_when_a_file_is_written_back_unchanged(tmp_path):
    from helpers.files import tree_stamp

    (tmp_path / "a.csv").write_text("x\n")
    before = tree_stamp(tmp_path)
    os.utime(tmp_path / "a.csv", ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert tree_stamp(tmp_path) != before and len(before) == 1


def test_an_immutable_output_folder_is_one_sentence(capsys, tmp_path):
    """chattr +i (where the file system and the user allow it): refused before any kernel, in one sentence."""
    folder = tmp_path / "immutable"
    folder.mkdir()
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not allowed here")
    try:
        code, lines = run_in_process(capsys, "run", "--lang", "en", "--only", "00", "-p", "out_dir", str(folder))
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert code == 2 and len(lines) == 1
    assert str(folder) in lines[0] and ("where nothing can be written" in lines[0] or "cannot be written" in lines[0])
