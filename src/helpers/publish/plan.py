"""What a run executes: one job per notebook and language, each with its cache key.

A job's key hashes everything its outputs depend on: the notebook, its
parameters, every file of ``src/helpers/``, every file of the data folder and
the article, and the locked dependency versions. Notebooks say in their
metadata (``huzhou``) which articles they apply to: ``ledger`` (they need the
ledger of the article they read) and ``any_article`` (they work on any
article of the genre, not only this one).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..files import hash_tree, tree_stamp
from ..params import DEFAULTS, ParameterError, validate

LOCK_FILES = ("requirements.lock", "pyproject.toml")
META_KEY = "huzhou"


@dataclass(frozen=True)
class Job:
    """One notebook run in one language: its parameters and cache key."""
    name: str
    lang: str
    source: Path
    parameters: tuple[tuple[str, str], ...]
    key: str
    one_language: bool = True  # keep only the job's language's narrative (False: both, for the committed notebooks)
    published_root: str = ""  # where the run publishes (named in the notebook's messages); set by the pipeline
    project_article: bool = True  # the run reads the project's own article (else cells tagged project-article go)

    @property
    def label(self) -> str:
        """``02_industry [en]``, as progress lines show it."""
        return f"{self.name} [{self.lang}]"

    @property
    def cache_dir(self) -> Path:
        """The job's cache entry: ``notebook.ipynb`` and ``out/<lang>/`` (its figures, tables and exports)."""
        return paths.CACHE / self.lang / f"{self.name}-{self.key}"


def select(notebooks: list[Path], only: list[str]) -> list[Path]:
    """Notebooks named by ``--only``: a full name (``02_industry``), its number (``02``) or its name
    (``industry``), or an unambiguous beginning of one of them."""
    if not only:
        return notebooks
    names = ", ".join(p.stem for p in notebooks)
    chosen: list[Path] = []
    for wanted in only:
        match = [p for p in notebooks if wanted in (p.stem, p.stem[:2], p.stem[3:])]
        if not match:
            match = [p for p in notebooks if p.stem.startswith(wanted) or p.stem[3:].startswith(wanted)]
            if len(match) > 1:
                raise ParameterError(f"--only {wanted!r} is ambiguous: it could be "
                                     f"{', '.join(p.stem for p in match)}; give one of {names}.")
        if not match:
            raise ParameterError(f"No notebook is named {wanted!r}: choose from {names}.")
        chosen.extend(m for m in match if m not in chosen)
    return [p for p in notebooks if p in chosen]


def applies(notebook: Path) -> dict[str, bool]:
    """The notebook's ``huzhou`` metadata: ``ledger`` and ``any_article`` (both True when absent)."""
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}).get(META_KEY, {})
    except (ValueError, AttributeError) as exc:
        raise ParameterError(unreadable(notebook, exc)) from None
    return {"ledger": bool(meta.get("ledger", True)), "any_article": bool(meta.get("any_article", True))}


def unreadable(notebook: Path, exc: Exception) -> str:
    """The sentence for a notebook file that is not a notebook."""
    return (f"{paths.relative_to_root(notebook)} is not a readable notebook ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}): restore it from git or fix its JSON.")


def inputs_stamp(notebooks: list[Path], params: dict[str, str]) -> list[tuple[str, int, int]]:
    """The stamp (``files.tree_stamp``) of everything a job's key hashes, taken before the keys are: when it
    differs after the kernels ran, an input was written during the run."""
    data = paths.data_dir(params["data_dir"])
    return tree_stamp(paths.PACKAGE_DIR, data, paths.article_path(data, params["article_path"]), *notebooks,
                      *(paths.ROOT / name for name in LOCK_FILES if (paths.ROOT / name).is_file()))


def skipped_for(notebooks: list[Path], params: dict[str, str], case: bool) -> tuple[list[Path], list[Path], str]:
    """Split ``notebooks`` into those that run and those skipped, with the reason for the skipped ones.

    Another article than the data folder's own has no ledger: only notebooks
    that need none run. A case (another article with its own ledger) runs the
    notebooks that apply to any article.
    """
    folder = paths.data_dir(params["data_dir"])
    own = paths.article_path(folder, params["article_path"]).resolve() == paths.article_path(folder).resolve()
    if not own:
        run = [n for n in notebooks if not applies(n)["ledger"]]
        why = "they need the ledger of the article they read, and the article given is not the data folder's own"
    elif case:
        run = [n for n in notebooks if applies(n)["any_article"]]
        why = "they analyse the sections of this project's own article, not any article of the genre"
    else:
        return notebooks, [], ""
    return run, [n for n in notebooks if n not in run], why


def reads_project_article(params: dict[str, str]) -> bool:
    """Whether a run reads this project's own article (the same bytes as ``data/raw/article_ocr.txt``):
    narrative about that article (cells tagged ``project-article``) is kept only then."""
    article = paths.article_path(paths.data_dir(params["data_dir"]), params["article_path"])
    own = paths.article_path(paths.DATA)
    return article.resolve() == own.resolve() or (article.is_file() and own.is_file()
                                                  and article.read_bytes() == own.read_bytes())


def shared_key(params: dict[str, str]) -> str:
    """Hash of what every notebook depends on: helpers, data, article, locked versions."""
    digest = hashlib.sha256()
    hash_tree(digest, paths.PACKAGE_DIR, (".py", ".otf", ".csv", ".j2", ".json", ".css"))
    data = paths.data_dir(params["data_dir"])
    hash_tree(digest, data)
    article = paths.article_path(data, params["article_path"])
    digest.update(article.read_bytes() if article.is_file() else b"")
    for name in LOCK_FILES:
        lock = paths.ROOT / name
        digest.update(lock.read_bytes() if lock.is_file() else b"")
    digest.update(sys.version.encode())
    return digest.hexdigest()


def job_key(notebook: Path, params: dict[str, str], shared: str) -> str:
    """The cache key of a run: the notebook, its parameters and what it reads (helpers, data, article)."""
    digest = hashlib.sha256(shared.encode())
    digest.update(notebook.read_bytes())
    digest.update(json.dumps(params, sort_keys=True).encode())
    return digest.hexdigest()[:20]


def as_passed(params: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The parameters a job passes to papermill: ``lang`` and those that differ from the defaults.

    Paths are passed relative to the project root when they lie inside it, so
    that executed notebooks carry no machine's absolute path. ``out_dir`` is
    never passed: the runner gives each run its own staging folder.
    """
    passed = []
    for key, value in params.items():
        if key == "out_dir" or (key != "lang" and value == DEFAULTS[key]):
            continue
        if key in ("data_dir", "article_path"):
            resolved = paths.resolve(value)
            try:
                value = resolved.relative_to(paths.ROOT).as_posix()
            except ValueError:
                value = os.fspath(resolved)
        passed.append((key, value))
    return tuple(passed)


def plan(notebooks: list[Path], langs: list[str], overrides: dict[str, str]) -> list[Job]:
    """One validated job per notebook and language."""
    jobs = []
    shared: dict[str, str] = {}
    for lang in langs:
        params = validate({**overrides, "lang": lang})
        shared_for = json.dumps({k: params[k] for k in ("data_dir", "article_path")})
        if shared_for not in shared:
            shared[shared_for] = shared_key(params)
        passed = as_passed(params)
        project_article = reads_project_article(params)  # one answer per language, not per notebook
        for notebook in notebooks:
            jobs.append(Job(notebook.stem, lang, notebook, passed, job_key(notebook, dict(passed), shared[shared_for]),
                            project_article=project_article))
    return jobs
