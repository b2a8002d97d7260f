"""Executing jobs: worker processes, kernels on the project's interpreter, and their clean-up.

Jobs run with papermill in spawned worker processes, each in a session of
its own (a terminal's Ctrl-C reaches only the runner, which stops them). The
kernelspec ``huzhou-tiangong`` is written under ``build/jupyter`` and put first
on ``JUPYTER_PATH``, so no other kernel registered on the machine is used.

A worker watches its parent: if the runner dies (even by ``kill -9``), the
worker stops its kernels and exits, so nothing is left running. A job writes
into a hidden folder beside its cache entry and renames it into place only
when the notebook ran to the end, with the SHA-256 of every file it holds
(``hashes.json``): an entry whose files no longer match (a garbled table, a
truncated notebook) is not used again but run afresh.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path

from .. import paths
from ..files import atomic_write, default_mode, os_fault, tree_digests
from .plan import Job

ENTRY_HASHES = "hashes.json"

KERNEL_NAME = paths.PROJECT
KERNEL_DISPLAY = "Python (Huzhou Tiangong)"
KERNEL_START_RETRIES = 3
START_RACES = ("address already in use", "kernel died before replying", "kernel didn't respond",
               "timeout waiting for kernel_info reply")
PARENT_POLL_SECONDS = 0.5


class RunError(RuntimeError):
    """A run that cannot start or a notebook that failed; the message says which."""


def kernel_env() -> dict[str, str]:
    """Environment whose first kernelspec ``huzhou-tiangong`` runs this interpreter."""
    folder = paths.BUILD / "jupyter"
    spec_dir = folder / "kernels" / KERNEL_NAME
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--log-level=CRITICAL"],
        "display_name": KERNEL_DISPLAY,
        "language": "python",
        "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }
    text = json.dumps(spec, indent=1, sort_keys=True)
    target = spec_dir / "kernel.json"
    if not target.is_file() or target.read_text() != text:
        atomic_write(target, text.encode())
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("JUPYTER_PATH")]))
    env["PYTHONHASHSEED"] = "0"
    env["SOURCE_DATE_EPOCH"] = "0"
    return env


def scrub(nb):
    """Drop run-specific metadata (times, absolute paths, random ids) from an executed notebook."""
    papermill = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": papermill.get("parameters", {})}
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
    return nb


LANG_TAG = "lang-"


def for_language(nb, lang: str):
    """The notebook with only ``lang``'s narrative: cells tagged ``lang-xx`` for another language dropped."""
    nb.cells = [c for c in nb.cells
                if not any(t.startswith(LANG_TAG) and t != LANG_TAG + lang for t in c.metadata.get("tags", []))]
    return nb


def seal(entry: Path) -> None:
    """Record the SHA-256 of every file of a cache entry in its ``hashes.json``."""
    atomic_write(entry / ENTRY_HASHES, json.dumps(tree_digests(entry), indent=1, sort_keys=True).encode())


def intact(entry: Path) -> bool:
    """Whether a cache entry exists and its files are exactly those its ``hashes.json`` records."""
    try:
        recorded = json.loads((entry / ENTRY_HASHES).read_text(encoding="utf-8"))
        found = tree_digests(entry)
    except (OSError, ValueError):
        return False
    found.pop(ENTRY_HASHES, None)
    return bool(recorded) and found == recorded


def cell_number(notebook: Path, executed: Path, index: int) -> tuple[int, int] | None:
    """Where the cell at ``index`` of an executed notebook lies in the notebook file, as a reader counts
    cells from the top in JupyterLab (1 for the first), and how many cells the file has; None when unknown.

    The executed copy differs from the file: papermill adds a cell of parameters (and notes on the error),
    and the other language's narrative is left out, so the cell is found by its id (or its source).
    """
    import nbformat

    try:
        ran = [c for c in nbformat.read(executed, as_version=4).cells  # without papermill's error notes
               if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
        failed = ran[index]
        cells = nbformat.read(notebook, as_version=4).cells
    except (OSError, ValueError, IndexError, KeyError):
        return None
    place = next((i for i, cell in enumerate(cells, 1) if failed.get("id") and cell.get("id") == failed["id"]),
                 None) or next((i for i, cell in enumerate(cells, 1) if cell.source == failed.source), None)
    return (place, len(cells)) if place else None


PROJECT_ARTICLE = "project-article"


def for_article(nb, project_article: bool):
    """The notebook without the narrative about this project's own article (cells tagged ``project-article``)
    when the run reads another article (a case, ``-p article_path``)."""
    if not project_article:
        nb.cells = [c for c in nb.cells if PROJECT_ARTICLE not in c.metadata.get("tags", [])]
    return nb


def _start_race(exc: Exception) -> bool:
    """A kernel start-up failure worth retrying (jupyter_client port races, slow starts)."""
    return any(words in str(exc).lower() for words in START_RACES)


def execute(job: Job) -> tuple[str, float]:
    """Run one job in this (worker) process into its cache entry (notebook and outputs)."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    print(f"  start    {job.label}", flush=True)
    start = time.monotonic()
    entry = job.cache_dir
    entry.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=entry.parent, prefix=f".{entry.name}-"))
    os.environ.update(kernel_env())
    os.environ[paths.OUT_ROOT_ENV] = str(work / "out")
    os.environ[paths.PUBLISHED_ROOT_ENV] = job.published_root
    source = nbformat.read(job.source, as_version=4)
    if job.one_language:
        source = for_language(source, job.lang)
    source = for_article(source, job.project_article)
    nbformat.write(source, work / "input.ipynb")
    try:
        for attempt in range(1, KERNEL_START_RETRIES + 1):
            try:
                papermill.execute_notebook(
                    str(work / "input.ipynb"), str(work / "notebook.ipynb"), parameters=dict(job.parameters),
                    kernel_name=KERNEL_NAME, cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
                    request_save_on_cell_execute=False,
                )
                break
            except PapermillExecutionError as exc:
                found = cell_number(job.source, work / "notebook.ipynb", exc.cell_index)
                where = (f"cell {found[0]} of {found[1]} (counting the file's cells from 1, as JupyterLab "
                         "shows them from the top)") if found else f"the cell run as [{exc.exec_count}]"
                raise RunError(f"{job.label}: notebooks/{job.source.name} failed in {where}: "
                               f"{exc.ename}: {exc.evalue}") from None
            except Exception as exc:  # kernel start-up races: ports taken, slow or dead start
                if attempt == KERNEL_START_RETRIES or not _start_race(exc):
                    raise RunError(f"{job.label}: the kernel could not start: "
                                   f"{type(exc).__name__}: {exc}") from None
                time.sleep(0.5 * attempt)
        nb = scrub(nbformat.read(work / "notebook.ipynb", as_version=4))
        atomic_write(work / "notebook.ipynb", nbformat.writes(nb).encode("utf-8"))
        (work / "input.ipynb").unlink()
        (work / "out" / job.lang).mkdir(parents=True, exist_ok=True)
        seal(work)
        os.chmod(work, default_mode(directory=True))
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(work, entry)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return job.label, time.monotonic() - start


def _watch_parent(parent: int) -> None:
    """In a worker: when the runner is gone (its pid is no longer our parent), stop our kernels and exit."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    stop_descendants()
    os._exit(1)


def _worker_init() -> None:
    os.setsid()  # a terminal's Ctrl-C reaches only the runner, which stops workers and kernels
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()


def stop_descendants(timeout: float = 2) -> None:
    """Terminate every process this one started (workers, kernels), then kill those still alive.

    multiprocessing's resource tracker is left alone: it ends by itself when this process does, and one
    stopped early is started again and prints a KeyError traceback for every semaphore it never saw.
    """
    import psutil

    descendants = [p for p in psutil.Process().children(recursive=True) if not _is_resource_tracker(p)]
    for process in descendants:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(descendants, timeout=timeout)
    for process in alive:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=timeout)


def _is_resource_tracker(process) -> bool:
    import psutil

    try:
        return "multiprocessing.resource_tracker" in " ".join(process.cmdline())
    except psutil.Error:
        return False


def run_jobs(jobs: list[Job], workers: int, say: Callable[[str], None]) -> list[str]:
    """Execute the jobs (none of them cached); return the failures' messages."""
    if not jobs:
        return []
    failures: list[str] = []
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))),
                               mp_context=get_context("spawn"), initializer=_worker_init)
    try:
        futures = {pool.submit(execute, job): job for job in jobs}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = futures[future]
                try:
                    label, seconds = future.result()
                    say(f"  done     {label} in {seconds:.1f} s")
                except RunError as exc:
                    failures.append(str(exc))
                    say(f"  FAILED   {exc}")
                except Exception as exc:  # a worker that died
                    failures.append(f"{job.label}: {type(exc).__name__}: {exc}")
                    say(f"  FAILED   {job.label}: {type(exc).__name__}: {exc}")
    except BaseException:
        stop_descendants()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return failures


class RunLock:
    """One run (or clean) at a time per project: ``build/.lock`` (refuses when held)."""

    def __init__(self, what: str = "run") -> None:
        self.path = paths.BUILD / ".lock"
        self.what = what
        self.handle = None

    def __enter__(self) -> RunLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "a+")
        except OSError as exc:
            raise RunError(f"The run cannot start: {os_fault(exc, self.path.parent)}.") from None
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise RunError(
                f"Another run is in progress on this project (pid {holder} holds build/.lock): "
                f"wait for it to finish, then {self.what} again."
            ) from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.handle is not None
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
