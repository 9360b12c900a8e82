"""MkDocs hook: wires the factsite generator into the build.

The handlers live in the ``factsite`` package (``factsite.mkdocs_hook``); this file only names them
for MkDocs. It is not called ``factsite.py``: MkDocs puts this folder first on ``sys.path`` while
loading a hook, so that name would import itself instead of the package.
"""

from factsite.mkdocs_hook import on_config, on_files, on_page_context, on_startup

__all__ = ["on_config", "on_files", "on_page_context", "on_startup"]
