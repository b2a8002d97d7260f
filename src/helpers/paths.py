"""Project root, folders, the notebook list and the build layout, found from this package's own location.

Never from the current directory: nbval starts kernels in ``notebooks/``,
papermill in the caller's folder and JupyterLab wherever it was opened.
Ground floor: both wings (the notebooks' helpers and the publishing runner)
take every location from here, so the build layout is written once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

PROJECT = "huzhou-tiangong"  # the distribution's name (pyproject.toml): the kernel, data packages and site are named by it
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


CASES = ROOT / "cases"
CASE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def case_folder(name: str) -> Path:
    """``cases/NAME/``; ValueError (one sentence) for a name that is not lower-case letters, digits, - and _."""
    if not CASE_NAME.match(name):
        raise ValueError(f"{name!r} is not a case name: use lower-case letters, digits, '-' and '_' "
                         "(up to 40, starting with a letter or digit).")
    return CASES / name


def existing_case(name: str) -> Path:
    """``cases/NAME/`` of a case that exists (it holds a ledger); ValueError (one sentence) otherwise."""
    folder = case_folder(name)
    if not (folder / "indicators.csv").is_file():
        raise ValueError(f"cases/{name}/ is not a case: make it with python -m helpers new-case {name} ARTICLE.")
    return folder


OUT_ROOT_ENV = "HUZHOU_OUT_ROOT"


def out_dir(lang: str, override: str | Path = "") -> Path:
    """Where a notebook writes figures, tables and exports.

    ``override`` when given; else ``$HUZHOU_OUT_ROOT/<lang>/`` when that is
    set: the runner sets it to each run's own staging folder (published to
    ``build/<lang>/`` only when the whole run succeeds), ``make lab`` to
    ``build/scratch/out/``, the tests to a temporary folder; else ``build/<lang>/``.
    """
    if str(override):
        return resolve(override)
    root = os.environ.get(OUT_ROOT_ENV, "")
    return (Path(root) if root else BUILD) / lang


PUBLISHED_ROOT_ENV = "HUZHOU_PUBLISHED_ROOT"


def published_dir(lang: str, written: Path) -> Path:
    """Where a notebook's outputs end up, for messages: ``$HUZHOU_PUBLISHED_ROOT/<lang>/`` when the runner
    (which writes to a staging folder first) says where it will publish them, else where they are written."""
    root = os.environ.get(PUBLISHED_ROOT_ENV, "")
    return Path(root) / lang if root else written


# Folders a run may never publish into (nor inside): the project's own sources, data and history, and
# the folders of build/ that belong to the default report and the cache. ``build/`` itself is the default.
PROTECTED = (ROOT / "src", ROOT / "data", ROOT / "notebooks", ROOT / "tests", ROOT / "tools", ROOT / "cases",
             ROOT / "benchmarks", ROOT / ".git", PACKAGE_DIR, BUILD / "site", BUILD / "zh", BUILD / "en", CACHE,
             BUILD / "jupyter", BUILD / "scratch", BUILD / "runs", BUILD / "cases")
DATA_MARKERS = ("glossary.csv", "indicators.csv", "raw/article_ocr.txt")


def protected(target: Path) -> Path | None:
    """The project folder ``target`` lies in (or is) that a run must not write into, or None.

    The project root itself is one: a run there would mix its folders with the sources.
    """
    target = Path(target).resolve()
    if target == ROOT.resolve():
        return ROOT
    return next((p for p in PROTECTED if target == p.resolve() or p.resolve() in target.parents), None)


def looks_like_data(folder: Path) -> bool:
    """Whether ``folder`` has the layout of a data folder (one of ``DATA_MARKERS``); checked before a run
    hashes the folder, so a wrong folder (``/``) is refused at once, not walked."""
    return any((Path(folder) / name).is_file() for name in DATA_MARKERS)


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks, ``NN_name.ipynb``, in order."""
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


@dataclass(frozen=True)
class Layout:
    """Where a run publishes: ``<root>/<lang>/`` (figures, tables, exports, ``notebooks/``) and ``<root>/site/``.

    The default report is ``Layout(build/)``; a run with another data folder,
    article or output folder, and a case, publish under their own root, so
    they never touch the default report.
    """

    root: Path

    def lang_dir(self, lang: str) -> Path:
        """``<root>/<lang>/``: a language's figures, tables, exports and executed notebooks."""
        return self.root / lang

    def notebook(self, lang: str, name: str) -> Path:
        """The executed notebook ``name`` of ``lang``."""
        return self.root / lang / "notebooks" / f"{name}.ipynb"

    def export(self, lang: str, kind: str) -> Path:
        """An export (``claims_csv``, ``claims_json``, ``audit_csv``, ``headline``)."""
        return self.root / lang / EXPORTS[kind]

    @property
    def site(self) -> Path:
        """``<root>/site/``: the HTML site."""
        return self.root / "site"


DEFAULT_LAYOUT = Layout(BUILD)


def relative_to_root(path: Path) -> str:
    """A path as shown in messages: relative to the project root when inside it, else in full
    (so that a message about another data folder names that folder)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()
