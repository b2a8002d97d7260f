"""Project root, folders, the notebook list and the build layout, found from this package's own location.

Never from the current directory: nbval starts kernels in ``notebooks/``,
papermill in the caller's folder and JupyterLab wherever it was opened.
Ground floor: both wings (the notebooks' helpers and the publishing runner)
take every location from here, so the build layout is written once.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
BUILD = ROOT / "build"
SITE = BUILD / "site"
CACHE = BUILD / "cache"
FONTS = PACKAGE_DIR / "fonts"
TEMPLATES = PACKAGE_DIR / "templates"
NOTEBOOK_NAME = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")
# What the scorecard notebook exports under ``build/<lang>/`` (and the site links and reads).
EXPORTS = {"claims_csv": "claims.csv", "claims_json": "claims.json", "audit_csv": "audit.csv",
           "headline": "headline.json"}


def resolve(path: str | Path) -> Path:
    """An absolute path; a relative one is taken from the project root, not the cwd."""
    path = Path(path).expanduser()
    return (path if path.is_absolute() else ROOT / path).resolve()


def data_dir(override: str | Path = "") -> Path:
    """The data folder: ``override`` when given, else the project's ``data/``."""
    return resolve(override) if str(override) else DATA


def article_path(data_folder: Path, override: str | Path = "") -> Path:
    """The article page: ``override`` when given, else ``<data>/raw/article_ocr.txt``."""
    if str(override):
        return resolve(override)
    return data_folder / "raw" / "article_ocr.txt"


def out_dir(lang: str, override: str | Path = "") -> Path:
    """Where a notebook writes figures, tables and exports: ``override`` or ``build/<lang>/``."""
    return resolve(override) if str(override) else BUILD / lang


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks, ``NN_name.ipynb``, in order."""
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def published_notebook(lang: str, name: str) -> Path:
    """Where the executed notebook ``name`` of ``lang`` is published: ``build/<lang>/notebooks/``."""
    return BUILD / lang / "notebooks" / f"{name}.ipynb"


def export(lang: str, kind: str) -> Path:
    """An export of the default run (``claims_csv``, ``claims_json``, ``audit_csv``, ``headline``)."""
    return out_dir(lang) / EXPORTS[kind]


def relative_to_root(path: Path) -> str:
    """A path as shown to readers: relative to the project root when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name
