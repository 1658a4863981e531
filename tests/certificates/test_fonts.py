from certificates.fonts import CJK, SERIF, font_runs, unsupported_characters

NAMES = [
    "王小明",
    "山田 太郎",
    "김민준",
    "Батбаяр Өлзийсайхан",
    "Үүрийнтуяа өндөр",
    "Анна Иванова",
    "Zoë Ştefănescu-Nguyễn",
    "Łukasz Żółć",
]


def test_every_script_of_the_programme_is_printable():
    for name in NAMES:
        assert unsupported_characters(name) == [], name


def test_characters_no_font_has_are_named_once_in_order():
    # Linear B and an emoji: no shipped font draws them.
    assert unsupported_characters("Ann\U00010000a \U0001f9a9 \U00010000") == [
        "\U00010000",
        "\U0001f9a9",
    ]


def test_empty_and_spaces_are_fine():
    assert unsupported_characters("") == []
    assert unsupported_characters(" \u200d ") == []


def test_latin_and_cyrillic_stay_in_the_serif_and_cjk_falls_back():
    assert font_runs("Өлзий Zoë") == [(SERIF, "Өлзий Zoë")]
    assert font_runs("山田 太郎 (Tarō)") == [(CJK, "山田 太郎 "), (SERIF, "(Tarō)")]
