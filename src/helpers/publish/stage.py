"""Publishing a run all at once: assemble everything in a staging folder, then swap it in.

A run's outputs (per language: executed notebooks, figures, tables, exports;
and the site) are assembled in ``<root>/.publish-XXXX/`` from the jobs' cache
entries on top of what was published before. Then each folder is swapped in
with two renames; if any swap fails, the ones already made are undone, so a
reader sees the last good outputs or the new ones, never a mix. Each
language folder records the cache keys it was made from (``.keys.json``),
so a run whose every job is already published does nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import paths
from ..files import default_mode
from .plan import Job

KEYS_FILE = ".keys.json"
STAGING_PREFIX = ".publish-"


def published_keys(layout: paths.Layout, lang: str) -> dict[str, str]:
    """The cache keys of what ``root`` holds now (from its ``.keys.json``)."""
    path = layout.lang_dir(lang) / KEYS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def up_to_date(jobs: list[Job], layout: paths.Layout) -> bool:
    """Whether every job's outputs are already the published ones."""
    return all(published_keys(layout, job.lang).get(job.name) == job.key for job in jobs)


def _copy_into(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def assemble(jobs: list[Job], layout: paths.Layout, staging: Path) -> list[str]:
    """Build ``staging/<lang>/`` for every language of ``jobs``: the published folder, with each job's
    notebook and outputs laid over it. Returns the languages."""
    langs = list(dict.fromkeys(job.lang for job in jobs))
    for lang in langs:
        target = staging / lang
        if layout.lang_dir(lang).is_dir():
            shutil.copytree(layout.lang_dir(lang), target, symlinks=True)
        target.mkdir(parents=True, exist_ok=True)
        keys = published_keys(layout, lang)
        for job in (j for j in jobs if j.lang == lang):
            _copy_into(job.cache_dir / "out" / lang, target)
            notebook = target / "notebooks" / f"{job.name}.ipynb"
            notebook.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(job.cache_dir / "notebook.ipynb", notebook)
            keys[job.name] = job.key
        (target / KEYS_FILE).write_text(json.dumps(keys, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return langs


def swap_in(staging: Path, root: Path, names: list[str], rename: Callable[[Path, Path], None] = os.replace) -> None:
    """Replace ``root/<name>`` by ``staging/<name>`` for every name; undo every swap if one fails."""
    done: list[tuple[str, bool]] = []
    try:
        for name in names:
            had_old = (root / name).exists()
            if had_old:
                rename(root / name, staging / f".old-{name}")
            try:
                rename(staging / name, root / name)
            except BaseException:
                if had_old:
                    os.replace(staging / f".old-{name}", root / name)
                raise
            done.append((name, had_old))
    except BaseException:
        for name, had_old in reversed(done):
            os.replace(root / name, staging / name)
            if had_old:
                os.replace(staging / f".old-{name}", root / name)
        raise


def new_staging(layout: paths.Layout) -> Path:
    """A new, empty staging folder next to the layout's root."""
    layout.root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=layout.root, prefix=STAGING_PREFIX))
    os.chmod(staging, default_mode(directory=True))
    return staging


def prune_cache(jobs: list[Job]) -> None:
    """Keep at most the current and one older cache entry per notebook and language."""
    for job in jobs:
        entries = sorted((p for p in job.cache_dir.parent.glob(f"{job.name}-*") if p.is_dir()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in [e for e in entries if e != job.cache_dir][1:]:
            shutil.rmtree(old, ignore_errors=True)


def remove_partial_files(root: Path = paths.BUILD) -> None:
    """Remove the staging folders, half-written cache entries and temporary files a stopped run left."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob(".*"), reverse=True):
        if path.name in (".lock", ".site-key", KEYS_FILE):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink(missing_ok=True)
