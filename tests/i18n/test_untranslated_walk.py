"""No interface text is left in English on any page, in any of the five other languages.

Issue 17's bar: the test walks the public, learner, instructor and secretariat
pages over the demo data, in Chinese, Japanese, Korean, Mongolian and Russian,
and fails on English left in the interface. What it counts as English: a run
of two or more Latin-letter words in a text or in a ``title``, ``placeholder``,
``aria-label`` or ``alt`` attribute. What it leaves out, because it is not the
interface:

- content, which declares its language with ``lang`` (course, module and quiz
  texts: an untranslated course is marked ``lang="en"`` on a Mongolian page and
  read in an English voice); whether every course is translated is checked
  with the content (``test_content_languages.py``);
- what people typed about themselves and proper names, marked
  ``translate="no"`` (names, organisations, venues);
- the portal's name, and code, scripts and styles.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup, Comment
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from portal.accounts.models import User

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ["zh-hans", "ja", "ko", "mn", "ru"]
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[ \-][A-Za-z][A-Za-z'’]*)+")
NOT_INTERFACE = {"script", "style", "noscript", "template", "code", "kbd", "pre", "title"}
ALLOWED = ["Flyway Academy", "Open Badges", "Creative Commons"]
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


def english_left(html: str) -> list[str]:
    """The English runs in the interface of ``html`` (see the module's docstring)."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("html")
    found: list[str] = []

    def latin(text: str) -> bool:
        for allowed in ALLOWED:
            text = text.replace(allowed, "")
        return bool(LATIN_RUN.search(text))

    def walk(element) -> None:
        if element.name in NOT_INTERFACE or element.get("translate") == "no":
            return
        if element is not root and element.get("lang") is not None:
            return
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if value and latin(value):
                found.append(f"[{attribute}] {value.strip()[:120]}")
        for child in element.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, str):
                text = " ".join(child.split())
                if text and latin(text):
                    found.append(text[:160])
            elif child.name:
                walk(child)

    walk(root)
    return found


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo_data", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _paths_public() -> list[str]:
    from courses.models import ModulePage
    from courses.selectors import course_originals

    paths = ["/", "/courses/", "/impact/", "/network/", "/network/overview/"]
    paths += ["/network/cohorts/khurkh-2025/", "/privacy-policy/", "/certificates/verify/"]
    paths += ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
    for course in course_originals():
        paths.append(f"/courses/{course.slug}/")
        module = ModulePage.objects.child_of(course).live().first()
        if module is not None:
            paths.append(f"/courses/{course.slug}/{module.slug}/")
    return paths


def _walk(client: Client, paths: list[str]) -> dict[str, list[str]]:
    left: dict[str, list[str]] = defaultdict(list)
    for language in LANGUAGES:
        for path in paths:
            url = f"/{language}{path}"
            response = client.get(url, follow=True)
            assert response.status_code == 200, url
            if "html" not in response.headers.get("Content-Type", ""):
                continue
            for text in english_left(response.content.decode()):
                left[url].append(text)
    return dict(left)


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


@functools.cache
def interface_msgids() -> frozenset[str]:
    """Every English interface string the portal and its libraries can show (lower case),
    read from the catalogues: ours, and the English ones Wagtail, Django and
    django-countries ship. Those with placeholders are left out: their text varies."""
    from portal.core.vendor_catalogues import _english_messages

    texts = {m.msgid for m in _english_messages()}
    texts |= {e.msgid for e in polib.pofile(str(REPO / "locale/ja/LC_MESSAGES/django.po"))}
    return frozenset(
        " ".join(t.split()).lower()
        for t in texts
        if len(t) > 2 and not PLACEHOLDER.search(t) and "<" not in t
    )


def _words(text: str, data: frozenset[str] = frozenset()) -> bool:
    """Words to read: not a name kept in every language, an acronym (PDF, ZIP), or
    data that happens to read like an interface string (a page titled "Courses")."""
    if text in ALLOWED or text.lower() in data or text.isupper():
        return False
    return bool(re.search("[A-Za-z]{2}", text))


def admin_data() -> frozenset[str]:
    """Page titles, tag names and group names: the admin lists data as it was written."""
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    from portal.taxonomy.models import Tag

    names = [*Page.objects.values_list("title", flat=True)]
    names += [*Tag.objects.values_list("name", flat=True)]
    names += [*Group.objects.values_list("name", flat=True)]
    return frozenset(name.lower() for name in names)


def english_interface_strings(html: str, data: frozenset[str] = frozenset()) -> list[str]:
    """Texts and attributes of ``html`` that are, whole, an English interface string:
    in the admin, page titles and people's names are everywhere and unmarked, so
    there the check is for the interface's own words left untranslated."""
    soup = BeautifulSoup(html, "html.parser")
    known = interface_msgids()
    found = []
    for element in soup.find_all(True):
        if element.name in NOT_INTERFACE:
            continue
        for attribute in ATTRIBUTES:
            value = " ".join((element.get(attribute) or "").split())
            if value.lower() in known and _words(value, data):
                found.append(f"[{attribute}] {value}")
        for child in element.children:
            if isinstance(child, str) and not isinstance(child, Comment):
                text = " ".join(child.split())
                if text.lower() in known and _words(text, data):
                    found.append(text)
    return found


def _walk_admin(user, paths: list[str]) -> dict[str, list[str]]:
    """The admin in each language, as its user chose it in their Wagtail account."""
    from wagtail.users.models import UserProfile

    client = Client()
    client.force_login(user)
    profile = UserProfile.get_for_user(user)
    left: dict[str, list[str]] = defaultdict(list)
    data = admin_data()
    for language in LANGUAGES:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
        for path in paths:
            response = client.get(path, follow=True)
            assert response.status_code == 200, path
            for text in english_interface_strings(response.content.decode(), data):
                left[f"{language} {path}"].append(text)
    return dict(left)


def _report(left: dict[str, list[str]]) -> str:
    lines = [f"{url}: {text}" for url, texts in sorted(left.items()) for text in sorted(set(texts))]
    return "English left in the interface:\n" + "\n".join(lines[:200])


def test_the_checker_finds_english_and_leaves_marked_content_alone():
    page = (
        '<html lang="mn"><head><title>Flyway Academy</title></head><body>'
        "<p>Сургалтууд</p><p>Select a course</p>"
        '<p lang="en">Crane survey techniques</p><p translate="no">Anna Ivanova</p>'
        '<input placeholder="Search all pages"><span>Flyway Academy</span>'
        "</body></html>"
    )
    assert english_left(page) == ["Select a course", "[placeholder] Search all pages"]


@pytest.mark.django_db
def test_no_english_is_left_in_the_public_and_learner_pages(demo):
    from assessments.models import Quiz
    from certificates.models import Certificate

    anonymous = Client()
    paths = _paths_public()
    certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
    if certificate is not None:
        paths.append(f"/certificates/verify/{certificate.code}/")
    left = _walk(anonymous, paths)

    learner = Client()
    learner.force_login(User.objects.get(email="learner@example.org"))
    learner_paths = ["/dashboard/", "/profile/", "/profile/edit/", "/network/"]
    learner_paths += ["/network/settings/", "/network/messages/", "/certificates/", "/calendar/"]
    quiz = Quiz.objects.filter(course__slug="crane-survey-techniques", locale__language_code="en")
    learner_paths += [f"/quizzes/{q.pk}/" for q in quiz]
    left.update(_walk(learner, learner_paths))
    assert not left, _report(left)


@pytest.mark.django_db
def test_no_english_is_left_in_the_secretariats_portal_pages(demo):
    secretariat = Client()
    secretariat.force_login(User.objects.get(email="secretariat@example.org"))
    paths = ["/reports/participation/", "/reports/targets/", "/reports/snapshots/"]
    paths += ["/network/reports/"]
    left = _walk(secretariat, paths)
    assert not left, _report(left)
