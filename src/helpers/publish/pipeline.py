"""Run the notebooks with papermill and publish them.

One job per notebook and language, executed in worker processes on the
project's own interpreter (a kernelspec written under ``build/jupyter`` and put
first on ``JUPYTER_PATH``, so no other kernel registered on the machine is
used). Each job has a cache key: the notebook, its parameters, every file of
``src/helpers/``, every file of the data folder and the article, and the
locked dependency versions. A job whose key is cached is not run again.

Nothing is published until every job has succeeded: executed notebooks go to
the cache first (temporary name, then rename), then to
``build/<lang>/notebooks/``, then the site is built in a new folder and
swapped in. A failed or interrupted run leaves the last good outputs as they
were; the jobs that succeeded stay cached for the next run.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from .. import paths
from ..files import atomic_write, hash_tree
from ..params import DEFAULTS, ParameterError, validate
from . import site

KERNEL_NAME = "huzhou-tiangong"
KERNEL_DISPLAY = "Python (Huzhou Tiangong)"
LOCK_FILES = ("requirements.lock", "pyproject.toml")
KERNEL_START_RETRIES = 3


class RunError(RuntimeError):
    """A run that cannot start or a notebook that failed; the message says which."""


@dataclass(frozen=True)
class Job:
    name: str
    lang: str
    source: Path
    parameters: tuple[tuple[str, str], ...]
    key: str

    @property
    def label(self) -> str:
        return f"{self.name} [{self.lang}]"


def select(notebooks: list[Path], only: list[str]) -> list[Path]:
    """Notebooks named by ``--only`` (``02_industry``, ``02`` or ``industry``)."""
    if not only:
        return notebooks
    chosen = []
    for wanted in only:
        match = [p for p in notebooks if wanted in (p.stem, p.stem[:2], p.stem[3:])]
        if not match:
            names = ", ".join(p.stem for p in notebooks)
            raise ParameterError(f"No notebook is named {wanted!r}: choose from {names}.")
        chosen.extend(m for m in match if m not in chosen)
    return [p for p in notebooks if p in chosen]


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
        spec_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text.encode())
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("JUPYTER_PATH")]))
    env["PYTHONHASHSEED"] = "0"
    env["SOURCE_DATE_EPOCH"] = "0"
    return env


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
    digest = hashlib.sha256(shared.encode())
    digest.update(notebook.read_bytes())
    digest.update(json.dumps(params, sort_keys=True).encode())
    return digest.hexdigest()[:20]


def plan(notebooks: list[Path], langs: list[str], overrides: dict[str, str]) -> list[Job]:
    """One validated job per notebook and language."""
    jobs = []
    shared = {}
    for lang in langs:
        params = validate({**overrides, "lang": lang})
        shared_for = json.dumps({k: params[k] for k in ("data_dir", "article_path")})
        if shared_for not in shared:
            shared[shared_for] = shared_key(params)
        passed = tuple((k, v) for k, v in params.items() if k == "lang" or v != DEFAULTS[k])
        for notebook in notebooks:
            key = job_key(notebook, params, shared[shared_for])
            jobs.append(Job(notebook.stem, lang, notebook, passed, key))
    return jobs


def cache_path(job: Job) -> Path:
    return paths.CACHE / job.lang / f"{job.name}-{job.key}.ipynb"


def published_path(job: Job) -> Path:
    return paths.published_notebook(job.lang, job.name)


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


START_RACES = ("address already in use", "kernel died before replying", "kernel didn't respond",
               "timeout waiting for kernel_info reply")


def _start_race(exc: Exception) -> bool:
    """A kernel start-up failure worth retrying (jupyter_client port races, slow starts)."""
    return any(words in str(exc).lower() for words in START_RACES)


def execute(job: Job) -> tuple[str, float]:
    """Run one job in this (worker) process; write the scrubbed result to the cache."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.monotonic()
    os.environ.update(kernel_env())
    target = cache_path(job)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{job.name}.", suffix=".ipynb")
    os.close(handle)
    try:
        for attempt in range(1, KERNEL_START_RETRIES + 1):
            try:
                papermill.execute_notebook(
                    str(job.source), tmp, parameters=dict(job.parameters), kernel_name=KERNEL_NAME,
                    cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
                    request_save_on_cell_execute=False,
                )
                break
            except PapermillExecutionError as exc:
                raise RunError(
                    f"{job.label}: notebooks/{job.source.name} failed in cell {exc.cell_index} "
                    f"(execution count {exc.exec_count}): {exc.ename}: {exc.evalue}"
                ) from None
            except Exception as exc:  # kernel start-up races: ports taken, slow or dead start
                if attempt == KERNEL_START_RETRIES or not _start_race(exc):
                    raise RunError(f"{job.label}: the kernel could not start: "
                                   f"{type(exc).__name__}: {exc}") from None
                time.sleep(0.5 * attempt)
        nb = scrub(nbformat.read(tmp, as_version=4))
        atomic_write(target, nbformat.writes(nb).encode("utf-8"))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return job.label, time.monotonic() - start


class RunLock:
    """One run at a time per project: ``build/.lock`` (refuses when held)."""

    def __init__(self) -> None:
        self.path = paths.BUILD / ".lock"
        self.handle = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise RunError(
                f"Another run is in progress on this project (pid {holder} holds build/.lock): "
                "wait for it to finish, then run again."
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


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers and every kernel they started, and wait until all are gone.

    Kernels run in sessions of their own, so they are found as descendants of
    this process and signalled one by one: none may go on writing after the
    run has cleaned up.
    """
    import psutil

    descendants = psutil.Process().children(recursive=True)
    for process in descendants:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(descendants, timeout=5)
    for process in alive:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=5)
    pool.shutdown(wait=False, cancel_futures=True)


def _worker_init() -> None:
    os.setsid()  # a terminal's Ctrl-C reaches only the runner, which stops workers and kernels
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_jobs(jobs: list[Job], workers: int, say=print) -> list[str]:
    """Execute the jobs not in the cache; return the failures' messages."""
    todo = [j for j in jobs if not cache_path(j).is_file()]
    for job in jobs:
        if job not in todo:
            say(f"  cached   {job.label}")
    if not todo:
        return []
    failures: list[str] = []
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo))),
                               mp_context=get_context("spawn"), initializer=_worker_init)
    try:
        futures = {pool.submit(execute, job): job for job in todo}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                job = futures[future]
                try:
                    label, seconds = future.result()
                    say(f"  ran      {label} in {seconds:.1f} s")
                except RunError as exc:
                    failures.append(str(exc))
                    say(f"  FAILED   {exc}")
                except Exception as exc:  # a worker that died
                    failures.append(f"{job.label}: {type(exc).__name__}: {exc}")
                    say(f"  FAILED   {job.label}: {type(exc).__name__}: {exc}")
    except BaseException:
        _terminate_workers(pool)
        raise
    pool.shutdown(wait=True)
    return failures


def publish(jobs: list[Job]) -> None:
    """Copy every job's cached notebook to ``build/<lang>/notebooks/`` (atomically)."""
    for job in jobs:
        data = cache_path(job).read_bytes()
        target = published_path(job)
        if not target.is_file() or target.read_bytes() != data:
            atomic_write(target, data)


def prune_cache(jobs: list[Job]) -> None:
    """Keep at most the current and one older cache entry per notebook and language."""
    for job in jobs:
        entries = sorted(cache_path(job).parent.glob(f"{job.name}-*.ipynb"),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in [e for e in entries if e != cache_path(job)][1:]:
            old.unlink(missing_ok=True)


def run(langs: list[str], overrides: dict[str, str], only: list[str], workers: int,
        force: bool = False, build_site: bool = True, say=print) -> None:
    """Validate, execute what changed, publish, build the site. Raises RunError."""
    jobs = plan(select(paths.notebooks(), only), langs, overrides)
    with RunLock():
        if force:
            for job in jobs:
                cache_path(job).unlink(missing_ok=True)
        say(f"{len(jobs)} notebook runs ({', '.join(langs)}), up to {workers} at a time")
        failures = run_jobs(jobs, workers, say)
        if failures:
            raise RunError(
                f"{len(failures)} notebook run(s) failed; nothing was published and the last "
                "good outputs are unchanged:\n  " + "\n  ".join(failures)
            )
        publish(jobs)
        prune_cache(jobs)
        if build_site:
            index = site.build(force=force)
            say(f"site: {paths.relative_to_root(index)}")


def remove_partial_files() -> None:
    """Remove temporary files and half-built sites that an interrupted run left in build/."""
    if not paths.BUILD.is_dir():
        return
    for path in sorted(paths.BUILD.rglob(".*"), reverse=True):
        if path.name in (".lock", ".site-key"):
            continue
        if path.is_dir() and path.name.startswith((".site-new-", ".site-old-")):
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file() and path.name.startswith("."):
            path.unlink(missing_ok=True)


def refresh_committed(workers: int = os.cpu_count() or 1, say=print) -> None:
    """Re-execute ``notebooks/*.ipynb`` in place with default parameters (for nbval)."""
    import nbformat

    with RunLock():
        jobs = plan(paths.notebooks(), ["zh"], {})
        jobs = [Job(j.name, j.lang, j.source, (), j.key + "-committed") for j in jobs]
        failures = run_jobs(jobs, workers, say)
        if failures:
            raise RunError("refresh failed; the committed notebooks are unchanged:\n  " + "\n  ".join(failures))
        for job in jobs:
            nb = nbformat.read(cache_path(job), as_version=4)
            nb.metadata.pop("papermill", None)
            atomic_write(job.source, nbformat.writes(nb).encode("utf-8"))
            cache_path(job).unlink(missing_ok=True)
            say(f"  refreshed notebooks/{job.source.name}")
