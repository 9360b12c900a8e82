"""The MkDocs engine: ``FactsitePlugin`` (the ``factsite`` entry point of ``mkdocs.plugins``, also
driven by a site's ``hooks/factchecks.py``), its options, the theme templates factsite adds to
Material, the Pagefind search index, the stylesheet written into each page, the navigation rendered
once for the generated pages outside it, and what a ``--dirty`` rebuild may skip.

The only subpackage that imports MkDocs. It may import every other subpackage except the command line
and ``factsite.bench``.
"""
