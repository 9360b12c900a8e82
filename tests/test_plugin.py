"""The ``factsite`` MkDocs plugin: its options, the hook that drives the same object, and a theme the
site may customise without losing what factsite writes into every page's head."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import copy_project, json_ld, mkdocs_build, parse

PUBLISHER = "The factsite sample desk"
HOOK = "hooks:\n  - hooks/factchecks.py\n\n"


def _plugin_block(config: str) -> re.Match[str]:
    found = re.search(r"  - factsite:\n(?:      .*\n)+", config)
    assert found, "the sample's mkdocs.yml configures the factsite plugin"
    return found


def _configure(project: Path, block: str, *, before_plugins: str = "") -> None:
    """Replace the sample's ``- factsite:`` entry with ``block`` (and add ``before_plugins`` above it)."""
    path = project / "mkdocs.yml"
    config = path.read_text(encoding="utf-8")
    found = _plugin_block(config)
    config = config[: found.start()] + block + config[found.end() :]
    config = config.replace("\nplugins:\n", f"\n{before_plugins}plugins:\n", 1)
    path.write_text(config, encoding="utf-8")


def _as_hook_site(project: Path) -> None:
    _configure(
        project,
        "",
        before_plugins=f"extra:\n  factsite:\n    publisher: {PUBLISHER}\n\n{HOOK}",
    )


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _claim_page(site: Path) -> Path:
    return next(site.glob("claims/*/index.html"))


def test_a_hook_site_and_a_plugin_site_are_byte_identical(tmp_path: Path) -> None:
    plugin_project = copy_project(tmp_path / "plugin")
    hook_project = copy_project(tmp_path / "hook")
    _as_hook_site(hook_project)
    built = {}
    for name, project in (("plugin", plugin_project), ("hook", hook_project)):
        result = mkdocs_build(project, tmp_path / f"{name}-site")
        assert result.returncode == 0, result.stderr[-3000:]
        built[name] = _files(tmp_path / f"{name}-site")
    assert built["plugin"].keys() == built["hook"].keys()
    differing = [name for name in built["plugin"] if built["plugin"][name] != built["hook"][name]]
    assert differing == []
    # ...and neither lost the publisher or the head metadata.
    review = next(d for d in json_ld(_claim_page(tmp_path / "hook-site")) if d.get("@type") == "ClaimReview")
    assert review["author"] == {"@type": "Organization", "name": PUBLISHER, "url": review["author"]["url"]}  # type: ignore[index]


def test_the_hook_s_publisher_setting_still_works_with_a_deprecation_note(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "hook")
    _as_hook_site(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "DEPRECATED: `extra.factsite.publisher`" in result.stderr
    assert "`plugins: - factsite: {publisher: ...}`" in result.stderr


def test_extra_factsite_publisher_beside_the_plugin_is_used_with_a_deprecation_note(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "old")
    old_setting = "extra:\n  factsite:\n    publisher: An Older Desk\n\n"
    _configure(project, "  - factsite\n", before_plugins=old_setting)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "DEPRECATED: `extra.factsite.publisher`" in result.stderr
    review = next(d for d in json_ld(_claim_page(tmp_path / "site")) if d.get("@type") == "ClaimReview")
    assert review["author"]["name"] == "An Older Desk"  # type: ignore[index]


def test_without_a_publisher_the_site_name_publishes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "plain")
    _configure(project, "  - factsite\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "DEPRECATED" not in result.stderr
    review = next(d for d in json_ld(_claim_page(tmp_path / "site")) if d.get("@type") == "ClaimReview")
    assert review["author"]["name"] == "El Salvador prison offer, fact-checked"  # type: ignore[index]


@pytest.mark.parametrize(
    ("block", "said"),
    [
        ("  - factsite:\n      publisher: 3\n", "publisher"),
        ("  - factsite:\n      publisher: '  '\n", "must not be empty"),
        ("  - factsite:\n      data: [a, b]\n", "data"),
        ("  - factsite:\n      colour: blue\n", "colour"),
    ],
)
def test_bad_options_are_refused_with_the_option_named(tmp_path: Path, block: str, said: str) -> None:
    project = copy_project(tmp_path / "bad")
    _configure(project, block)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "factsite" in result.stderr and said in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_hook_refuses_unknown_settings_and_a_second_factsite(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "hook")
    _configure(project, "", before_plugins=f"extra:\n  factsite:\n    publsher: typo\n\n{HOOK}")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "unknown setting(s) in `extra.factsite`: publsher" in result.stderr

    twice = copy_project(tmp_path / "twice")
    _configure(twice, "  - factsite\n", before_plugins=HOOK)
    result = mkdocs_build(twice, tmp_path / "site2")
    assert result.returncode != 0 and "Keep one" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_and_seeds_can_live_anywhere_and_edit_links_follow_them(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "moved")
    (project / "content").mkdir()
    (project / "factchecks.yaml").rename(project / "content" / "checks.yaml")
    (project / "seeds").rename(project / "content" / "documents")
    _configure(project, "  - factsite:\n      data: content/checks.yaml\n      seeds: content/documents\n")
    site = tmp_path / "site"
    repo = "https://github.com/example/desk"
    result = mkdocs_build(project, site, FACTSITE_REPO_URL=repo, FACTSITE_EDIT_URI="edit/main/docs/")
    assert result.returncode == 0, result.stderr[-3000:]
    buttons = parse(_claim_page(site)).find("a", **{"class": "md-content__button"})
    edit_links = {e.attrs.get("href") or "" for e in buttons}
    assert edit_links == {f"{repo}/edit/main/content/checks.yaml"}
    source_page = next(site.glob("sources/*/index.html"))
    links = {e.attrs.get("href") or "" for e in parse(source_page).find("a")}
    assert any(link.startswith(f"{repo}/edit/main/content/documents/") for link in links), links


def test_a_missing_data_file_is_a_located_error_not_a_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "missing")
    _configure(project, "  - factsite:\n      data: nowhere.yaml\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "nowhere.yaml" in result.stderr and "Traceback" not in result.stderr


def test_a_site_with_its_own_theme_folder_keeps_factsite_s_head_and_partials(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "custom")
    overrides = project / "my-theme"
    (overrides / "partials").mkdir(parents=True)
    # A desk's own main.html that knows nothing of factsite, and a partial of its own.
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="desk" content="ours">{% endblock %}\n',
        encoding="utf-8",
    )
    copyright_partial = overrides / "partials" / "copyright.html"
    copyright_partial.write_text('<div class="desk-copyright">Desk</div>\n', encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: my-theme\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    page = _claim_page(site)
    html = page.read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert '<meta name="desk" content="ours">' in head and "desk-copyright" in html  # the desk's own theme
    assert any(d.get("@type") == "ClaimReview" for d in json_ld(page))  # factsite's JSON-LD
    assert 'property="og:title"' in head and 'type="application/atom+xml"' in head
    parsed = parse(page)
    dialogs = [e for e in parsed.elements if e.attrs.get("role") == "dialog"]
    assert dialogs and all(e.attrs.get("aria-label") for e in dialogs)  # factsite's search partial


def test_every_page_has_its_head_metadata_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "sample")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in [*site.rglob("index.html"), site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert head.count('type="application/atom+xml"') == 1, page
        if page.name == "index.html":
            assert head.count('property="og:title"') == 1, page
