"""The logic of the research package on 湖州何以三夺“天工鼎”？ (notebooks hold narrative and calls).

Where things are (ARCHITECTURE.md has the layers and where a change goes):

- Inputs: ``ledger`` (the article's figures, checked against its quotes),
  ``context`` (external figures with their sources), ``source`` (the cleaned
  article), ``meta`` (its title and reference date), ``i18n`` (the glossary).
- Reading text: ``claims`` (every claim of a Chinese news text), ``times``,
  ``periods``, ``numerals``, ``lexicon``; ``reconcile`` (ledger against the extractor).
- Analysis: ``derive`` (implied figures with formula and bound), ``audit``
  (consistency checks), ``unstated`` (what the article leaves out), ``exports``.
- Showing: ``notebook`` (``R = notebook.start(...)``; ``help(R)``), ``views``
  (the tables and figures notebooks show), ``theme`` and ``charts`` (the
  figures' look and shapes), ``markup`` and ``units`` (HTML and units per language).
- Files: ``paths``, ``params``, ``files``, ``datapackage`` (Table Schemas).
- Running and publishing: ``publish`` (``python -m helpers run|list|refresh|lab|clean``).
"""
