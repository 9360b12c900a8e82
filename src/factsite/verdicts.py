"""How a rating looks: its tone (for colour) and icon. Never colour alone: the label is always shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from factsite.model import Rating

# Material Design Icons (Apache-2.0), path data only: the site loads no icon font or remote file.
_ICON_PATHS = {
    "check-circle": (
        "M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2"
        "m-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z"
    ),
    "check-circle-outline": (
        "M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2"
        "m0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8"
        "m4.59-12.42L10 14.17l-2.59-2.58L6 13l4 4 8-8z"
    ),
    "circle-half-full": (
        "M12 2A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2"
        "m0 2a8 8 0 0 1 8 8 8 8 0 0 1-8 8z"
    ),
    "alert": "M13 14h-2V9h2m0 9h-2v-2h2M1 21h22L12 2z",
    "close-circle": (
        "M12 2c5.53 0 10 4.47 10 10s-4.47 10-10 10S2 17.53 2 12 6.47 2 12 2"
        "m3.59 5L12 10.59 8.41 7 7 8.41 10.59 12 7 15.59 8.41 17 12 13.41 15.59 17 17 15.59 13.41 12 17 8.41z"
    ),
    "information-outline": (
        "M11 9h2V7h-2m1 13c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8"
        "m0-18A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2m-1 15h2v-6h-2z"
    ),
    "help-circle-outline": (
        "M11 18h2v-2h-2zm1-16A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2"
        "m0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8"
        "m0-14a4 4 0 0 0-4 4h2a2 2 0 0 1 2-2 2 2 0 0 1 2 2c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5a4 4 0 0 0-4-4"
    ),
    "comment-quote-outline": (
        "M9 22c-.6 0-1-.4-1-1v-3H4c-1.1 0-2-.9-2-2V4c0-1.1.9-2 2-2h16c1.1 0 2 .9 2 2v12c0 1.1-.9 2-2 2h-6.1"
        "l-3.7 3.7c-.2.2-.4.3-.7.3zm1-6v3.1l3.1-3.1H20V4H4v12zm6.3-10-1.4 3H17v4h-4V8.8L14.3 6z"
        "m-6 0L8.9 9H11v4H7V8.8L8.3 6z"
    ),
    "note-text-outline": (
        "M15 3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V9zm4 16H5V5h9v5h5m-2 4H7v-2h10m-3 5H7v-2h7"
    ),
}

# Icons of the built-in ratings that are not on the numeric scale.
_ICON_BY_KEY = {
    "needs-context": "information-outline",
    "unsupported": "help-circle-outline",
    "opinion": "comment-quote-outline",
}
# Icon for each tone, from best to worst on a numeric scale.
_ICON_BY_TONE = {
    "accurate": "check-circle",
    "mostly": "check-circle-outline",
    "mixed": "circle-half-full",
    "misleading": "alert",
    "false": "close-circle",
    "unrated": "help-circle-outline",
    "note": "note-text-outline",
}


@dataclass(frozen=True)
class Verdict:
    """A rating as shown to readers."""

    rating: Rating
    tone: str  # CSS modifier: accurate, mostly, mixed, misleading, false, unrated, note
    icon: Markup
    _badges: dict[str, Markup] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        return self.rating.key

    @property
    def label(self) -> str:
        return self.rating.label

    @property
    def is_note(self) -> bool:
        return not self.rating.is_verdict

    def badge(self, size: str = "") -> Markup:
        """The verdict as a badge: icon and label on the tone's colours (never colour alone)."""
        cached = self._badges.get(size)
        if cached is None:
            modifier = f" fs-badge--{size}" if size else ""
            cached = Markup(
                f'<span class="fs-badge fs-tone--{self.tone}{modifier}">{self.icon}'
                f'<span class="fs-badge__label" dir="auto">{escape(self.label)}</span></span>'
            )
            self._badges[size] = cached
        return cached


def _tone(rating: Rating, best: int, worst: int) -> str:
    if not rating.is_verdict:
        return "note"
    if rating.value is None:
        return "unrated"
    if best == worst:
        return "accurate"
    position = (rating.value - worst) / (best - worst)  # 1.0 = best
    if position >= 1:
        return "accurate"
    if position >= 0.6:
        return "mostly"
    if position >= 0.4:
        return "mixed"
    if position > 0:
        return "misleading"
    return "false"


def icon_svg(name: str) -> Markup:
    return Markup(
        '<svg class="fs-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24">'
        f'<path d="{_ICON_PATHS[name]}"/></svg>'
    )


def verdicts(ratings: tuple[Rating, ...]) -> dict[str, Verdict]:
    """Every rating of the scale, by key, with its presentation."""
    values = [r.value for r in ratings if r.value is not None and r.is_verdict]
    best, worst = (max(values), min(values)) if values else (1, 1)
    result = {}
    for rating in ratings:
        tone = _tone(rating, best, worst)
        icon = _ICON_BY_KEY.get(rating.key) if tone == "unrated" else None
        result[rating.key] = Verdict(rating, tone, icon_svg(icon or _ICON_BY_TONE[tone]))
    return result
