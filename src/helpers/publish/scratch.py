"""The scratch copy for exploring in JupyterLab: ``python -m helpers lab`` (``make lab``).

JupyterLab opens ``build/scratch/`` (git-ignored), which holds a working copy
of every notebook (``build/scratch/notebooks/``, made when missing; ``--reset``
makes them again from ``notebooks/``). Kernels started there write their
figures, tables and exports to ``build/scratch/out/<lang>/``. So exploring
(new cells, another ``lang``, autosave) never changes the committed
notebooks, which only ``python -m helpers refresh`` rewrites, nor the
published report in ``build/<lang>/`` and ``build/site/``, which only
``python -m helpers run`` replaces.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .. import paths
from .workers import kernel_env

SCRATCH = paths.BUILD / "scratch"


def prepare(reset: bool = False) -> list[Path]:
    """Copy the notebooks into ``build/scratch/notebooks/`` (those missing, or all with ``reset``);
    returns the copies made."""
    folder = SCRATCH / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for notebook in paths.notebooks():
        target = folder / notebook.name
        if reset or not target.is_file():
            shutil.copyfile(notebook, target)
            made.append(target)
    return made


def lab_command(extra: list[str]) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment for the scratch copy: the project's kernel first,
    outputs to ``build/scratch/out/``, served on 127.0.0.1 only."""
    import sys

    env = kernel_env()
    env[paths.OUT_ROOT_ENV] = str(SCRATCH / "out")
    env.pop(paths.PUBLISHED_ROOT_ENV, None)
    argv = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", f"--ServerApp.root_dir={SCRATCH}",
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []), *extra]
    return argv, env
