"""The notebook parameter schema, shared by the notebooks and the runner.

Every notebook has the same papermill ``parameters`` cell (DESIGN.md); relative
paths are taken from the project root. The
runner validates values before any kernel starts; notebooks validate again
first thing, so a bad value always ends in one clear sentence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import paths


class ParameterError(ValueError):
    """A parameter name or value that is not allowed."""


@dataclass(frozen=True)
class Parameter:
    """One notebook parameter: name, default and the help shown by ``python -m helpers list``."""
    name: str
    default: str
    help: str
    allowed: tuple[str, ...] = ()


SCHEMA: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter("lang", "zh", "language of labels, tables and sentences", ("zh", "en")),
        Parameter("data_dir", "", '"" = the project\'s data/; else a folder with the same layout'),
        Parameter("article_path", "", '"" = <data_dir>/raw/article_ocr.txt; else a UTF-8 or GB18030 text file'),
        Parameter("out_dir", "", '"" = build/<lang>/; figures and tables go under it'),
        Parameter("fig_format", "png", "file format of saved figures", ("png", "svg")),
    )
}
DEFAULTS: dict[str, str] = {name: p.default for name, p in SCHEMA.items()}


def validate(values: dict[str, object]) -> dict[str, str]:
    """Check names and values; return the full parameter set (defaults filled in).

    Raises ParameterError with one sentence naming the bad parameter and what
    is allowed.
    """
    unknown = sorted(set(values) - set(SCHEMA))
    if unknown:
        raise ParameterError(
            f"Unknown parameter {unknown[0]!r}: allowed names are {', '.join(SCHEMA)}."
        )
    full = dict(DEFAULTS)
    for name, value in values.items():
        if not isinstance(value, (str, Path)):
            raise ParameterError(f"Parameter {name!r} must be text, got {value!r}.")
        full[name] = str(value)
    for name, spec in SCHEMA.items():
        if spec.allowed and full[name] not in spec.allowed:
            raise ParameterError(
                f"Parameter {name!r} has the value {full[name]!r}: allowed values are "
                + " or ".join(repr(a) for a in spec.allowed)
                + "."
            )
    if full["data_dir"] and not paths.resolve(full["data_dir"]).is_dir():
        raise ParameterError(
            f"Parameter 'data_dir' is {full['data_dir']!r}, which is not a folder: "
            "give an existing folder with the layout of data/, or \"\" for the project's own."
        )
    if full["data_dir"] and not paths.looks_like_data(paths.resolve(full["data_dir"])):
        raise ParameterError(
            f"Parameter 'data_dir' is {full['data_dir']!r}, which is not a data folder (it holds none of "
            f"{', '.join(paths.DATA_MARKERS)}): give a folder with the layout of data/, or \"\" for the project's own."
        )
    if full["article_path"] and not paths.resolve(full["article_path"]).is_file():
        raise ParameterError(
            f"Parameter 'article_path' is {full['article_path']!r}, which is not a file: "
            "give an existing text file, or \"\" for the data folder's raw/article_ocr.txt."
        )
    if full["out_dir"]:
        target = paths.resolve(full["out_dir"])
        inside = paths.protected(target)
        if inside is not None:
            where = "the project's folder itself" if inside == paths.ROOT else \
                f"inside the project's own {paths.relative_to_root(inside)}/"
            raise ParameterError(f"Parameter 'out_dir' is {full['out_dir']!r}, which is {where} (sources, data "
                                 "or the default report): give a folder outside them, such as build/mine or one "
                                 "outside the project.")
        if target.exists() and not target.is_dir():
            raise ParameterError(f"Parameter 'out_dir' is {full['out_dir']!r}, which is a file: "
                                 "give a folder (it is created when missing), or \"\" for build/<lang>/.")
        existing = next(p for p in (target, *target.parents) if p.exists())
        if not os.access(existing, os.W_OK):
            raise ParameterError(f"Parameter 'out_dir' is {full['out_dir']!r}, where nothing can be written "
                                 f"({existing} is not writable): give a writable folder.")
    return full
