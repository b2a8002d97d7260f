"""The command line: ``python -m helpers run|list|clean|refresh``.

run      execute the notebooks with papermill and publish the HTML site
list     show each notebook and its parameters (papermill's inspection)
clean    remove build/
refresh  re-execute the committed notebooks in place with default parameters
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys

from .. import paths
from ..params import SCHEMA, ParameterError, validate
from .pipeline import RunError, run

EXIT_BAD_INPUT, EXIT_FAILED = 2, 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="execute the notebooks and publish the site")
    run_p.add_argument("--lang", default="zh,en", help="languages, comma-separated (default: zh,en)")
    run_p.add_argument("--only", action="append", default=[], metavar="NAME",
                       help="run only this notebook (02_industry, 02 or industry); repeatable")
    run_p.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                       metavar=("KEY", "VALUE"), help="a notebook parameter; repeatable")
    run_p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                       help="notebooks run at once (default: number of cores)")
    run_p.add_argument("--force", action="store_true", help="ignore the cache and run everything")
    run_p.add_argument("--no-site", action="store_true", help="execute and publish notebooks only")
    sub.add_parser("list", help="show each notebook and its parameters")
    sub.add_parser("clean", help="remove build/")
    sub.add_parser("refresh", help="re-execute the committed notebooks in place (default parameters)")
    return parser


def _overrides(pairs: list[list[str]]) -> tuple[list[str] | None, dict[str, str]]:
    """-p pairs as parameters; paths made absolute from the caller's folder; lang split off."""
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in ("data_dir", "article_path", "out_dir") and value:
            value = os.path.abspath(value)
        values[key] = value
    validate(values)
    lang = values.pop("lang", None)
    return ([lang] if lang else None), values


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def command_run(args: argparse.Namespace) -> int:
    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    for lang in langs:
        validate({"lang": lang})
    from_p, overrides = _overrides(args.parameter)
    langs = from_p or langs
    if args.jobs < 1:
        raise ParameterError(f"--jobs is {args.jobs}: give a whole number of at least 1.")
    run(langs, overrides, args.only, args.jobs, force=args.force, build_site=not args.no_site)
    return 0


def command_list() -> int:
    import papermill

    for notebook in paths.notebooks():
        print(f"{notebook.stem}  ({paths.relative_to_root(notebook)})")
        found = papermill.inspect_notebook(str(notebook))
        for name, info in found.items():
            allowed = SCHEMA[name].allowed if name in SCHEMA else ()
            extra = f"  allowed: {', '.join(allowed)}" if allowed else ""
            print(f"    {name} = {info['default']}  # {info['help']}{extra}")
    return 0


def command_clean() -> int:
    shutil.rmtree(paths.BUILD, ignore_errors=True)
    print(f"removed {paths.relative_to_root(paths.BUILD)}/")
    return 0


def command_refresh() -> int:
    from .pipeline import refresh_committed

    refresh_committed()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "list":
            return command_list()
        if args.command == "clean":
            return command_clean()
        return command_refresh()
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        from .pipeline import remove_partial_files

        remove_partial_files()
        print("interrupted: nothing was published; the last good outputs are unchanged.", file=sys.stderr)
        return 130
