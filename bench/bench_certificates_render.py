"""Certificates: render speed and a 1,000-person cohort through the task worker (BRIEF §7).

Two bars, on one core (this script is one process):

1. render: at least 60 certificates per second, QR code and font subsetting
   included, for names in Chinese, Japanese, Korean, Mongolian (Cyrillic and
   traditional script) and Russian Cyrillic, Latin with diacritics and a
   150-character name, each in the holder's language, on a course design with
   a seal and two signature images. The baseline measured in the same run
   is reportlab's floor on this machine: a one-page PDF with one line of text
   in a built-in font (no embedded fonts, no QR code).
2. bulk issue: 1,000 certificates for one cohort in at most 60 s through the
   task worker path: ``issue_run_create`` enqueues ``issue_run_task`` in the
   database queue (django_tasks_db), and ``db_worker --batch`` carries it out
   and sends the 1,000 notification e-mails (their tasks too).

"On one core" is measured as this process's CPU time (``time.process_time``):
the machine is shared, and wall-clock time there counts other people's work.
Wall-clock figures are printed beside them. Builds its own fresh SQLite
database. Exits 1 when a bar is not met.
"""

import io
import sys
import tempfile
import time
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="flyway-bench-certificates-")
benchdb.configure(TMP)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
settings.MEDIA_ROOT = f"{TMP}/media"
django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

RENDER_BAR = 60.0  # certificates per second
BULK_BAR = 60.0  # seconds for 1,000
RENDERS = 150
COHORT_SIZE = 1000

NAMES = [
    ("王小明", "Wang Xiaoming"),
    ("山田 太郎", "Yamada Taro"),
    ("김민준", "Kim Minjun"),
    ("Батбаяр Өлзийсайхан", "Batbayar Olziisaikhan"),
    ("Анна Иванова", "Anna Ivanova"),
    ("", "Zoë Ştefănescu-Nguyễn"),
]
# Render only (not the bulk issue, whose participants' names are above): the
# scripts and lengths the certificate fonts were chosen for, in the holder's language.
RENDER_NAMES = [
    ("王小明", "Wang Xiaoming", "zh-hans"),
    ("山田 太郎", "Yamada Taro", "ja"),
    ("김민준", "Kim Minjun", "ko"),
    ("Батбаяр Өлзийсайхан", "Batbayar Olziisaikhan", "mn"),
    ("ᠪᠠᠲᠤᠪᠠᠶᠠᠷ ᠥᠯᠵᠡᠶᠢᠰᠠᠶᠢᠬᠠᠨ", "Batbayar Olziisaikhan", "mn"),
    ("Анна Иванова", "Anna Ivanova", "ru"),
    ("", "Zoë Ştefănescu-Nguyễn", "en"),
    (
        "",
        (
            "Maximiliana Alexandrina Konstantina Wilhelmina von Hohenzollern-Sigmaringen "
            "de la Cruz y Fernández-Ortega Montgomery-Barrington-Smythe Featherstonehaugh"
        )[:150],
        "en",
    ),
]


def baseline_rate(count: int) -> float:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    start = time.process_time()
    for n in range(count):
        buffer = io.BytesIO()
        c = canvas.Canvas(buffer, pagesize=landscape(A4))
        c.drawString(100, 300, f"Certificate {n}")
        c.showPage()
        c.save()
    return count / (time.process_time() - start)


def render_rate(count: int) -> tuple[float, float]:
    """Certificates per CPU second and per wall-clock second."""
    from certificates.demo_images import seal_png, signature_png
    from certificates.pdf import CertificateDocument, Signature, render_certificate

    render_certificate(CertificateDocument("x", "x", "x", "x", "x", "x"))  # fonts registered
    seal = seal_png(initials="FA", colour="#8a3b12")
    signatures = [signature_png(name=name) for name in ("Seo-yeon Park", "Kenji Yamamoto")]
    start, wall = time.process_time(), time.perf_counter()
    for n in range(count):
        native, latin, language = RENDER_NAMES[n % len(RENDER_NAMES)]
        render_certificate(
            CertificateDocument(
                issuer_name="Flyway Academy",
                holder_name=latin,
                holder_native_name=native,
                course_title="Crane survey techniques",
                cohort_line="Training Workshop for Young Crane Researchers · 6\u20138 July 2025 · "
                "Khurkh and Khuiten Nature Reserve, Mongolia",
                serial=f"FA-2026-{n:06d}",
                issued_on="26 November 2026",
                expires_on="26 November 2029",
                verify_url=f"https://academy.example/en/certificates/verify/{n:043d}/",
                signatories=(
                    Signature("Seo-yeon Park", "Programme Secretariat", signatures[0]),
                    Signature("Kenji Yamamoto", "Lead Instructor", signatures[1]),
                ),
                seal=seal,
                accent="#8a3b12",
                language=language,
            )
        )
    return count / (time.process_time() - start), count / (time.perf_counter() - wall)


def build_cohort(size: int):
    from courses.models import Cohort, CohortMode, Enrolment
    from portal.registry.models import Participant
    from tests.courses.factories import make_course

    course = make_course(modules=1, title="Crane survey techniques", slug="crane-survey-bench")
    cohort = Cohort.objects.create(
        course=course,
        slug="khurkh-bench",
        title="Training Workshop for Young Crane Researchers",
        mode=CohortMode.IN_PERSON,
        venue="Khurkh and Khuiten Nature Reserve",
        country="MN",
    )
    now = timezone.now()
    people = Participant.objects.bulk_create(
        Participant(
            email=f"p{n}@example.org",
            given_name=NAMES[n % len(NAMES)][1].split()[0],
            family_name=f"{NAMES[n % len(NAMES)][1].split()[-1]}{n}",
            native_name=NAMES[n % len(NAMES)][0],
            gender="woman",
            profile_completed_at=now,
        )
        for n in range(size)
    )
    Enrolment.objects.bulk_create(
        Enrolment(participant=p, cohort=cohort, completed_at=now) for p in people
    )
    return cohort


def main() -> int:
    base = baseline_rate(200)
    rate, wall_rate = render_rate(RENDERS)
    print(f"render baseline (bare reportlab page): {base:8.1f} PDFs per CPU second")
    print(
        f"certificate render (QR, embedded fonts): {rate:8.1f} certificates per CPU second "
        f"({1000 / rate:.1f} ms each, {rate / base:.1%} of baseline; wall clock "
        f"{wall_rate:.1f}/s) - bar {RENDER_BAR:.0f}/s"
    )

    call_command("migrate", verbosity=0, interactive=False)
    from certificates.models import Certificate, IssueRun
    from certificates.services import issue_run_create

    cohort = build_cohort(COHORT_SIZE)
    start, wall = time.process_time(), time.perf_counter()
    with transaction.atomic():
        issue_run_create(cohort=cohort, reason="Benchmark")
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    elapsed, wall = time.process_time() - start, time.perf_counter() - wall
    run = IssueRun.objects.get()
    issued = Certificate.objects.filter(enrolment__cohort=cohort).count()
    print(
        f"bulk issue through the task worker: {issued} certificates in {elapsed:.1f} CPU s "
        f"({issued / elapsed:.1f}/s; wall clock {wall:.1f} s), run {run.status}, "
        f"{len(mail.outbox)} e-mails - bar {COHORT_SIZE} in {BULK_BAR:.0f} s"
    )

    benchdb.result(
        f"render {rate:.1f}/CPU s (bar {RENDER_BAR:.0f}); "
        f"bulk {issued} in {elapsed:.1f} CPU s (bar {BULK_BAR:.0f} s)"
    )
    failures = []
    if rate < RENDER_BAR:
        failures.append(f"render {rate:.1f}/s < {RENDER_BAR}/s")
    if issued != COHORT_SIZE or elapsed > BULK_BAR:
        failures.append(f"bulk {issued} in {elapsed:.1f} s")
    if failures:
        print("NOT MET: " + "; ".join(failures))
        return 1
    print("met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
