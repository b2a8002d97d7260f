"""Publishing a run all at once: assemble everything in a staging folder, then swap it in.

A run's outputs (per language: executed notebooks, figures, tables, exports;
and the site) are assembled in ``<root>/.publish-XXXX/`` from the jobs' cache
entries on top of what was published before. Then each folder is swapped in
with two renames; if any swap fails, the ones already made are undone, so a
reader sees the last good outputs or the new ones, never a mix. Each
language folder records the cache keys it was made from (``.keys.json``),
so a run whose every job is already published does nothing, and the files
each notebook put there (``.files.json``), so a notebook run again takes its
old files away (no stale ``.svg`` beside a new ``.png``).

A run replaces only folders it wrote: each one it swaps in carries
``.published-by-helpers``. Outside ``build/`` (the runner's own), an existing
folder without it (a user's ``DIR/site/``) is never replaced: the run is
refused with one sentence.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .. import paths
from ..files import default_mode
from .plan import Job

KEYS_FILE = ".keys.json"
FILES_FILE = ".files.json"
OWNER_FILE = ".published-by-helpers"
OWNER_TEXT = "Written by python -m helpers run: the next run replaces this folder whole.\n"
STAGING_PREFIX = ".publish-"


class NotOwned(RuntimeError):
    """An existing folder a run would replace that no run wrote."""


def check_owned(layout: paths.Layout, names: list[str]) -> None:
    """NotOwned (one sentence) when ``layout`` holds a folder among ``names`` that no run wrote.

    Folders under ``build/`` are the runner's own (older runs wrote them before the mark existed).
    """
    root, build = layout.root.resolve(), paths.BUILD.resolve()
    if root == build or build in root.parents:
        return
    for name in names:
        folder = layout.root / name
        if (folder.exists() or folder.is_symlink()) and not (folder / OWNER_FILE).is_file():
            raise NotOwned(f"{folder}/ exists and was not written by a run (it has no {OWNER_FILE}): a run "
                           "replaces only folders it wrote, so move it away or choose another out_dir.")


def published_keys(layout: paths.Layout, lang: str) -> dict[str, str]:
    """The cache keys of what ``root`` holds now (from its ``.keys.json``)."""
    return _read_json(layout.lang_dir(lang) / KEYS_FILE)


def up_to_date(jobs: list[Job], layout: paths.Layout) -> bool:
    """Whether every job's outputs are already the published ones."""
    return all(published_keys(layout, job.lang).get(job.name) == job.key for job in jobs)


def _copy_into(source: Path, target: Path) -> list[str]:
    """Copy the files under ``source`` into ``target``; returns their paths relative to both."""
    copied = []
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            copied.append(path.relative_to(source).as_posix())
    return copied


def _remove_files(target: Path, names: set[str]) -> None:
    """Remove ``names`` (relative to ``target``), then the folders they leave empty."""
    for name in sorted(names):
        (target / name).unlink(missing_ok=True)
    for folder in sorted({(target / n).parent for n in names}, key=lambda p: len(p.parts), reverse=True):
        while folder != target and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def assemble(jobs: list[Job], layout: paths.Layout, staging: Path) -> list[str]:
    """Build ``staging/<lang>/`` for every language of ``jobs``: the published folder, each job's old files
    taken away and its new notebook and outputs put in. Returns the languages."""
    langs = list(dict.fromkeys(job.lang for job in jobs))
    for lang in langs:
        target = staging / lang
        if layout.lang_dir(lang).is_dir():
            shutil.copytree(layout.lang_dir(lang), target, symlinks=True)
        target.mkdir(parents=True, exist_ok=True)
        keys = published_keys(layout, lang)
        owners = _read_json(target / FILES_FILE)
        for job in (j for j in jobs if j.lang == lang):
            kept = {name for other, names in owners.items() if other != job.name for name in names}
            _remove_files(target, set(owners.get(job.name, [])) - kept)
            files = _copy_into(job.cache_dir / "out" / lang, target)
            notebook = target / "notebooks" / f"{job.name}.ipynb"
            notebook.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(job.cache_dir / "notebook.ipynb", notebook)
            keys[job.name] = job.key
            owners[job.name] = sorted([*files, f"notebooks/{job.name}.ipynb"])
        for name, data in ((KEYS_FILE, keys), (FILES_FILE, owners)):
            (target / name).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return langs


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def swap_in(staging: Path, root: Path, names: list[str], rename: Callable[[Path, Path], None] = os.replace) -> None:
    """Replace ``root/<name>`` by ``staging/<name>`` (marked as written by a run) for every name; undo every
    swap if one fails."""
    for name in names:
        (staging / name / OWNER_FILE).write_text(OWNER_TEXT, encoding="utf-8")
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
        if path.name in (".lock", ".site-key", KEYS_FILE, FILES_FILE, OWNER_FILE):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink(missing_ok=True)


class LateInterrupts:
    """Ctrl-C and SIGTERM from the moment the outputs are swapped in: noted, not acted on.

    Once a run starts swapping in, it publishes: an interrupt then would
    otherwise report "nothing was published" about a run that did publish.
    ``stop`` restores the handlers and says whether an interrupt came.
    """

    def __init__(self) -> None:
        self.caught: list[int] = []
        self.previous: dict[int, object] = {}

    def start(self) -> None:
        if self.previous or threading.current_thread() is not threading.main_thread():
            return
        for signum in (signal.SIGINT, signal.SIGTERM):
            self.previous[signum] = signal.signal(signum, self._note)

    def _note(self, signum: int, frame: object) -> None:
        self.caught.append(signum)

    def stop(self) -> bool:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
        self.previous = {}
        return bool(self.caught)
