"""The logic of the research package on one article of the genre (notebooks hold narrative and calls).

ARCHITECTURE.md draws the module map (two wings over one floor, the layers
``tests/test_architecture.py`` enforces) and gives, for each kind of change,
the files to touch. In short, from the ground up:

- ground: ``paths``, ``params``, ``files``, ``periods``, ``lexicon``, ``numerals``,
  ``script`` (traditional characters read as simplified), ``i18n`` (the glossary),
  ``meta`` (title, reference date, place), ``units``, ``registry`` (claim kinds,
  check names, every table's fields), ``datapackage`` (the Table Schemas generated
  from it), ``citation`` (``CITATION.cff``) and ``terms`` (official term pairs, English names from them);
- text: ``source`` (the cleaned article), ``times``, ``claims``, ``naming`` (what a drafted figure counts);
- data: ``ledger``, ``reconcile``, ``context``;
- analysis: ``derive``, ``audit``, ``unstated``, ``exports``, ``curation``, ``cases``, ``compare``;
- display: ``theme``, ``charts``, ``markup``;
- notebook: ``notebook`` (``R = notebook.start(...)``; ``help(R)``), ``preflight``;
- views: ``views.figures``, ``views.tables``, ``views.source_page``, ``views.scorecard_page``, ``views.findings``;
- comparison: ``compare_site`` (``python -m helpers compare``, in its own process);
- publishing wing: ``publish`` (``python -m helpers run|new-case|compare|list|clean|refresh|lab|datapackage``),
  which imports only the ground floor.
"""
