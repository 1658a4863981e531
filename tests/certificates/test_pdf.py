"""Real PDFs for names in every script, read back with pypdf."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from certificates.pdf import CertificateDocument, Signature, render_certificate

NAMES = [
    ("王小明", "Wang Xiaoming"),
    ("山田 太郎", "Yamada Taro"),
    ("김민준", "Kim Minjun"),
    ("Батбаяр Өлзийсайхан", "Batbayar Olziisaikhan"),
    ("Үүрийнтуяа Мөнх", "Uuriintuyaa Monkh"),
    ("Анна Иванова", "Anna Ivanova"),
    ("", "Zoë Ştefănescu-Nguyễn"),
    # Beyond U+FFFF: printed, and copied or searched as itself (UTF-16 in the ToUnicode map).
    ("𠮷田 花子", "Yoshida Hanako"),
]


def document(native: str, latin: str, **fields) -> CertificateDocument:
    values = {
        "issuer_name": "Flyway Academy",
        "holder_name": latin,
        "holder_native_name": native,
        "course_title": "Crane survey techniques",
        "cohort_line": "Training Workshop for Young Crane Researchers · 6\u20138 July 2025",
        "serial": "FA-2026-000123",
        "issued_on": "26 November 2026",
        "verify_url": "https://academy.example/en/certificates/verify/abc/",
        "signatories": (Signature("Seo-yeon Park", "Programme Secretariat"),),
    }
    values.update(fields)
    return CertificateDocument(**values)


def _fonts(reader: PdfReader) -> dict[str, object]:
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    return fonts


def _text(reader: PdfReader) -> str:
    # Extraction keeps glyph order; compare without spaces to be layout-proof.
    return "".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(("native", "latin"), NAMES)
def test_names_come_back_out_of_the_pdf_with_every_font_embedded(native, latin):
    pdf = render_certificate(document(native, latin))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    text = "".join(_text(reader).split())
    for name in (native, latin):
        assert "".join(name.split()) in text
    fonts = _fonts(reader)
    assert fonts
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert name.startswith("/AAAAA") or "+" in name  # a subset
    assert "Helvetica" not in str(list(fonts))


def test_cjk_names_use_the_cjk_font_and_latin_the_serif():
    reader = PdfReader(io.BytesIO(render_certificate(document("王小明", "Wang Xiaoming"))))
    names = " ".join(_fonts(reader))
    assert "WenQuanYi" in names and "NotoSerif" in names
    reader = PdfReader(io.BytesIO(render_certificate(document("", "Anna Ivanova"))))
    assert "WenQuanYi" not in " ".join(_fonts(reader))


def test_expiry_and_serial_are_printed():
    text = _text(
        PdfReader(io.BytesIO(render_certificate(document("", "A B", expires_on="1 May 2029"))))
    )
    assert "FA-2026-000123" in text and "1 May 2029" in text


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_renders_to_an_image(tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render_certificate(document("김민준", "Kim Minjun")))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 1000


SCRIPT_FONTS = [
    # (native name, holder's language, the font that must set it, fonts that must not)
    ("王小明", "zh-hans", "WenQuanYi", ("IPAex",)),
    ("山田 太郎", "ja", "IPAexMincho", ("WenQuanYi",)),
    ("今井 はな", "en", "IPAexMincho", ("WenQuanYi",)),
    ("김민준", "ko", "NanumMyeongjoBold", ("WenQuanYi",)),
    ("𠮷田 花子", "ja", "HanaMinA", ()),
    ("刘䶮", "zh-hans", "HanaMinA", ()),
    ("ᠪᠠᠲᠤᠪᠠᠶᠠᠷ ᠥᠯᠵᠡᠶᠢᠰᠠᠶᠢᠬᠠᠨ", "mn", "NotoSansMongolian", ()),
    ("Батбаяр Өлзийсайхан", "mn", "NotoSerif-Bold", ("WenQuanYi",)),
    ("Анна Иванова", "ru", "NotoSerif-Bold", ("WenQuanYi",)),
]


@pytest.mark.parametrize(("native", "language", "font", "not_fonts"), SCRIPT_FONTS)
def test_each_script_is_set_in_its_own_embedded_font(native, language, font, not_fonts):
    reader = PdfReader(io.BytesIO(render_certificate(document(native, "A B", language=language))))
    fonts = _fonts(reader)
    names = " ".join(fonts)
    assert font in names
    for other in not_fonts:
        assert other not in names
    for name, entry in fonts.items():
        assert "/FontFile2" in entry["/FontDescriptor"].get_object(), f"{name} is not embedded"


LONG_NAME = (
    "Maximiliana Alexandrina Konstantina Wilhelmina von Hohenzollern-Sigmaringen "
    "de la Cruz y Fernández-Ortega Montgomery-Barrington-Smythe Featherstonehaugh"
)[:150]


def _name_pieces(pdf: bytes, words: set[str]) -> list[tuple[float, float, float]]:
    """(x, y, size) of each text showing that holds one of ``words``."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if any(word in text for word in words):
            found.append((tm[4], tm[5], font_size * tm[0]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_a_150_character_name_wraps_inside_the_frame_at_a_legible_size():
    from certificates.pdf import PAGE, SERIF_BOLD, _text_width, fit_lines

    assert len(LONG_NAME) == 150
    max_width = PAGE[0] - 70 * 72 / 25.4
    lines, size = fit_lines(LONG_NAME, SERIF_BOLD, 30, max_width, min_size=16, max_lines=3)
    assert size >= 16
    assert 2 <= len(lines) <= 3
    assert " ".join(lines).replace("- ", "-") == LONG_NAME or "".join(lines).replace(
        " ", ""
    ) == LONG_NAME.replace(" ", "")
    assert all(_text_width(line, SERIF_BOLD, size) <= max_width for line in lines)

    pdf = render_certificate(document("", LONG_NAME))
    pieces = _name_pieces(pdf, {"Maximiliana", "Featherstone"})
    assert pieces
    frame_left, frame_right = 13 * 72 / 25.4, PAGE[0] - 13 * 72 / 25.4
    for x, _y, piece_size in pieces:
        assert piece_size >= 16
        assert frame_left < x < frame_right


def test_fit_lines_never_exceeds_the_width_even_for_an_absurd_name():
    from certificates.pdf import SERIF_BOLD, _text_width, fit_lines

    name = "Wolfeschlegelsteinhausenbergerdorff " * 12
    lines, size = fit_lines(name.strip(), SERIF_BOLD, 30, 500, min_size=16, max_lines=3)
    assert len(lines) <= 3
    assert all(_text_width(line, SERIF_BOLD, size) <= 500.01 for line in lines)


def test_a_mark_is_printed_across_the_page():
    text = _text(PdfReader(io.BytesIO(render_certificate(document("", "A B", mark="REVOKED")))))
    assert "REVOKED" in text
    assert "REVOKED" not in _text(PdfReader(io.BytesIO(render_certificate(document("", "A B")))))


def test_images_are_embedded_in_every_document_that_draws_them():
    # The image streams are compressed once per process and shared: each PDF
    # must still carry its own copy (and its transparency mask).
    from certificates.demo_images import seal_png, signature_png

    seal, ink = seal_png(initials="FA", colour="#8a3b12"), signature_png(name="Kenji Yamamoto")
    for serial in ("FA-2026-000001", "FA-2026-000002"):
        pdf = render_certificate(
            document(
                "",
                "Anna Ivanova",
                serial=serial,
                seal=seal,
                signatories=(Signature("Kenji Yamamoto", "Lead Instructor", ink),),
            )
        )
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        assert len(page.images) == 2
        xobjects = page["/Resources"]["/XObject"]
        for ref in xobjects.values():
            assert "/SMask" in ref.get_object()
        assert serial in page.extract_text()


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="poppler or zbar missing"
)
def test_the_qr_code_decodes_to_the_verification_link(tmp_path):
    # An independent reader (ZBar) decodes the vector QR code from the rendered page.
    url = "https://academy.example/en/certificates/verify/" + "A" * 21 + "b" * 22 + "/"
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render_certificate(document("김민준", "Kim Minjun", verify_url=url)))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "page")], check=True)
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert decoded.stdout.strip() == url
