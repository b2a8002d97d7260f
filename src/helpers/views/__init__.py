"""What notebooks show, grouped by kind and by the notebook they serve.

``figures``   bar and timeline figures of article, external and derived values
``tables``    tables of ledger rows, derived figures and external figures
``source_page``     the source notebook (00): the page, its claims, their coverage
``scorecard_page``  the scorecard notebook (05): ranks, audit, external figures, gaps, exports
"""
