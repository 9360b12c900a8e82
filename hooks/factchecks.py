"""MkDocs hook for sites configured with ``hooks: - hooks/factchecks.py``; new sites use the plugin
(``plugins: - factsite``), which builds the same site.

The handlers live in the ``factsite`` package (``factsite.mkdocs.hook``, which lists them in its
``__all__``); this file only hands them to MkDocs, so a site keeps working when a new version of
the package handles one more event. It is not called ``factsite.py``: MkDocs puts this folder first
on ``sys.path`` while loading a hook, so that name would import itself instead of the package.
"""

from factsite.mkdocs.hook import *  # noqa: F403 (the handlers are listed in its __all__)
