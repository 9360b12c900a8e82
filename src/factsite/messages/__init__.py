"""Every reader-visible word factsite writes, in the site's language: gettext catalogs and dates.

The catalogs are ``.po`` files in ``locale/`` beside this module (``messages.pot`` is the template,
every message once; ``LANG.po`` a shipped translation), read with Babel when first needed and
cached, so no compiled ``.mo`` file is kept in the repository. The English text is each message's
id: English needs no catalog. A desk overrides any message, or supplies a language without a
catalog, with the plugin's ``strings`` option (``Messages.overrides``).

Imports only the shared vocabulary (``factsite.model``); the machine outputs (``factsite.publish``),
the pages (``factsite.render``), the engine glue and the command line import it.
"""

from __future__ import annotations

import datetime as dt
import gettext as stdlib_gettext
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from factsite.model import DEFAULT_RATINGS, Rating

SHIPPED = ("en", "es", "fr", "de", "pt", "ar")  # languages with a complete catalog (English: the ids)
TEMPLATE = "messages.pot"
# English keeps the day-month-year form factsite has always written ("10 November 2026"); Babel's
# "long" English format would be "November 10, 2026".
ENGLISH_DATE = "d MMMM y"

# A message's override: its text, or for a message with plural forms the list of its forms.
Override = str | list[str] | tuple[str, ...]


def _locale_file(name: str) -> str:
    return resources.files("factsite.messages").joinpath("locale", name).read_text(encoding="utf-8")


@cache
def template() -> Catalog:
    """``messages.pot``: every message factsite writes, once, with where it is used."""
    return read_po(io.StringIO(_locale_file(TEMPLATE)))


@cache
def _catalog(language: str) -> Catalog | None:
    if language not in SHIPPED or language == "en":
        return None
    return read_po(io.StringIO(_locale_file(f"{language}.po")), locale=language)


def message_ids() -> list[str]:
    """The id of every message (a plural message's singular form), in the template's order."""
    return [str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in template() if m.id]


def plural_ids() -> dict[str, str]:
    """The messages with plural forms: singular id -> plural id."""
    return {str(m.id[0]): str(m.id[1]) for m in template() if m.id and isinstance(m.id, tuple)}


def base_language(language: str) -> str:
    """``pt-BR``, ``pt_BR`` -> ``pt``: the catalog a regional variant takes."""
    return language.replace("-", "_").split("_")[0].lower()


def _babel_locale(language: str) -> Locale | None:
    for candidate in (language.replace("-", "_"), base_language(language)):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return None


def _plural_rule(language: str, catalog: Catalog | None) -> tuple[int, str]:
    if catalog is not None:
        return catalog.num_plurals, catalog.plural_expr
    if base_language(language) == "en":
        return 2, "(n != 1)"
    return get_plural(base_language(language)).num_plurals, get_plural(base_language(language)).plural_expr


@dataclass(frozen=True, eq=False)
class Messages:
    """The site's words in one language: the shipped catalog, then the desk's ``strings`` over it.

    ``missing`` lists the messages that fall back to English (none for English or a shipped
    language); ``unknown`` the ``strings`` keys that are no message of factsite's."""

    language: str
    texts: Mapping[str, tuple[str, ...]]  # id -> its translation (one form, or the plural forms)
    num_plurals: int
    plural_expr: str
    locale: Locale | None
    missing: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # overrides given in the wrong shape (they are not used)
    _plural: Callable[[int], int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_plural", stdlib_gettext.c2py(self.plural_expr))

    @property
    def is_english(self) -> bool:
        return base_language(self.language) == "en"

    @property
    def shipped(self) -> bool:
        return base_language(self.language) in SHIPPED

    def gettext(self, message: str) -> str:
        forms = self.texts.get(message)
        return forms[0] if forms else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.texts.get(singular)
        if forms:
            index = self._plural(n)
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return singular if n == 1 else plural

    # ``install_gettext_translations`` looks for these names too.
    ugettext = gettext
    ungettext = ngettext

    def plural_index(self, n: int) -> int:
        return int(self._plural(n))

    def date(self, day: dt.date) -> str:
        """``day`` as readers of the language write it (ISO dates are for machines)."""
        if self.is_english or self.locale is None:
            return format_date(day, ENGLISH_DATE, locale="en")
        return format_date(day, format="long", locale=self.locale)

    def rating(self, rating: Rating) -> Rating:
        """A rating of the default scale in this language; a desk's own rating, as the desk wrote it."""
        if rating not in DEFAULT_RATINGS:
            return rating
        return replace(rating, label=self.gettext(rating.label), definition=self.gettext(rating.definition))

    def ratings(self, ratings: tuple[Rating, ...]) -> tuple[Rating, ...]:
        return tuple(self.rating(r) for r in ratings)


def _forms(value: Override, plural: bool) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,) if value and not plural else None
    forms = tuple(value)
    if plural and forms and all(isinstance(f, str) and f for f in forms):
        return forms
    return None


@lru_cache(maxsize=32)
def _messages(language: str, overrides: tuple[tuple[str, Override], ...]) -> Messages:
    catalog = _catalog(base_language(language))
    num_plurals, plural_expr = _plural_rule(language, catalog)
    texts: dict[str, tuple[str, ...]] = {}
    if catalog is not None:
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if all(strings):
                texts[key] = tuple(str(s) for s in strings)
    ids, plurals = message_ids(), plural_ids()
    known = set(ids)
    problems = []
    for key, value in overrides:
        if key not in known:
            continue
        forms = _forms(value, key in plurals)
        if forms is None:
            shape = f"a list of {num_plurals} plural forms" if key in plurals else "a text"
            problems.append(f"`strings` of {key!r} must be {shape}")
            continue
        texts[key] = forms
    english = base_language(language) == "en"
    missing = () if english else tuple(i for i in ids if i not in texts)
    unknown = tuple(sorted(k for k, _ in overrides if k not in known))
    return Messages(
        language, texts, num_plurals, plural_expr, _babel_locale(language), missing, unknown, tuple(problems)
    )


def messages_for(language: str = "en", strings: Mapping[str, Override] | None = None) -> Messages:
    """The site's messages: ``theme.language``'s catalog (English without one), then ``strings``."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (strings or {}).items()))
    return _messages(language or "en", frozen)


ENGLISH = messages_for("en")


def missing_warning(messages: Messages, option: str = "plugins: - factsite: strings:") -> str | None:
    """One warning for a language whose messages are not all translated, naming them; else None."""
    if not messages.missing:
        return None
    shown = messages.missing[:12]
    more = len(messages.missing) - len(shown)
    listed = "; ".join(repr(m) for m in shown) + (f"; and {more} more" if more else "")
    whose = (
        f"factsite has no catalog for theme.language '{messages.language}'"
        if not messages.shipped
        else f"theme.language '{messages.language}' lacks translations"
    )
    return (
        f"factsite: {whose}: {len(messages.missing)} message(s) are shown in English: {listed}. "
        f"Translate them under `{option}` in mkdocs.yml (message -> text; a list of plural forms for "
        f"a plural message), or print the catalog with `factsite strings --language {messages.language}`, "
        "translate it and contribute it to factsite (README: Languages and translation)."
    )


def catalog_text(language: str | None = None) -> str:
    """The catalog for translators: the template (``.pot``) or ``language``'s ``.po``, with the
    translations factsite ships for it filled in (none for a language it has no catalog for)."""
    if language is None:
        return _locale_file(TEMPLATE)
    base = base_language(language)
    if base in SHIPPED and base != "en":
        return _locale_file(f"{base}.po")
    locale = _babel_locale(language)
    catalog = Catalog(
        locale=locale or None,
        project="factsite",
        header_comment=f"# factsite's messages in {language}: translate each msgstr.\n",
        fuzzy=False,
    )
    if locale is None:
        catalog.locale = None
    for message in template():
        catalog.add(
            message.id,
            ("",) * catalog.num_plurals if isinstance(message.id, tuple) else "",
            locations=message.locations,
            auto_comments=message.auto_comments,
        )
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False)
    return out.getvalue().decode("utf-8")
