"""Demo data of this app for ``load_demo_data``: idempotent, built through services.

- the certificate settings of the default site (issuer and two signatories,
  the demo secretariat and instructor accounts' names);
- a three-year validity for the colour-banding and drone courses, whose
  skills are tied to permits;
- certificates for the ``khurkh-2025`` attendees at or above the threshold and
  for the demo learner's completed enrolments. No e-mail is sent for them.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Site

from .models import CertificatePolicy, CertificateSettings, Signatory
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
    policies = load_policies()
    issued = load_certificates()
    _write(stdout, f"Certificates: {policies} course policies added, {issued} certificates issued.")
