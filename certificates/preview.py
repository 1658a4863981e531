"""The admin's preview of a certificate design: a sample holder in each script.

``CertificateDesign.serve_preview`` answers Wagtail's preview panel with the
PDF that a holder of the chosen sample would receive, rendered from the design
being edited (unsaved changes included), so a designer sees every script
before a certificate is issued.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .documents import (
    DesignSnapshot,
    _read_image,
    issuer_snapshot,
    verify_url,
)
from .pdf import CertificateDocument, Logo, Signature, render_certificate


@dataclass(frozen=True)
class SampleHolder:
    label: object
    native: str
    latin: str
    language: str


LONG_LATIN = (
    "Maximiliana Alexandrina Konstantina Wilhelmina von Hohenzollern-Sigmaringen "
    "de la Cruz y Fernández-Ortega Montgomery-Barrington-Smythe Featherstonehaugh"
)[:150]

SAMPLE_HOLDERS = {
    "latin": SampleHolder(gettext_lazy("Latin letters"), "", "Zoë Ştefănescu-Nguyễn", "en"),
    "zh": SampleHolder(gettext_lazy("Chinese"), "王小明", "Wang Xiaoming", "zh-hans"),
    "ja": SampleHolder(gettext_lazy("Japanese"), "𠮷田 今日子", "Yoshida Kyoko", "ja"),
    "ko": SampleHolder(gettext_lazy("Korean"), "김민준", "Kim Minjun", "ko"),
    "mn": SampleHolder(
        gettext_lazy("Mongolian (Cyrillic)"), "Батбаяр Өлзийсайхан", "Batbayar Olziisaikhan", "mn"
    ),
    "mong": SampleHolder(
        gettext_lazy("Mongolian (traditional script)"),
        "ᠪᠠᠲᠤᠪᠠᠶᠠᠷ ᠥᠯᠵᠡᠶᠢᠰᠠᠶᠢᠬᠠᠨ",
        "Batbayar Olziisaikhan",
        "mn",
    ),
    "ru": SampleHolder(gettext_lazy("Russian"), "Анна Иванова", "Anna Ivanova", "ru"),
    "long": SampleHolder(gettext_lazy("A 150-character name"), "", LONG_LATIN, "en"),
}


def _unsaved_design_snapshot(design) -> DesignSnapshot:
    # The preview shows the form's state: child rows come from the cluster, not the database.
    return DesignSnapshot(
        heading=design.heading,
        statement=design.statement,
        accent=design.accent if len(design.accent or "") == 7 else "",
        background=_read_image(design.background),
        seal=_read_image(design.seal),
        signatories=tuple(
            Signature(name=s.name, title=s.title, image=_read_image(s.signature))
            for s in design.signatories.all()
        ),
        logos=tuple(
            Logo(name=logo.name, image=data)
            for logo in design.logos.all()
            if logo.logo_id and (data := _read_image(logo.logo))
        ),
    )


def design_preview_pdf(design, mode: str) -> bytes:
    """The PDF of ``design`` for the sample holder ``mode`` (a key of ``SAMPLE_HOLDERS``)."""
    sample = SAMPLE_HOLDERS.get(mode) or SAMPLE_HOLDERS["latin"]
    snapshot = _unsaved_design_snapshot(design)
    issuer = issuer_snapshot(images=False)
    language = sample.language if sample.language in dict(settings.LANGUAGES) else None
    today = datetime.date.today()
    with translation.override(language or settings.LANGUAGE_CODE):
        document = CertificateDocument(
            issuer_name=issuer.name,
            holder_name=sample.latin,
            holder_native_name=sample.native,
            course_title=_("Sample course"),
            cohort_line=_("Sample cohort"),
            serial="FA-0000-000000",
            issued_on=formats.date_format(today, "DATE_FORMAT"),
            verify_url=verify_url("sample"),
            signatories=snapshot.signatories,
            logos=snapshot.logos,
            seal=snapshot.seal,
            background=snapshot.background,
            accent=snapshot.accent,
            labels={
                "heading": snapshot.heading or _("Certificate of Completion"),
                "statement": snapshot.statement
                or issuer.statement
                or _("has successfully completed"),
                "serial": _("Serial number"),
                "issued": _("Issued"),
                "expires": _("Valid until"),
                "verify": _("Verify at"),
            },
            title=_("Preview"),
            language=sample.language,
        )
    return render_certificate(document)


def design_preview_response(design, mode: str) -> HttpResponse:
    response = HttpResponse(design_preview_pdf(design, mode), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="preview.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response
