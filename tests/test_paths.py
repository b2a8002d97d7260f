import subprocess
import sys

from helpers import paths


def test_root_holds_the_project():
    assert (paths.ROOT / "pyproject.toml").is_file()
    assert paths.NOTEBOOKS == paths.ROOT / "notebooks"
    assert (paths.DATA / "indicators.csv").is_file()


def test_root_is_the_same_from_any_working_directory(tmp_path):
    code = "from helpers import paths; print(paths.ROOT)"
    seen = set()
    for cwd in (tmp_path, paths.NOTEBOOKS, paths.ROOT / "src"):
        out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                             check=True)
        seen.add(out.stdout.strip())
    assert seen == {str(paths.ROOT)}


def test_relative_paths_are_taken_from_the_root_not_the_cwd(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(paths.OUT_ROOT_ENV)
    assert paths.data_dir("data") == paths.DATA
    assert paths.out_dir("en") == paths.BUILD / "en"
    assert paths.out_dir("en", "elsewhere") == paths.ROOT / "elsewhere"
    monkeypatch.setenv(paths.OUT_ROOT_ENV, str(tmp_path / "staging"))
    assert paths.out_dir("en") == tmp_path / "staging" / "en"
    assert paths.article_path(paths.DATA) == paths.DATA / "raw" / "article_ocr.txt"
    assert paths.resolve(tmp_path / "x") == (tmp_path / "x").resolve()
