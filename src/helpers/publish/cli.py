"""The command line: ``python -m helpers run|new-case|compare|list|clean|refresh|lab|datapackage``.

run          execute the notebooks with papermill and publish them with the HTML site
list         show each notebook and its parameters (papermill's inspection)
clean        remove build/ (refused while a run holds build/.lock)
refresh      re-execute the committed notebooks in place with default parameters
lab          JupyterLab on a scratch copy of the notebooks (``publish.scratch``)
new-case     draft cases/NAME/ from another article of the genre (``helpers.cases``)
compare      cases side by side: build/compare/, in both languages (``helpers.compare_site``)
datapackage  regenerate helpers/schemas/*.json and data/datapackage.json from helpers.registry

Every line of progress is printed (and flushed) when it happens, so a log
written to a pipe or a file follows the run. A bad input ends in one
sentence and exit code 2; a failed run in exit code 1; an interrupted one in 130
(an interrupt that arrives once the outputs are being swapped in is noted,
and the run completes with 0).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import shutil
import signal
import sys

from .. import paths
from ..files import os_fault
from ..params import SCHEMA, ParameterError, validate
from .pipeline import RunError, run
from .plan import unreadable
from .workers import RunLock

EXIT_BAD_INPUT, EXIT_FAILED, EXIT_INTERRUPTED = 2, 1, 130
say = functools.partial(print, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="execute the notebooks and publish the site")
    run_p.add_argument("--lang", default=None, help="languages, comma-separated (default: zh,en)")
    run_p.add_argument("--only", action="append", default=[], metavar="NAME",
                       help="run only this notebook (02_industry, 02 or industry); repeatable")
    run_p.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                       metavar=("KEY", "VALUE"), help="a notebook parameter; repeatable")
    run_p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                       help="notebooks run at once (default: number of cores; never more than the runs)")
    run_p.add_argument("--force", action="store_true", help="ignore the cache and run everything")
    run_p.add_argument("--no-site", action="store_true", help="execute and publish notebooks only")
    run_p.add_argument("--case", metavar="NAME", help="run on cases/NAME/ (00_source and 05_scorecard); "
                       "publishes under build/cases/NAME/")
    case_p = sub.add_parser("new-case", help="draft cases/NAME/ from another article of the genre")
    case_p.add_argument("name")
    case_p.add_argument("article", nargs="?", help="the article's text file (optional with --update)")
    case_p.add_argument("--date", help="the article's publication date, YYYY-MM-DD (去年 and 今年 resolve from it)")
    again = case_p.add_mutually_exclusive_group()
    again.add_argument("--force", action="store_true", help="replace an existing case")
    again.add_argument("--update", action="store_true", help="draft again, keeping the rows marked checked")
    compare_p = sub.add_parser("compare", help="cases side by side: publishes build/compare/")
    compare_p.add_argument("cases", nargs="*", metavar="CASE", help="case names (default: every case in cases/)")
    sub.add_parser("list", help="show each notebook and its parameters")
    sub.add_parser("clean", help="remove build/")
    sub.add_parser("refresh", help="re-execute the committed notebooks in place (default parameters)")
    lab_p = sub.add_parser("lab", help="JupyterLab on a scratch copy of the notebooks (build/scratch/)")
    lab_p.add_argument("--reset", action="store_true", help="copy every notebook afresh into the scratch folder")
    lab_p.add_argument("jupyter", nargs=argparse.REMAINDER, help="after --: options for jupyter lab")
    sub.add_parser("datapackage", help="regenerate helpers/schemas/*.json and data/datapackage.json from helpers.registry")
    return parser


def _overrides(pairs: list[list[str]]) -> dict[str, str]:
    """-p pairs as parameters, paths made absolute from the caller's folder (``~`` is the user's home, as a
    shell would expand it), validated."""
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in ("data_dir", "article_path", "out_dir") and value:
            value = os.path.abspath(os.path.expanduser(value))
        values[key] = value
    validate(values)
    return values


def languages(option: str | None, overrides: dict[str, str]) -> list[str]:
    """The run's languages from ``--lang`` and ``-p lang`` (which must agree), each once, validated."""
    from_p = overrides.pop("lang", None)
    if option is not None and from_p is not None and option.split(",") != [from_p]:
        raise ParameterError(f"--lang {option} and -p lang {from_p} disagree: give the languages once, with --lang.")
    langs = list(dict.fromkeys(x.strip() for x in (option or from_p or "zh,en").split(",") if x.strip()))
    for lang in langs:
        validate({"lang": lang})
    return langs


def layout_for(overrides: dict[str, str]) -> paths.Layout:
    """Where the run publishes: ``-p out_dir`` when given; ``build/runs/<article>-<hash>/`` for another data
    folder or article; else the default report under ``build/``."""
    if overrides.get("out_dir"):
        return paths.Layout(paths.resolve(overrides.pop("out_dir")))
    overrides.pop("out_dir", None)
    moved = {k: overrides[k] for k in ("data_dir", "article_path") if overrides.get(k)}
    if not moved:
        return paths.DEFAULT_LAYOUT
    name = os.path.splitext(os.path.basename(moved.get("article_path") or moved["data_dir"].rstrip("/")))[0]
    digest = hashlib.sha256(json.dumps(moved, sort_keys=True).encode()).hexdigest()[:8]
    slug = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)[:40] or "run"
    return paths.Layout(paths.BUILD / "runs" / f"{slug}-{digest}")


def writable(layout: paths.Layout) -> paths.Layout:
    """``layout``, once its root is made and a file could be written there; ParameterError otherwise, before
    any kernel starts (a read-only or immutable build/; a folder of /proc or /sys passes the permission bits
    and still refuses files)."""
    import tempfile

    try:
        layout.root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=layout.root):
            pass
    except OSError as exc:
        raise ParameterError(f"{paths.relative_to_root(layout.root)}/ cannot be written, so the run cannot publish "
                             f"there ({(exc.strerror or type(exc).__name__).lower()}): make it writable (chmod u+w, "
                             "chattr -i) or give another folder with -p out_dir.") from None
    return layout


def case_overrides(name: str, overrides: dict[str, str]) -> paths.Layout:
    """``--case NAME``: the case's folder as the data folder; the layout ``build/cases/NAME/``."""
    try:
        folder = paths.existing_case(name)
    except ValueError as exc:
        raise ParameterError(str(exc)) from None
    for key in ("data_dir", "article_path", "out_dir"):
        if overrides.get(key):
            raise ParameterError(f"--case {name} and -p {key} conflict: a case brings its own data, article "
                                 "and output folder.")
    overrides["data_dir"] = str(folder)
    return paths.Layout(paths.BUILD / "cases" / name)


def command_run(args: argparse.Namespace) -> int:
    """``run``: execute what changed and publish under the run's layout."""
    overrides = _overrides(args.parameter)
    langs = languages(args.lang, overrides)
    if args.jobs < 1:
        raise ParameterError(f"--jobs is {args.jobs}: give a whole number of at least 1.")
    layout = writable(case_overrides(args.case, overrides) if args.case else layout_for(overrides))
    run(langs, overrides, args.only, args.jobs, force=args.force, build_site=not args.no_site,
        layout=layout, case=bool(args.case), say=say)
    return 0


def in_own_process(module: str, arguments: list[str]) -> int:
    """``python -m helpers.MODULE ARGUMENTS`` in its own process (the publishing wing does not import the
    analysis); its exit code."""
    import subprocess

    return subprocess.call([sys.executable, "-m", f"helpers.{module}", *arguments], env=dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(paths.PACKAGE_DIR.parent),
                                                              os.environ.get("PYTHONPATH")]))))


def command_new_case(args: argparse.Namespace) -> int:
    """``new-case``: draft a case (``helpers.cases``, in its own process) under the run lock, so a run never
    reads a case half replaced. The options are parsed here only and handed over as one JSON object."""
    import json

    request = {"name": args.name, "article": args.article, "date": args.date, "force": args.force,
               "update": args.update}
    with RunLock("make the case"):  # never while a run reads the case (or any data folder)
        return in_own_process("cases", [json.dumps(request, ensure_ascii=False)])


def command_list() -> int:
    """``list``: each notebook and its parameters."""
    import papermill

    faults = []
    for notebook in paths.notebooks():
        try:
            found = papermill.inspect_notebook(str(notebook))
        except Exception as exc:  # nbformat's and json's errors for a file that is not a notebook
            faults.append(unreadable(notebook, exc))
            continue
        say(f"{notebook.stem}  ({paths.relative_to_root(notebook)})")
        for name, info in found.items():
            allowed = SCHEMA[name].allowed if name in SCHEMA else ()
            extra = f"  allowed: {', '.join(allowed)}" if allowed else ""
            say(f"    {name} = {info['default']}  # {info['help']}{extra}")
    if faults:
        raise ParameterError(" ".join(faults))
    return 0


def command_clean() -> int:
    """``clean``: remove build/ under the run lock."""
    if paths.BUILD.is_dir():
        with RunLock("clean"):
            for child in sorted(paths.BUILD.iterdir()):
                if child.name == ".lock":
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        (paths.BUILD / ".lock").unlink(missing_ok=True)
    say(f"removed {paths.relative_to_root(paths.BUILD)}/")
    return 0


def command_refresh() -> int:
    """``refresh``: re-execute the committed notebooks in place."""
    from .pipeline import refresh_committed

    refresh_committed(say=say)
    return 0


def command_lab(args: argparse.Namespace) -> int:
    """``lab``: JupyterLab on the scratch copy of the notebooks."""
    import subprocess

    from . import scratch

    made = scratch.prepare(args.reset)
    say(f"scratch copy: {paths.relative_to_root(scratch.SCRATCH / 'notebooks')}/ ({len(made)} notebook(s) copied); "
        f"outputs go to {paths.relative_to_root(scratch.SCRATCH / 'out')}/")
    argv, env = scratch.lab_command([a for a in args.jupyter if a != "--"])
    try:
        return subprocess.call(argv, env=env)
    except KeyboardInterrupt:  # Ctrl-C or a terminate signal: JupyterLab is stopped with it
        say("JupyterLab stopped; the scratch copy is kept in build/scratch/.")
        return 0


def command_datapackage() -> int:
    """``datapackage``: regenerate the Table Schemas and data/datapackage.json from the registry."""
    from .. import datapackage
    from ..meta import read_meta

    schemas = datapackage.write_schemas()
    written = datapackage.write(paths.DATA, read_meta(paths.DATA)["title"])
    say(f"wrote {len(schemas)} schemas in {paths.relative_to_root(datapackage.SCHEMAS)}/ and "
        f"{paths.relative_to_root(written)}")
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0, 1 failed, 2 bad input, 130 interrupted)."""
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background, which
    # inherits SIGINT ignored: an interrupt always stops the workers and kernels and publishes nothing
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "list":
            return command_list()
        if args.command == "clean":
            return command_clean()
        if args.command == "datapackage":
            return command_datapackage()
        if args.command == "lab":
            return command_lab(args)
        if args.command == "new-case":
            return command_new_case(args)
        if args.command == "compare":
            return in_own_process("compare_site", args.cases)
        return command_refresh()
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:  # a folder that cannot be written (read-only, immutable, full) outside publishing
        print(f"error: {os_fault(exc)}.", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        from .stage import remove_partial_files

        remove_partial_files()
        print("interrupted: nothing was published; the last good outputs are unchanged.", file=sys.stderr)
        return EXIT_INTERRUPTED
