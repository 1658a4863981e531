"""Demo data of this app for ``load_demo_data``: idempotent, built through services.

- the certificate settings of the default site (issuer and two signatories,
  the demo secretariat and instructor accounts' names);
- a certificate design per demo course (its own signatories, accent colour,
  a drawn seal and drawn signatures, see ``demo_images``) and a default design;
- a three-year validity for the colour-banding and drone courses, whose
  skills are tied to permits;
- certificates for the ``khurkh-2025`` attendees at or above the threshold and
  for the demo learner's completed enrolments. No e-mail is sent for them.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Site

from .demo_images import seal_png, signature_png
from .models import (
    CertificateDesign,
    CertificatePolicy,
    CertificateSettings,
    DesignCourse,
    DesignSignatory,
    Signatory,
)
from .selectors import eligible_enrolments
from .services import certificate_issue

KHURKH_COHORT = "khurkh-2025"
DEMO_LEARNER = "learner@example.org"
SIGNATORIES = [
    ("Seo-yeon Park", "Programme Secretariat, Flyway Academy"),
    ("Kenji Yamamoto", "Lead Instructor, Crane Survey Techniques"),
]
# Course slugs (fragments) whose certificates lapse, and after how many months.
VALIDITY = {"band": 36, "drone": 36}


SECRETARIAT = ("Seo-yeon Park", "Programme Secretariat, Flyway Academy")
# Course slug: (design name, accent colour, its lead instructor).
DESIGNS = {
    "crane-survey-techniques": (
        "Crane survey techniques",
        "#1f6f5c",
        ("Kenji Yamamoto", "Lead Instructor, Crane Survey Techniques"),
    ),
    "colour-banding": (
        "Colour banding",
        "#8a3b12",
        ("Nyamdorj Tserendash", "Lead Instructor, Colour Banding"),
    ),
    "drones-remote-sensing": (
        "Drones and remote sensing",
        "#1d4e89",
        ("Li Wen", "Lead Instructor, Drones and Remote Sensing"),
    ),
    "wetland-habitat-assessment": (
        "Wetland habitat assessment",
        "#3f6b2a",
        ("Anna Ivanova", "Lead Instructor, Wetland Habitat Assessment"),
    ),
    "crane-data-analysis": (
        "Crane data analysis",
        "#5b3f8c",
        ("Bolormaa Ganbat", "Lead Instructor, Crane Data Analysis"),
    ),
    "conservation-planning": (
        "Conservation planning",
        "#6b4c1f",
        ("Batbayar Ganzorig", "Lead Instructor, Conservation Planning"),
    ),
}


def _image(title: str, data: bytes):
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        filename = title.lower().replace(" ", "-").replace(",", "") + ".png"
        image = Image.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=filename))
    return image


def _signatory(design: CertificateDesign, name: str, title: str, order: int) -> None:
    signature = _image(f"Signature of {name}", signature_png(name=name))
    DesignSignatory.objects.update_or_create(
        design=design,
        name=name,
        defaults={"title": title, "sort_order": order, "signature": signature},
    )


@transaction.atomic
def load_designs() -> int:
    """A design per demo course and the default one; returns how many were added."""
    from wagtail.models import Locale

    from courses.models import CoursePage

    added = 0
    default, new = CertificateDesign.objects.get_or_create(
        is_default=True,
        defaults={
            "name": "Flyway Academy",
            "seal": _image("Seal, Flyway Academy", seal_png(initials="FA", colour="#1f6f5c")),
        },
    )
    added += new
    _signatory(default, *SECRETARIAT, 0)
    courses = CoursePage.objects.filter(locale=Locale.get_default())
    for slug, (name, accent, instructor) in DESIGNS.items():
        course = courses.filter(slug=slug).first()
        if course is None:
            continue
        design, new = CertificateDesign.objects.get_or_create(
            name=name,
            defaults={
                "accent": accent,
                "seal": _image(f"Seal, {name}", seal_png(initials="FA", colour=accent)),
            },
        )
        added += new
        _signatory(design, *instructor, 0)
        _signatory(design, *SECRETARIAT, 1)
        DesignCourse.objects.get_or_create(course=course, defaults={"design": design})
    return added


def _write(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def load_settings() -> CertificateSettings | None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    setting = CertificateSettings.for_site(site)
    setting.issuer_name = "Flyway Academy"
    setting.issuer_description = (
        "Capacity building for conservation of migratory birds and wetlands in North-East Asia."
    )
    setting.save()
    for order, (name, title) in enumerate(SIGNATORIES):
        Signatory.objects.update_or_create(
            settings=setting, name=name, defaults={"title": title, "sort_order": order}
        )
    return setting


def load_policies() -> int:
    """Validity periods for the courses in the default language (cohorts hang on those)."""
    from wagtail.models import Locale

    from courses.models import CoursePage

    created = 0
    courses = CoursePage.objects.filter(locale=Locale.get_default())
    for fragment, months in VALIDITY.items():
        for course in courses.filter(slug__icontains=fragment):
            _policy, new = CertificatePolicy.objects.get_or_create(
                course=course, defaults={"validity_months": months}
            )
            created += new
    return created


def load_certificates() -> int:
    from courses.models import Cohort, Enrolment

    issued = 0
    cohort = Cohort.objects.filter(slug=KHURKH_COHORT).first()
    candidates = list(eligible_enrolments(cohort=cohort)) if cohort else []
    candidates += list(
        eligible_enrolments().filter(participant__email__iexact=DEMO_LEARNER)
        if Enrolment.objects.filter(participant__email__iexact=DEMO_LEARNER).exists()
        else []
    )
    for enrolment in candidates:
        certificate_issue(enrolment=enrolment, notify=False)
        issued += 1
    return issued


def load(*, password: str, stdout=None) -> None:
    """Load this app's demo data; running it again changes nothing."""
    load_settings()
    designs = load_designs()
    policies = load_policies()
    issued = load_certificates()
    _write(
        stdout,
        f"Certificates: {designs} designs and {policies} course policies added, "
        f"{issued} certificates issued.",
    )
