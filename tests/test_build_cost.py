"""What makes the build cheaper must not change what it builds.

The plugin skips Python-Markdown for its generated pages (their Markdown is empty) and renders
Material's navigation once for all the generated pages outside it; a build without either shortcut
makes the very same site, file for file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitebuild import SAMPLE_BUILD_ENV, copy_project, mkdocs_build, run_engine_python

# A build with both shortcuts switched off: the navigation rendered for every page, and every
# generated page's empty Markdown converted by Python-Markdown.
_WITHOUT_SHORTCUTS = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
import factsite.mkdocs.plugin as plugin
plugin.reuse_navigation = lambda *args, **kwargs: None
del plugin.FactsitePlugin.on_pre_page
build(load_config(config_file="mkdocs.yml", site_dir=sys.argv[1], strict=True))
"""


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _desk(tmp_path: Path) -> Path:
    """The sample desk with listings of two checks a page: generated pages at several depths."""
    project = copy_project(tmp_path / "desk")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - factsite:\n", "  - factsite:\n      page_size: 2\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


@pytest.mark.parametrize("claim_in_nav", [False, True], ids=["claims outside the nav", "a claim in the nav"])
def test_the_shortcuts_build_the_same_site(tmp_path: Path, claim_in_nav: bool) -> None:
    project = _desk(tmp_path)
    if claim_in_nav:  # a desk may list a generated page in its navigation: it is active there
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        first = yaml.safe_load((project / "factchecks.yaml").read_text(encoding="utf-8"))["checks"][0]["id"]
        config = config.replace("\nnav:\n", f"\nnav:\n  - Featured: claims/{first}.md\n", 1)
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    fast, slow = tmp_path / "fast", tmp_path / "slow"
    built = mkdocs_build(project, fast, **SAMPLE_BUILD_ENV)
    assert built.returncode == 0, built.stderr[-3000:]
    built = run_engine_python(project, _WITHOUT_SHORTCUTS, str(slow), **SAMPLE_BUILD_ENV)
    assert built.returncode == 0, built.stderr[-3000:]
    ours, theirs = _files(fast), _files(slow)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert any(name.count("/") >= 3 for name in ours if name.endswith("index.html"))  # claims/page/2/


def test_a_sites_own_navigation_is_rendered_for_every_page(tmp_path: Path) -> None:
    """A custom_dir's navigation may show something of the page: it is never reused."""
    project = _desk(tmp_path)
    (project / "my-theme" / "partials").mkdir(parents=True)
    (project / "my-theme" / "partials" / "nav.html").write_text(
        '<nav class="my-nav" data-page="{{ page.url }}"></nav>\n', encoding="utf-8"
    )
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: my-theme\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    pages = sorted((site / "claims").glob("*/index.html"))
    assert len(pages) > 2
    for page in pages:
        url = page.parent.relative_to(site).as_posix() + "/"
        assert f'data-page="{url}"' in page.read_text(encoding="utf-8"), url
