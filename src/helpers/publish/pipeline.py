"""A run from start to end: plan, check the inputs, execute what changed, publish it all at once.

1. ``plan``: one job per notebook and language; notebooks that do not apply
   to the article given are skipped with one line saying why.
2. Jobs whose cache entry exists are not run again. Before any kernel starts,
   the data folder and the article are checked in a separate process
   (``helpers.preflight``): a fault ends the run with one sentence.
3. The remaining jobs run in worker processes (``workers``); each writes its
   notebook and outputs into its own cache entry.
4. When every job succeeded, everything is assembled in a staging folder and
   swapped in (``stage``): executed notebooks, figures, tables, exports and
   the site. A failed, interrupted or killed run leaves the last good outputs
   as they were; the jobs that succeeded stay cached for the next run.

The cache is honest: a cache entry is used only when its files still match
the hashes recorded when it was stored, and the inputs are stamped (size and
modification time of every file the keys hash) before the keys are taken;
when an input was written while the kernels ran, the run caches and
publishes nothing. An interrupt that arrives once the swap has begun is
noted and the run completes (exit 0).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace

from .. import paths
from ..files import DataError, atomic_write, os_fault, refuse_links_out
from ..params import ParameterError, validate
from . import search, site, stage
from .plan import Job, inputs_stamp, plan, select, skipped_for
from .workers import RunError, RunLock, intact, kernel_env, run_jobs

LANGS = site.LANGS


def preflight(params: dict[str, str], case: bool, say: Callable[[str], None] = print) -> None:
    """Check the data folder and the article in a separate process, before any kernel; ParameterError says
    why; its warnings (suspicious inputs that are allowed) are passed on, one line each."""
    command = [sys.executable, "-m", "helpers.preflight", "--data-dir", str(paths.data_dir(params["data_dir"])),
               "--article", str(paths.article_path(paths.data_dir(params["data_dir"]), params["article_path"]))]
    if case:
        command.append("--case")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(paths.PACKAGE_DIR.parent),
                                                                       os.environ.get("PYTHONPATH")])))
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    for line in result.stderr.splitlines():
        if line.startswith("warning: "):
            say(line)
    if result.returncode:
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "the inputs could not be checked"
        raise ParameterError(message.removeprefix("error: "))


def run(langs: list[str], overrides: dict[str, str], only: list[str], workers: int, force: bool = False,
        build_site: bool = True, layout: paths.Layout = paths.DEFAULT_LAYOUT, case: bool = False,
        say: Callable[[str], None] = print) -> None:
    """Plan, check, execute what changed, publish under ``layout``. Raises RunError or ParameterError."""
    params = validate({**overrides, "lang": langs[0]})
    try:  # before anything is hashed or read: a link out of the data folder is refused, naming it
        refuse_links_out(paths.data_dir(params["data_dir"]))
    except DataError as exc:
        raise ParameterError(str(exc)) from None
    notebooks, skipped, why = skipped_for(select(paths.notebooks(), only), params, case)
    if skipped:
        say(f"skipped  {', '.join(n.stem for n in skipped)}: {why}")
    if not notebooks:
        raise ParameterError("No notebook applies to this run: " + why + ".")
    try:
        stage.check_owned(layout, [*langs, *(["site"] if build_site else [])])
    except stage.NotOwned as exc:
        raise ParameterError(str(exc)) from None
    late = stage.LateInterrupts()
    try:
        with RunLock():
            stamp = inputs_stamp(notebooks, params)
            # The layout follows from the parameters (and the case), which the cache key holds already.
            jobs = [replace(j, published_root=str(layout.root)) for j in plan(notebooks, langs, overrides)]
            ran = execute(jobs, langs, params, case, workers, force, say)
            if inputs_stamp(notebooks, params) != stamp:
                for job in ran:
                    shutil.rmtree(job.cache_dir, ignore_errors=True)
                raise RunError("An input (the data folder, the article, a notebook or src/helpers/) was written "
                               "while the notebooks ran, so what they read is uncertain: nothing was cached or "
                               "published and the last good outputs are unchanged; run again.")
            publish(jobs, layout, paths.data_dir(params["data_dir"]), build_site, force, say, late)
            stage.prune_cache(jobs)
    finally:
        interrupted = late.stop()
    if interrupted:
        say("an interrupt arrived after the outputs were published: the run had completed, so it stands")


def execute(jobs: list[Job], langs: list[str], params: dict[str, str], case: bool, workers: int, force: bool,
            say: Callable[[str], None]) -> list[Job]:
    """Run the jobs that have no intact cache entry (all with ``force``) and return them; RunError when any
    failed."""
    todo = [j for j in jobs if force or not intact(j.cache_dir)]
    for job in todo:
        if not force and job.cache_dir.exists():
            say(f"  damaged  {job.label}: its cache entry no longer matches the hashes stored with it; running it again")
        shutil.rmtree(job.cache_dir, ignore_errors=True)
    for job in jobs:
        if job not in todo:
            say(f"  cached   {job.label}")
    if todo:
        preflight(params, case, say)
        count = max(1, min(workers, len(todo)))
        say(f"{len(todo)} notebook run(s) ({', '.join(langs)}), {count} at a time"
            + (f" (--jobs {workers} capped at the number of runs)" if workers > len(todo) else ""))
    failures = run_jobs(todo, workers, say)
    if failures:
        raise RunError(f"{len(failures)} notebook run(s) failed; nothing was published and the last "
                       "good outputs are unchanged:\n  " + "\n  ".join(failures))
    return todo


def publish(jobs: list[Job], layout: paths.Layout, data: os.PathLike, build_site: bool, force: bool,
            say: Callable[[str], None], late: stage.LateInterrupts | None = None) -> None:
    """Assemble the jobs' outputs (and the site) in a staging folder and swap them in at once; from the swap
    on, interrupts go to ``late``."""
    published = {lang: layout.lang_dir(lang) for lang in LANGS if layout.lang_dir(lang).is_dir()}
    if not force and stage.up_to_date(jobs, layout) and \
            (not build_site or site.current(site.Inputs(published, paths.Path(data)), layout.site)):
        say(f"nothing changed: {paths.relative_to_root(layout.root)}/ is current")
        return
    staging = None
    try:
        staging = stage.new_staging(layout)
        names = stage.assemble(jobs, layout, staging)
        if build_site:
            sources = {**published, **{lang: staging / lang for lang in names}}
            site.build(site.Inputs(sources, paths.Path(data)), staging / "site", force)
            names.append("site")
        stage.check_owned(layout, names)
        if late is not None:
            late.start()
        stage.swap_in(staging, layout.root, names)
    except OSError as exc:
        raise RunError(f"Publishing failed: {os_fault(exc, layout.root)}; nothing was published and the last "
                       "good outputs are unchanged.") from None
    except (search.SearchError, stage.NotOwned) as exc:
        raise RunError(f"Publishing failed: {exc}; nothing was published and the last good outputs are "
                       "unchanged.") from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    say(f"published {paths.relative_to_root(layout.root)}/"
        + (f"; site: {paths.relative_to_root(layout.site / 'index.html')}" if build_site else ""))


def refresh_committed(workers: int = os.cpu_count() or 1, say: Callable[[str], None] = print) -> None:
    """Re-execute ``notebooks/*.ipynb`` in place with default parameters (for nbval)."""
    import nbformat

    with RunLock():
        jobs = plan(paths.notebooks(), ["zh"], {})
        jobs = [Job(j.name, j.lang, j.source, (), j.key + "-committed", one_language=False,
                    published_root=str(paths.DEFAULT_LAYOUT.root)) for j in jobs]
        for job in jobs:
            shutil.rmtree(job.cache_dir, ignore_errors=True)
        preflight(validate({"lang": "zh"}), False)
        failures = run_jobs(jobs, workers, say)
        if failures:
            raise RunError("refresh failed; the committed notebooks are unchanged:\n  " + "\n  ".join(failures))
        for job in jobs:
            nb = nbformat.read(job.cache_dir / "notebook.ipynb", as_version=4)
            nb.metadata.pop("papermill", None)
            atomic_write(job.source, nbformat.writes(nb).encode("utf-8"))
            shutil.rmtree(job.cache_dir, ignore_errors=True)
            say(f"  refreshed notebooks/{job.source.name}")


__all__ = ["RunError", "kernel_env", "publish", "refresh_committed", "run"]
