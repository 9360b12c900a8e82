"""schema.org JSON-LD: a ClaimReview per claim page, and the publisher's Organization.

Follows Google's ClaimReview guidance (claimReviewed, reviewRating with alternateName, url,
author, itemReviewed Claim with author, datePublished and appearance). ``claim_review_problems``
is run on every page at build time: a page whose structured data breaks the rules is not built.

Languages: the review's ``inLanguage`` is the site's (the desk's words: claimReviewed, the
verdict); the Claim's and its appearance's are the source's (what was said, and where), which is
the site's unless the source declares another.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from factsite.input.claim_wording import claim_states_verdict
from factsite.model import LANGUAGE_TAG, Check, Rating, Source
from factsite.verdicts import Verdict

SCHEMA_ORG = "https://schema.org"


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def organization(
    name: str,
    url: str,
    *,
    corrections_policy: str,
    principles: str,
    ownership_funding_info: str | None = None,
    masthead: str | None = None,
    contact: str | None = None,
) -> dict[str, Any]:
    """The publisher; the optional parts are addresses on the about page, and how to reach the desk."""
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "Organization",
        "name": name,
        "url": url,
        "correctionsPolicy": corrections_policy,
        "publishingPrinciples": principles,
    }
    if ownership_funding_info:
        data["ownershipFundingInfo"] = ownership_funding_info
    if masthead:
        data["masthead"] = masthead
    if contact:
        how = "url" if "://" in contact else "email"
        data["contactPoint"] = {"@type": "ContactPoint", "contactType": "editorial", how: contact}
    return data


def _party(name: str, *, organization_names: set[str]) -> dict[str, str]:
    kind = "Organization" if name in organization_names else "Person"
    return {"@type": kind, "name": name}


def claim_review(
    check: Check,
    source: Source,
    verdict: Verdict,
    scale: tuple[Rating, ...],
    *,
    page_url: str,
    publisher: dict[str, Any],
    language: str = "en",
) -> dict[str, Any]:
    """The ClaimReview of one check. ``publisher`` is the Organization block; ``language`` the
    site's (a BCP 47 tag), which is the source's too unless it declares its own."""
    said_in = source.language or language
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label}
    values = [r.value for r in scale if r.value is not None and r.is_verdict]
    if verdict.rating.value is not None and verdict.rating.is_verdict and values:
        rating.update(ratingValue=verdict.rating.value, bestRating=max(values), worstRating=min(values))
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "headline": source.title,
        "datePublished": source.published.isoformat(),
        "publisher": {"@type": "Organization", "name": source.outlet},
        "inLanguage": said_in,
    }
    if source.url:
        appearance["url"] = source.url
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": page_url,
        "inLanguage": language,
        "claimReviewed": check.claim,
        "datePublished": check.published.isoformat(),
        "dateModified": check.last_modified.isoformat(),
        "author": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "author": _party(check.claimant, organization_names={source.outlet}),
            "datePublished": check.claim_date.isoformat(),
            "inLanguage": said_in,
            "appearance": appearance,
        },
    }


def claim_review_problems(data: dict[str, Any], *, label_on_page: str) -> list[str]:
    """Every way ``data`` breaks our ClaimReview rules (empty when it is fine)."""
    problems = []
    if data.get("@type") != "ClaimReview" or data.get("@context") != SCHEMA_ORG:
        problems.append("@type must be ClaimReview in the schema.org context")
    if not _absolute(str(data.get("url", ""))):
        problems.append("url must be absolute (set site_url)")
    claim = data.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip() or len(claim) > 75:
        problems.append("claimReviewed must be 1 to 75 characters")
    rating = data.get("reviewRating") or {}
    if rating.get("alternateName") != label_on_page:
        problems.append("reviewRating.alternateName must be the verdict shown on the page")
    elif isinstance(claim, str) and claim_states_verdict(claim, label_on_page, ()):
        problems.append(f"claimReviewed must not state the verdict ({label_on_page!r})")
    numbers = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
    if any(n is not None for n in numbers):
        value, best, worst = numbers
        if not all(isinstance(n, int) for n in numbers) or not 1 <= worst <= value <= best:  # type: ignore[operator]
            problems.append("ratingValue must lie between worstRating (at least 1) and bestRating")
    for key in ("datePublished", "dateModified"):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data.get(key, ""))):
            problems.append(f"{key} must be a YYYY-MM-DD date")
    author = data.get("author") or {}
    if (
        author.get("@type") != "Organization"
        or not author.get("name")
        or not _absolute(str(author.get("url", "")))
    ):
        problems.append("author must be an Organization with a name and an absolute url")
    item = data.get("itemReviewed") or {}
    if item.get("@type") != "Claim" or not (item.get("author") or {}).get("name"):
        problems.append("itemReviewed must be a Claim with an author")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(item.get("datePublished", ""))):
        problems.append("itemReviewed.datePublished must be a YYYY-MM-DD date")
    appearance = item.get("appearance") or {}
    if not appearance.get("headline") or ("url" in appearance and not _absolute(appearance["url"])):
        problems.append("itemReviewed.appearance must name the source (and its url, when known)")
    blocks = {"": data, "itemReviewed.": item, "itemReviewed.appearance.": appearance}
    for name, block in blocks.items():
        if "inLanguage" in block and not LANGUAGE_TAG.fullmatch(str(block["inLanguage"])):
            problems.append(f"{name}inLanguage must be a BCP 47 language tag, e.g. es or pt-BR")
    return problems


def script_json(data: dict[str, Any]) -> str:
    """JSON safe to place inside ``<script type="application/ld+json">``: no ``</script>``
    break-out, no HTML comment or CDATA tricks, and JavaScript-safe line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text
