"""Project root and folders, found from this package's own location.

Never from the current directory: nbval starts kernels in ``notebooks/``,
papermill in the caller's folder and JupyterLab wherever it was opened.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
BUILD = ROOT / "build"
SITE = BUILD / "site"
FONTS = PACKAGE_DIR / "fonts"
TEMPLATES = PACKAGE_DIR / "templates"


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
    """Where a notebook writes figures and tables: ``override`` or ``build/<lang>/``."""
    return resolve(override) if str(override) else BUILD / lang


def relative_to_root(path: Path) -> str:
    """A path as shown to readers: relative to the project root when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name
