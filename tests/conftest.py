"""Shared fixtures: the project's article and ledger, and a temporary project copy."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from helpers import paths
from helpers.ledger import load_indicators
from helpers.source import load_article

os.environ.setdefault("MPLBACKEND", "Agg")
# Kernels the tests start (nbval, JupyterLab) write their figures and tables here, never into build/,
# and name build/ in their messages, as the committed notebooks (run by the runner) do.
os.environ[paths.OUT_ROOT_ENV] = tempfile.mkdtemp(prefix="huzhou-test-outputs-")
os.environ[paths.PUBLISHED_ROOT_ENV] = str(paths.BUILD)


@pytest.fixture(scope="session")
def article():
    return load_article(paths.DATA / "raw" / "article_ocr.txt")


@pytest.fixture(scope="session")
def ledger(article) -> pd.DataFrame:
    return load_indicators(article_text=article.text)


def copy_project(target: Path, notebooks: tuple[str, ...] = ("00_source", "01_award", "05_scorecard")) -> Path:
    """A copy of the project (code, data, the named notebooks) that runs on its own."""
    for name in ("src", "data", "tools"):
        shutil.copytree(paths.ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "requirements.lock", "CITATION.cff"):
        shutil.copy2(paths.ROOT / name, target / name)
    (target / "notebooks").mkdir()
    for name in notebooks:
        shutil.copy2(paths.NOTEBOOKS / f"{name}.ipynb", target / "notebooks" / f"{name}.ipynb")
    return target


def run_helpers(project: Path, *args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """``python -m helpers ARGS`` on a project copy (its own src/ first on the path)."""
    env = dict(os.environ, PYTHONPATH=str(project / "src"))
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=kwargs.pop("cwd", project),
                          env=env, capture_output=True, text=True, timeout=timeout, **kwargs)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A small project copy (00_source, 01_award, 05_scorecard) run once in zh and en, site built.

    It lives in a folder whose path has a space and Chinese characters, so the
    runner, the site and the browser test run there too.
    """
    project = copy_project(tmp_path_factory.mktemp("项目 with space"))
    result = run_helpers(project, "run", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return project


def data_copy(tmp_path: Path, name: str = "data") -> Path:
    """A copy of the project's data folder, to break in a test."""
    return Path(shutil.copytree(paths.DATA, tmp_path / name))



def shown_text_px(png: bytes, shown_width: float) -> float:
    """CSS px of the smallest text of a page image shown ``shown_width`` CSS px wide: its size in points (the
    image's ``theme.SMALLEST_TEXT``) × its resolution (``pHYs``, dots per inch) / 72 gives image pixels,
    scaled by the shown width over the image's width in pixels."""
    from helpers import theme  # matplotlib only where a test draws

    image = Image.open(io.BytesIO(png))
    points = float(image.info[theme.SMALLEST_TEXT].split()[0])
    return points * image.info["dpi"][0] / 72 * shown_width / image.width
