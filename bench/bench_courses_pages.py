"""Module page speed: a module with 20 blocks against a bare Wagtail page, and a
logged-in learner against an anonymous visitor.

This script builds a fresh SQLite database, creates a course with a module of
20 blocks (text, callouts, field protocols, species cards, glossary terms and a
shipped drawing: every block type that needs no uploaded file), and serves
pages through Django's test client in a loop, in this process: the whole
request cycle (middleware, sessions, Wagtail's routing, templates) without
network noise. It measures requests per second of

- baseline: a bare Wagtail page (``wagtailcore.Page``, no fields of its own)
  at the same depth in the page tree as the module (/en/bare/section/unit/
  against /en/courses/<course>/<module>/), rendered in the portal's own base
  template (header, language switcher, footer), so that routing and the site
  chrome both pages share are on both sides; a bare page directly under the
  home page, and the same in Wagtail's minimal built-in template, are printed
  for reference;
- subject 1: the module page, anonymous;
- subject 2: the module page for a logged-in, enrolled learner with progress.

Rounds alternate baseline and subjects and the median of the rounds counts.
The bars (BRIEF §7): module >= 80 % of the bare page; logged-in learner >= 70 %
of anonymous. Exit status 1 if a bar is not met.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="flyway-bench-courses-")
benchdb.configure(TMP)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]
settings.DEBUG = False

MODULE_BAR = 0.80
LEARNER_BAR = 0.70
ROUNDS = 7
REQUESTS = 60

# A bare page in the portal's base template; written to a temporary template
# folder so that the project ships no benchmark-only template.
BARE_TEMPLATE_DIR = Path(TMP) / "templates"
(BARE_TEMPLATE_DIR / "bench").mkdir(parents=True)
(BARE_TEMPLATE_DIR / "bench" / "bare_page.html").write_text(
    '{% extends "base.html" %}{% block content %}<div class="wrap"><h1>{{ page.title }}</h1>'
    "</div>{% endblock %}"
)
settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], BARE_TEMPLATE_DIR]


def module_blocks() -> list[tuple[str, object]]:
    """20 blocks, like a real field module."""
    species = {
        "common_names": {
            "en": "Hooded Crane",
            "zh": "白头鹤",
            "ja": "ナベヅル",
            "ko": "흑두루미",
            "mn": "Хар тогоруу",  # noqa: RUF001 (Cyrillic, not Latin)
            "ru": "Черный журавль",
        },
        "scientific_name": "Grus monacha",
        "status": "VU",
        "identification": "<p>Small, dark crane with a white head and neck.</p>",
        "image": None,
        "image_credit": "",
    }
    paragraph = (
        "<h2>Counting a roost</h2><p>Cranes leave the roost at first light. Each team counts "
        "the birds that leave its side of the roost, in <strong>blocks of ten</strong>, and "
        "notes the time and direction of every flock.</p>"
    )
    blocks = []
    for n in range(4):
        blocks += [
            ("rich_text", paragraph),
            (
                "callout",
                {
                    "kind": ["safety", "ethics", "permits", "tip"][n],
                    "title": "Keep your distance",
                    "text": "<p>Stay 300 m from a roost; leave before the birds settle.</p>",
                },
            ),
            (
                "protocol",
                {
                    "title": "Before dawn",
                    "steps": ["Arrive an hour early.", "Synchronise watches.", "Count."],
                },
            ),
            ("glossary", {"term": "Block count", "definition": "<p>Estimate by tens.</p>"}),
        ]
    blocks += [("species_card", species)] * 3
    # A drawing from the image library, as the demo files one (the block takes no path).
    from courses.demo import block_value

    drawing = {
        "svg": "courses/img/block-counting.svg",
        "caption": "Block counting",
        "credit": "Flyway Academy",
    }
    blocks += [("figure", block_value("figure", drawing))]
    assert len(blocks) == 20
    return blocks


def build():
    from wagtail.models import Page

    from courses import services
    from courses.demo import load_course_index
    from courses.models import CourseLanguage, CoursePage, ModulePage
    from portal.accounts.models import User
    from portal.home.models import HomePage
    from portal.registry.models import Participant

    home = HomePage.objects.get()
    # Bare pages at the module's depth (home / a / b / page), so that both sides
    # pay the same for Wagtail's routing through the tree, and one directly
    # under the home page for reference.
    top = home.add_child(instance=Page(title="A bare page", slug="bare"))
    top.save_revision().publish()
    parent = top
    for slug in ("section", "unit"):
        parent = parent.add_child(instance=Page(title=f"Bare {slug}", slug=slug))
        parent.save_revision().publish()
    bare = parent
    index = load_course_index()
    course = CoursePage(
        title="Crane survey techniques",
        slug="crane-survey-techniques",
        summary="Counts at roosts and feeding sites.",
        topic="surveys",
        level="introductory",
        estimated_hours=4,
        outcomes=[("outcome", "Plan a synchronised count.")],
    )
    course.languages = [CourseLanguage(language="en")]
    index.add_child(instance=course)
    course.save_revision().publish()
    modules = []
    for n in range(1, 7):
        module = course.add_child(
            instance=ModulePage(title=f"Module {n}", slug=f"module-{n}", body=module_blocks())
        )
        module.save_revision().publish()
        modules.append(module)
    cohort = services.course_self_paced_cohort_ensure(course=course)

    user = User.objects.create_user(email="learner@example.org", password=None)
    participant = Participant.objects.create(
        user=user,
        email=user.email,
        given_name="Oyunchimeg",
        family_name="Batbayar",
        country="MN",
        profile_completed_at=timezone.now(),
    )
    enrolment = services.enrolment_create(participant=participant, cohort=cohort)
    for module in modules[:2]:
        services.module_mark_done(enrolment=enrolment, module=module)
    return top, bare, modules[2], user


def rate(client: Client, url: str, n: int = REQUESTS) -> float:
    start = time.perf_counter()
    for _ in range(n):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return n / (time.perf_counter() - start)


def main() -> int:
    call_command("migrate", verbosity=0)
    top, bare, module, user = build()
    anonymous = Client()
    learner = Client()
    learner.force_login(user)
    top_url, bare_url, module_url = top.url, bare.url, module.url
    assert bare_url.count("/") == module_url.count("/"), (bare_url, module_url)
    assert b"Mark as done" in learner.get(module_url).content

    from wagtail.models import Page

    results = {"bare": [], "bare_top": [], "bare_minimal": [], "module": [], "learner": []}
    for url, client in ((bare_url, anonymous), (module_url, anonymous), (module_url, learner)):
        rate(client, url, 20)  # warm caches, as a running server has them
    for _ in range(ROUNDS):
        Page.template = "bench/bare_page.html"
        results["bare"].append(rate(anonymous, bare_url))
        results["bare_top"].append(rate(anonymous, top_url))
        results["module"].append(rate(anonymous, module_url))
        results["learner"].append(rate(learner, module_url))
        Page.template = "wagtailcore/page.html"
        results["bare_minimal"].append(rate(anonymous, top_url))
    median = {key: statistics.median(values) for key, values in results.items()}

    module_ratio = median["module"] / median["bare"]
    learner_ratio = median["learner"] / median["module"]
    print("Served with Django's test client in a loop (in-process, full middleware stack).")
    print(f"bare Wagtail page at the module's depth: {median['bare']:7.1f} req/s  ({bare_url})")
    print(f"bare Wagtail page under the home page:   {median['bare_top']:7.1f} req/s  ({top_url})")
    print(f"  the same in Wagtail's minimal template: {median['bare_minimal']:7.1f} req/s")
    print(f"module page, 20 blocks, anonymous:       {median['module']:7.1f} req/s")
    print(f"module page, logged-in enrolled learner: {median['learner']:7.1f} req/s")
    print(f"module / bare page:    {module_ratio:6.1%} (bar {MODULE_BAR:.0%})")
    print(
        f"  for reference, module / bare page under the home page: "
        f"{median['module'] / median['bare_top']:.1%}"
    )
    print(f"learner / anonymous:   {learner_ratio:6.1%} (bar {LEARNER_BAR:.0%})")
    ok = module_ratio >= MODULE_BAR and learner_ratio >= LEARNER_BAR
    benchdb.result(
        f"module/bare {module_ratio:.1%} (bar {MODULE_BAR:.0%}); "
        f"learner/anonymous {learner_ratio:.1%} (bar {LEARNER_BAR:.0%})"
    )
    print("bar met" if ok else "bar NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
