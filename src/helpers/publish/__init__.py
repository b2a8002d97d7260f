"""The publishing wing: what ``python -m helpers`` runs.

``cli``       the command line (run, list, clean, refresh, lab, datapackage)
``pipeline``  a run from start to end; ``plan`` its jobs and cache keys; ``workers`` the processes
              and kernels; ``stage`` publishing all at once; ``scratch`` the copy JupyterLab opens
``site``      the static HTML site (``pages`` each notebook's page, ``search`` the index)

It runs notebooks; it never imports the analysis wing. It takes locations
from ``paths``, parameters from ``params``, files through ``files`` and
wording from ``i18n`` (the glossary) and ``meta`` (the article's title and date).

Start-up: nbformat validates notebooks with jsonschema, which, when the
optional ``rfc3987_syntax`` is installed (JupyterLab's dependencies bring it),
compiles some forty grammars on import (about 2 s per process) for URI
format checks that notebook validation never makes. The publishing
processes (runner, workers) mark it as absent, so jsonschema skips it.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
