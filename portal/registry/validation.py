"""Checks and normalisation of registry values, shared by forms, services and imports.

Every function here is pure (no ORM), so that a 10,000-row import can check
each cell without a query, and the messages read the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from portal.core.hooks import Hook

from .models import BIRTH_YEAR_MIN, Gender, OrganisationType

# Spreadsheet synonyms for the gender values (BRIEF §3), compared casefolded.
GENDER_SYNONYMS: dict[str, str] = {
    "woman": Gender.WOMAN,
    "women": Gender.WOMAN,
    "w": Gender.WOMAN,
    "f": Gender.WOMAN,
    "female": Gender.WOMAN,
    "girl": Gender.WOMAN,
    "man": Gender.MAN,
    "men": Gender.MAN,
    "m": Gender.MAN,
    "male": Gender.MAN,
    "another": Gender.ANOTHER,
    "another gender": Gender.ANOTHER,
    "other": Gender.ANOTHER,
    "non-binary": Gender.ANOTHER,
    "nonbinary": Gender.ANOTHER,
    "x": Gender.ANOTHER,
    "undisclosed": Gender.UNDISCLOSED,
    "not stated": Gender.UNDISCLOSED,
    "prefer not to say": Gender.UNDISCLOSED,
    "n/a": Gender.UNDISCLOSED,
    "unknown": Gender.UNDISCLOSED,
    "-": Gender.UNDISCLOSED,
}

ORGANISATION_TYPE_SYNONYMS: dict[str, str] = {
    **{value: value for value in OrganisationType.values},
    "protected area": OrganisationType.PROTECTED_AREA,
    "nature reserve": OrganisationType.PROTECTED_AREA,
    "university": OrganisationType.ACADEMIA,
    "research": OrganisationType.ACADEMIA,
    "research institute": OrganisationType.ACADEMIA,
    "academic": OrganisationType.ACADEMIA,
    "non-governmental organisation": OrganisationType.NGO,
    "non-governmental organization": OrganisationType.NGO,
    "gov": OrganisationType.GOVERNMENT,
    "ministry": OrganisationType.GOVERNMENT,
    "community-based": OrganisationType.COMMUNITY,
    "company": OrganisationType.PRIVATE,
    "private sector": OrganisationType.PRIVATE,
    "business": OrganisationType.PRIVATE,
    "international organisation": OrganisationType.INTERNATIONAL,
    "international organization": OrganisationType.INTERNATIONAL,
    "igo": OrganisationType.INTERNATIONAL,
}

# Names in the programme's own documents (UN style) and common short forms
# that django-countries does not know. Compared casefolded.
COUNTRY_ALIASES: dict[str, str] = {
    "republic of korea": "KR",
    "korea": "KR",
    "south korea": "KR",
    "korea, republic of": "KR",
    "korea (republic of)": "KR",
    "democratic people's republic of korea": "KP",
    "north korea": "KP",
    "russian federation": "RU",
    "russia": "RU",
    "people's republic of china": "CN",
    "pr china": "CN",
    "p.r. china": "CN",
    "china": "CN",
    "mongolia": "MN",
    "japan": "JP",
    "united states of america": "US",
    "usa": "US",
    "united kingdom of great britain and northern ireland": "GB",
    "uk": "GB",
    "viet nam": "VN",
    "lao people's democratic republic": "LA",
    "iran (islamic republic of)": "IR",
    "republic of moldova": "MD",
    "united republic of tanzania": "TZ",
    "bolivia (plurinational state of)": "BO",
    "venezuela (bolivarian republic of)": "VE",
    "türkiye": "TR",
}

# Characters allowed in a Latin-letter name besides Latin letters and marks.
_LATIN_NAME_PUNCTUATION = set(" -'\u2019.")  # space, hyphen, apostrophes, full stop
_WHITESPACE = re.compile(r"\s+")


def policy_version() -> str:
    """The privacy policy version that consent is recorded against.

    The version of the live privacy policy page in the default language (the
    same in every language); before any is published, the setting
    ``REGISTRY_PRIVACY_POLICY_VERSION``.
    """
    from .pages import PrivacyPolicyPage

    version = (
        PrivacyPolicyPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .values_list("version", flat=True)
        .first()
    )
    return version or getattr(settings, "REGISTRY_PRIVACY_POLICY_VERSION", "2025-01")


def clean_text(value: object) -> str:
    """A cell or form value as one line of text: NFC, trimmed, inner spaces collapsed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _WHITESPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Case- and width-folded text for searching (full-width Latin as ASCII, Ө as ө)."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def parse_email(value: object) -> str:
    """A checked, lower-cased e-mail address.

    Raises:
        ValidationError: empty or malformed.
    """
    email = clean_text(value).lower()
    if not email:
        raise ValidationError(_("is required."))
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not a valid e-mail address.") % {"value": email}
        ) from None
    return email


def parse_gender(value: object) -> str:
    """A ``Gender`` value from a value or a common synonym; blank means undisclosed.

    Raises:
        ValidationError: an unknown value.
    """
    text = clean_text(value).casefold()
    if not text:
        return Gender.UNDISCLOSED
    try:
        return GENDER_SYNONYMS[text]
    except KeyError:
        raise ValidationError(
            _("“%(value)s” is not a gender we know; use woman, man, another or undisclosed.")
            % {"value": clean_text(value)}
        ) from None


def parse_organisation_type(value: object) -> str:
    """An ``OrganisationType`` value (or a synonym); blank stays blank.

    Raises:
        ValidationError: an unknown value.
    """
    text = clean_text(value).casefold()
    if not text:
        return ""
    try:
        return ORGANISATION_TYPE_SYNONYMS[text]
    except KeyError:
        raise ValidationError(
            _("“%(value)s” is not an organisation type; use one of: %(choices)s.")
            % {"value": clean_text(value), "choices": ", ".join(OrganisationType.values)}
        ) from None


def validate_birth_year(year: int | None) -> None:
    """Refuse a birth year before 1900 or after this year."""
    if year is None:
        return
    this_year = timezone.now().year
    if not BIRTH_YEAR_MIN <= year <= this_year:
        raise ValidationError(
            _("%(year)s is not a plausible birth year; give a year from %(min)s to %(max)s.")
            % {"year": year, "min": BIRTH_YEAR_MIN, "max": this_year}
        )


def parse_birth_year(value: object) -> int | None:
    """A birth year from a cell (1985, "1985", 1985.0); blank means unknown.

    Raises:
        ValidationError: not a whole number (e.g. ``19x5``) or out of range.
    """
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(value)
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise ValidationError(
            _("“%(value)s” is not a year; write four digits, e.g. 1994.") % {"value": text}
        )
    year = int(text)
    validate_birth_year(year)
    return year


def _country_lookup() -> dict[str, str]:
    table = {}
    for code, name in countries:
        table[code.casefold()] = code
        table[str(name).casefold()] = code
    table.update(COUNTRY_ALIASES)
    return table


_COUNTRIES: dict[str, str] | None = None


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def validate_country(code: object) -> None:
    """Check a stored country code (blank allowed).

    A set lookup: the model field's own check walks every choice, which made
    checking a 10,000-row import take seconds.

    Raises:
        ValidationError: not an ISO 3166-1 alpha-2 code we know.
    """
    text = str(code or "")
    if text and text not in _country_codes():
        raise ValidationError(
            _("“%(value)s” is not a country we know; give the two-letter code (e.g. MN).")
            % {"value": text}
        )


def parse_country(value: object) -> str:
    """An ISO 3166-1 alpha-2 code from a code, an English name or a known alias.

    Raises:
        ValidationError: a country we cannot recognise.
    """
    global _COUNTRIES
    text = clean_text(value)
    if not text:
        return ""
    if _COUNTRIES is None:
        _COUNTRIES = _country_lookup()
    code = _COUNTRIES.get(text.casefold())
    if code is None and len(text) == 3 and text.isalpha():
        code = countries.alpha2(text.upper()) or None
    if code is None:
        raise ValidationError(
            _(
                "“%(value)s” is not a country we know; "
                "give the two-letter code (e.g. MN) or the English name."
            )
            % {"value": text}
        )
    return code


def validate_latin_name(name: str) -> None:
    """Refuse a name that is not written in Latin letters (accents allowed)."""
    offending = []
    for char in name:
        if char in _LATIN_NAME_PUNCTUATION or unicodedata.category(char).startswith("M"):
            continue
        if unicodedata.category(char).startswith("L") and "LATIN" in unicodedata.name(char, ""):
            continue
        if char not in offending:
            offending.append(char)
    if offending:
        raise ValidationError(
            _(
                "Write this name in Latin letters (as in a passport); these characters are not "
                "allowed here: %(chars)s. Your name in your own script goes in the native name."
            )
            % {"chars": " ".join(offending)}
        )


# Checks that apps above the registry make of every name (given, family and
# native name) before it is saved: the certificates app refuses what its fonts
# cannot print. A provider is a callable taking the name that raises
# ``ValidationError`` with a message saying what to fix; it must not query the
# database (an import checks every cell). Registered from ``AppConfig.ready()``.
name_checks: Hook[Callable[[str], None]] = Hook()


def validate_printable(name: str) -> None:
    """Refuse a name that an app above the registry cannot use (see ``name_checks``).

    Raises:
        ValidationError: from the first check that refuses the name.
    """
    for check in name_checks.providers():
        check(name)


def validate_links(links: list[str]) -> None:
    """Each link must be an http(s) address."""
    from django.core.validators import URLValidator

    validator = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validator(link)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a web address; start it with https://.") % {"value": link}
            ) from None
