"""What a desk says about itself (contact, ownership, funding, editorial team) comes from the plugin's
options: shown on the about page and in the publisher's JSON-LD, refused with the option named when
it is unusable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import copy_project, json_ld, mkdocs_build, parse

DESK_OPTIONS = """\
      contact: desk@example.org
      ownership: Owned by the *Example Trust*, a charity.
      funding: |
        Reader donations (80%) and a [foundation grant](https://example.org/grant).
      editorial_team: "Ana Pérez (editor), Bo Li <script>alert(1)</script>"
"""


def _with_options(project: Path, options: str) -> None:
    """Add ``options`` (YAML lines indented for the plugin's mapping) to the factsite plugin."""
    path = project / "mkdocs.yml"
    config = path.read_text(encoding="utf-8")
    found = re.search(r"  - factsite:\n(?:      .*\n)+", config)
    assert found, "the project configures the factsite plugin with options"
    path.write_text(config[: found.end()] + options + config[found.end() :], encoding="utf-8")


@pytest.fixture(scope="module")
def desk_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("desk"))
    _with_options(project, DESK_OPTIONS)
    site = project / "public"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_the_about_page_shows_the_desk_s_own_facts(desk_site: Path) -> None:
    page = parse(desk_site / "about" / "index.html")
    headings = {e.attrs.get("id"): e.text.strip() for e in page.find("h2") if e.attrs.get("id")}
    assert headings["ownership"] == "Ownership"
    assert headings["funding"] == "Funding"
    assert headings["editorial-team"] == "Editorial team"
    assert headings["contact"] == "Contact"
    section = page.find("section", **{"class": "fs-organisation"})[0].text
    assert "Example Trust" in section and "Reader donations (80%)" in section
    mail_links = [a.attrs["href"] for a in page.find("a") if a.text == "desk@example.org"]
    assert mail_links == ["mailto:desk@example.org"]
    assert any(a.attrs.get("href") == "https://example.org/grant" for a in page.find("a"))
    # Contributor-style Markdown: raw HTML is text, never markup.
    assert all("alert(1)" not in e.text for e in page.find("script"))
    assert "<script>alert(1)</script>" in section
    # The parts are in the page's table of contents.
    toc_links = {a.attrs.get("href") for a in page.find("a", **{"class": "md-nav__link"})}
    assert {"#ownership", "#funding", "#editorial-team", "#contact"} <= toc_links


def test_the_publisher_s_json_ld_points_at_those_facts(desk_site: Path) -> None:
    (publisher,) = [d for d in json_ld(desk_site / "index.html") if d.get("@type") == "Organization"]
    assert str(publisher["ownershipFundingInfo"]).endswith("/about/#ownership")
    assert str(publisher["masthead"]).endswith("/about/#editorial-team")
    contact = {"@type": "ContactPoint", "contactType": "editorial", "email": "desk@example.org"}
    assert publisher["contactPoint"] == contact


def test_the_marker_places_the_section_and_a_url_contact_links_to_its_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "marked")
    about = project / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    first_heading = text.index("\n## ")
    about.write_text(text[:first_heading] + "\n\n<!-- factsite: organisation -->\n" + text[first_heading:])
    _with_options(project, "      contact: https://example.org/contact\n      funding: Grants.\n")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "factsite: organisation" not in html
    assert html.index('id="funding"') < html.index('id="what-the-site-is"')
    page = parse(site / "about" / "index.html")
    assert [a.attrs["href"] for a in page.find("a") if a.text == "https://example.org/contact"] == [
        "https://example.org/contact"
    ]
    (publisher,) = [d for d in json_ld(site / "index.html") if d.get("@type") == "Organization"]
    assert str(publisher["ownershipFundingInfo"]).endswith("/about/#funding")
    assert "masthead" not in publisher
    assert publisher["contactPoint"]["url"] == "https://example.org/contact"  # type: ignore[index]


def test_without_the_options_nothing_is_invented(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "plain")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'class="fs-organisation"' not in (site / "about" / "index.html").read_text(encoding="utf-8")
    (publisher,) = [d for d in json_ld(site / "index.html") if d.get("@type") == "Organization"]
    assert not {"ownershipFundingInfo", "masthead", "contactPoint"} & set(publisher)


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("      contact: not an address\n", "contact"),
        ("      contact: javascript:alert(1)\n", "contact"),
        ("      funding: ''\n", "must not be empty"),
        ("      ownership: [a, b]\n", "ownership"),
        ('      editorial_team: "Ana\\u202eEvil"\n', "U+202E"),
        ("      funding: '" + ">" * 30 + " deep'\n", "funding"),
    ],
)
def test_an_unusable_desk_option_is_a_config_error_naming_it(tmp_path: Path, option: str, said: str) -> None:
    project = copy_project(tmp_path / "bad")
    _with_options(project, option)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert said in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
