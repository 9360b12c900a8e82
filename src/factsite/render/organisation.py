"""What the desk publishes about itself (contact, ownership, funding, editorial team): the facts the
IFCN code of principles asks a signatory to make public, from the plugin's options.

The about page shows them as one section; the publisher's JSON-LD points at its parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from factsite.input.markdown import render_markdown
from factsite.messages import ENGLISH, Messages

CONTACT_ID = "contact"
OWNERSHIP_ID = "ownership"
FUNDING_ID = "funding"
EDITORIAL_TEAM_ID = "editorial-team"
# Where the section goes in the about page's Markdown; without the marker it ends the page.
MARKER = "<!-- factsite: organisation -->"


@dataclass(frozen=True)
class DeskFacts:
    contact: str = ""  # an email address or the http(s) address of a contact page
    ownership: str = ""  # Markdown
    funding: str = ""  # Markdown
    editorial_team: str = ""  # Markdown

    @property
    def ownership_funding_id(self) -> str | None:
        """The about page's part that answers "who owns and pays for this desk", if it says."""
        return OWNERSHIP_ID if self.ownership else FUNDING_ID if self.funding else None

    @property
    def contact_is_email(self) -> bool:
        return "@" in self.contact and "://" not in self.contact


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    html: Markup


def organisation_parts(desk: DeskFacts, messages: Messages = ENGLISH) -> list[Part]:
    """The parts of the about page's organisation section, in reading order; empty ones left out;
    their headings in the messages' language."""
    gettext = messages.gettext
    parts = []
    if desk.ownership:
        parts.append(Part(OWNERSHIP_ID, gettext("Ownership"), render_markdown(desk.ownership)))
    if desk.funding:
        parts.append(Part(FUNDING_ID, gettext("Funding"), render_markdown(desk.funding)))
    if desk.editorial_team:
        parts.append(Part(EDITORIAL_TEAM_ID, gettext("Editorial team"), render_markdown(desk.editorial_team)))
    if desk.contact:
        href = f"mailto:{desk.contact}" if desk.contact_is_email else desk.contact
        link = Markup('<p><a href="{}">{}</a></p>').format(href, desk.contact)
        parts.append(Part(CONTACT_ID, gettext("Contact"), link))
    return parts
