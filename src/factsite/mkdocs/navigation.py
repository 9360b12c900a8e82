"""Material's navigation, rendered once for all the generated pages that are not in it.

Material renders the whole site navigation (the sidebar and the tabs) into every page, a third of
its work per page. For a page that is not in the navigation (a claim, source, claimant, verdict or
topic page, a listing's later pages) nothing in it is active, so the navigation differs between two
such pages only in its links, which are relative to the page: pages whose links to every navigation
entry come out the same get the same HTML. Each such navigation is rendered once per build and reused.

Only Material's own templates (and factsite's partials) are reused so: when a site's ``custom_dir``
replaces one of them, it may show something of the page, and every page renders it afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

# The partials rendered per page that draw the navigation, and the templates they include.
CACHED = ("partials/nav.html", "partials/tabs.html")
_INCLUDED = (
    "partials/nav-item.html", "partials/tabs-item.html", "partials/logo.html", "partials/source.html"
)


def reuse_navigation(
    env: jinja2.Environment, theme_dirs: list[str], is_generated: Callable[[Page], bool]
) -> None:
    """Make ``env``'s navigation partials render once per distinct set of links, for the pages not
    in the navigation for which ``is_generated``; ``theme_dirs``: the folders of trusted templates."""
    trusted = [Path(d).resolve() for d in theme_dirs]
    for name in (*CACHED, *_INCLUDED):
        try:
            filename = env.get_template(name).filename
        except jinja2.TemplateNotFound:
            continue
        if filename is None or not any(Path(filename).resolve().is_relative_to(d) for d in trusted):
            return  # a site's own version: it may depend on the page
    for name in CACHED:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        template.root_render_func = _cached(template.root_render_func, is_generated)


def _urls(items: list[Any]) -> Iterator[str]:
    """The address of every entry in the navigation, sections' children included."""
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            yield url
        yield from _urls(getattr(item, "children", None) or [])


def _targets(nav: Navigation) -> list[str]:
    return [nav.homepage.url if nav.homepage else "", *_urls(nav.items)]


def _cached(
    render: Callable[[Any], Iterator[str]], is_generated: Callable[[Page], bool]
) -> Callable[[Any], Iterator[str]]:
    # The environment, so its templates, are made afresh for every build: one navigation.
    made: dict[tuple[str, ...], str] = {}
    targets: list[str] = []
    listed: set[int] = set()  # the pages in the navigation (mkdocs.yml may list a generated one)

    def cached(context: Any) -> Iterator[str]:
        page, nav = context.get("page"), context.get("nav")
        if not targets and isinstance(nav, Navigation):
            targets.extend(_targets(nav))
            listed.update(id(listed_page) for listed_page in nav.pages)
        # In the navigation, the page and its sections are active: rendered afresh.
        if not (targets and isinstance(page, Page) and id(page) not in listed and is_generated(page)):
            yield from render(context)
            return
        key = (str(context.get("base_url")), *(normalize_url(t, page=page) for t in targets))
        html = made.get(key)
        if html is None:
            html = made[key] = "".join(render(context))
        yield html

    return cached
