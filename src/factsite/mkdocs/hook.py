"""Event handlers for a site that runs factsite as an MkDocs hook (``hooks: - hooks/factchecks.py``).

They drive one ``FactsitePlugin`` for the whole process, with its options read from
``extra.factsite``, so a hook and ``plugins: - factsite`` build the same site.
"""

from __future__ import annotations

from factsite.mkdocs.plugin import FactsitePlugin

_plugin = FactsitePlugin(from_hook=True)

on_startup = _plugin.on_startup
on_config = _plugin.on_config
on_serve = _plugin.on_serve
on_files = _plugin.on_files
on_page_markdown = _plugin.on_page_markdown
on_page_content = _plugin.on_page_content
on_page_context = _plugin.on_page_context
on_post_page = _plugin.on_post_page
on_post_template = _plugin.on_post_template
on_post_build = _plugin.on_post_build

# The MkDocs events handled here; a site's hook file re-exports exactly these.
__all__ = [
    "on_config", "on_files", "on_page_content", "on_page_context", "on_page_markdown", "on_post_build",
    "on_post_page", "on_post_template", "on_serve", "on_startup",
]
