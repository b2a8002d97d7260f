"""The publishing wing: what ``python -m helpers`` runs.

``cli``       the command line (run, list, clean, refresh)
``pipeline``  notebook runs with papermill: jobs, cache, worker processes, publishing
``site``      the static HTML site: nbconvert pages, index, navigation

It runs notebooks; it never imports the analysis wing. It takes locations
from ``paths``, parameters from ``params``, files through ``files`` and
wording from ``i18n`` (the glossary) and ``meta`` (the article's title and date).
"""
