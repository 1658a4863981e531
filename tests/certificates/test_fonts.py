import pytest

from certificates.fonts import (
    CJK,
    HAN_EXT,
    JAPANESE,
    KOREAN,
    KOREAN_BOLD,
    MONGOLIAN,
    SERIF,
    SERIF_BOLD,
    cjk_language,
    font_runs,
    unsupported_characters,
)
from certificates.validators import validate_printable_name


def _fonts(text, face=SERIF, language=""):
    return [(run.font, run.text) for run in font_runs(text, face, language)]


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
    assert _fonts("Өлзий Zoë") == [(SERIF, "Өлзий Zoë")]
    assert _fonts("王小明 (Wang)") == [(CJK, "王小明 "), (SERIF, "(Wang)")]


RARE_NAMES = [
    "𠮷田 花子",  # U+20BB7, CJK Extension B: a Japanese family name
    "刘䶮",  # U+4DAE, CJK Extension A: a Chinese given name
    "ᠪᠠᠲᠤᠪᠠᠶᠠᠷ ᠥᠯᠵᠡᠶᠢᠰᠠᠶᠢᠬᠠᠨ",  # traditional Mongolian script
    "ᠮᠣᠩᠭᠣᠯ\u180bᠴᠤ",  # with a free variation selector
]


@pytest.mark.parametrize("name", RARE_NAMES)
def test_extension_planes_and_traditional_mongolian_are_accepted(name):
    assert unsupported_characters(name) == []
    validate_printable_name(name)  # the registry's name check raises nothing


def test_registry_name_check_accepts_rare_names():
    from portal.registry.validation import validate_printable

    for name in RARE_NAMES:
        validate_printable(name)


def test_japanese_names_use_the_japanese_font():
    # A name with kana is Japanese whatever the holder's language.
    assert _fonts("山田 はな") == [(JAPANESE, "山田 はな")]
    # Kanji alone: the holder's language decides (今 in its Japanese form).
    assert _fonts("今井 太郎", language="ja") == [(JAPANESE, "今井 太郎")]
    assert _fonts("今井 太郎", language="zh-hans") == [(CJK, "今井 太郎")]
    assert cjk_language("今", "en") == "zh"


def test_korean_names_use_the_korean_font_and_its_bold_cut():
    assert _fonts("김민준") == [(KOREAN, "김민준")]
    runs = font_runs("김민준", SERIF_BOLD)
    assert [(r.font, r.embolden) for r in runs] == [(KOREAN_BOLD, False)]
    # Hanja in a Korean name: a serif CJK font, not the Chinese sans.
    assert _fonts("金민준") == [(JAPANESE, "金"), (KOREAN, "민준")]


def test_cjk_headings_in_the_bold_face_are_emboldened():
    runs = font_runs("修了証書", SERIF_BOLD, "ja")
    assert [(r.font, r.embolden) for r in runs] == [(JAPANESE, True)]
    runs = font_runs("结业证书", SERIF_BOLD, "zh-hans")
    assert [(r.font, r.embolden) for r in runs] == [(CJK, True)]
    assert [r.embolden for r in font_runs("Certificate", SERIF_BOLD)] == [False]


def test_extension_ideographs_and_mongolian_script_use_their_fonts():
    assert _fonts("𠮷田", language="ja") == [(HAN_EXT, "𠮷"), (JAPANESE, "田")]
    assert _fonts("刘䶮") == [(CJK, "刘"), (HAN_EXT, "䶮")]
    runs = font_runs("ᠪᠠᠲᠤ ᠪᠠᠶᠠᠷ")
    assert [(r.font, r.text, r.shaped) for r in runs] == [(MONGOLIAN, "ᠪᠠᠲᠤ ᠪᠠᠶᠠᠷ", True)]
