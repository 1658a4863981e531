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
