import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.registry import validation


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("F", "woman"),
        ("female", "woman"),
        ("W", "woman"),
        ("M", "man"),
        ("Male", "man"),
        ("another", "another"),
        ("Prefer not to say", "undisclosed"),
        ("", "undisclosed"),
        (None, "undisclosed"),
    ],
)
def test_gender_synonyms(value, expected):
    assert validation.parse_gender(value) == expected


def test_unknown_gender_names_the_value():
    with pytest.raises(ValidationError, match="“Q” is not a gender"):
        validation.parse_gender("Q")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("MN", "MN"),
        ("mn", "MN"),
        ("Mongolia", "MN"),
        ("Republic of Korea", "KR"),
        ("Russian Federation", "RU"),
        ("China", "CN"),
        ("Japan", "JP"),
        ("MNG", "MN"),
        ("", ""),
    ],
)
def test_countries_by_code_name_or_alias(value, expected):
    assert validation.parse_country(value) == expected


def test_unknown_country():
    with pytest.raises(ValidationError, match="Atlantis"):
        validation.parse_country("Atlantis")


@pytest.mark.parametrize(
    "value", ["19x5", "1850", "\uff11\uff19\uff19\uff10", "1990.5", str(timezone.now().year + 1)]
)
def test_bad_birth_years(value):
    with pytest.raises(ValidationError):
        validation.parse_birth_year(value)


@pytest.mark.parametrize(("value", "expected"), [("1994", 1994), (1994.0, 1994), ("", None)])
def test_good_birth_years(value, expected):
    assert validation.parse_birth_year(value) == expected


@pytest.mark.parametrize("name", ["Zoë", "Tserendorj-Bat", "O'Neill", "Nguyễn", "Ö. Bat"])
def test_latin_names_with_accents_pass(name):
    validation.validate_latin_name(name)


@pytest.mark.parametrize("name", ["王", "Батбаяр", "김", "Ann1"])
def test_non_latin_names_are_refused_naming_the_characters(name):
    with pytest.raises(ValidationError) as excinfo:
        validation.validate_latin_name(name)
    assert name[-1] in excinfo.value.messages[0]


def test_printable_names_in_every_script_pass():
    for name in ["王小明", "山田 太郎", "김민준", "Батбаяр Өлзийсайхан", "Zoë"]:
        validation.validate_printable(name)


def test_unprintable_characters_are_named():
    with pytest.raises(ValidationError, match=r"𓀀 \(U\+13000\)"):
        validation.validate_printable("Ann 𓀀")


def test_fold_matches_across_width_and_case():
    assert validation.fold("\uff37\uff21\uff2e\uff27") == validation.fold("wang")
    assert validation.fold("ОЮУН") == validation.fold("оюун")


def test_email_is_lowercased_and_checked():
    assert validation.parse_email(" Ann@Example.ORG ") == "ann@example.org"
    with pytest.raises(ValidationError, match="is required"):
        validation.parse_email("")
    with pytest.raises(ValidationError, match="not a valid e-mail"):
        validation.parse_email("ann@")
