"""Tooling, not the product: ``python -m factsite.bench`` builds synthetic desks (``corpus``) and
prints build figures against plain MkDocs (``figures``); ``python -m factsite.bench.lighthouse``
prints the Lighthouse scores of a built site served as GitHub Pages serves it (``lighthouse``).
Nothing in the product imports it.
"""
