"""Tooling, not the product: ``python -m factsite.bench`` builds synthetic desks (``corpus``) and
prints build figures against plain MkDocs (``figures``). Nothing in the product imports it.
"""
