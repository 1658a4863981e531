"""The field pack: what "Keep this course on my phone" stores (docs/offline.md).

``course_offline_pack`` lists, for one course in the language it is read in,
every address the phone must store so the course reads offline: the course
page and its modules, the images, figures and downloads they show, the site's
styles, scripts and icons, each with its size, so the control can say how much
it will take before it starts.

The quizzes belong to an app above this one. That app registers a provider in
:data:`offline_pack_providers` from its ``AppConfig.ready()``: a callable taking
``course=`` (the source course) and ``participant=`` that returns a list of
:class:`OfflineQuiz` for the quizzes that may be taken offline.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.templatetags.static import static
from wagtail.documents import get_document_model

from portal.core.hooks import Hook

from .models import CoursePage, ModulePage

# Same-origin addresses of files a page shows or offers (src, href, srcset).
_ASSET_RE = re.compile(r"""(?:src|href|srcset)="(/(?:static|media|documents)/[^"\s]+)""")
_DOCUMENT_RE = re.compile(r"^/documents/(\d+)/")
# The attempt page of a quiz weighs about this much; it is drawn when stored.
QUIZ_PAGE_ESTIMATE = 24_000
# The service worker and the pieces every stored page needs, whatever it shows.
SHELL_STATIC = (
    "css/portal.css",
    "css/courses.css",
    "css/assessments.css",
    "css/print.css",
    "offline/offline.js",
    "assessments/attempt.js",
    "img/logo.svg",
    "img/icons/icon-192.png",
)


@dataclass(frozen=True)
class OfflineQuiz:
    """A quiz to take offline: its page addresses and where its attempt starts.

    ``detail_urls`` are every address the course's pages link to for it (the
    quiz and its translations); the stored attempt page answers for each.
    """

    title: str
    detail_urls: list[str]
    start_url: str


offline_pack_providers: Hook[Callable[..., list[OfflineQuiz]]] = Hook()


def _static_size(name: str) -> int:
    try:
        return staticfiles_storage.size(name)
    except (OSError, NotImplementedError, ValueError, ImproperlyConfigured):
        found = finders.find(name)
        return Path(found).stat().st_size if found else 0


def _asset_size(url: str) -> int:
    """The stored size of a same-origin file, 0 if it cannot be told."""
    path = unquote(url.split("?", 1)[0])
    if path.startswith(settings.STATIC_URL):
        return _static_size(path[len(settings.STATIC_URL) :])
    if path.startswith(settings.MEDIA_URL):
        try:
            return default_storage.size(path[len(settings.MEDIA_URL) :])
        except OSError:
            return 0
    match = _DOCUMENT_RE.match(path)
    if match:
        document = get_document_model().objects.filter(pk=match.group(1)).first()
        if document is not None:
            return document.file_size or 0
    return 0


def _rendered(page, request) -> bytes:
    """The page as the reader gets it at its own address (for its size and files)."""
    url = page.get_url(request)
    sub = copy.copy(request)
    # Its own META: rendering a form asks for the CSRF token, which would mark
    # the reader's response to set the cookie again; a slow list arriving after
    # a log-out would then put the old token back.
    sub.META = dict(request.META)
    sub.path = sub.path_info = url
    sub.method = "GET"
    response = page.specific.serve(sub)
    if hasattr(response, "render"):
        response.render()
    return response.content


def course_offline_pack(*, course: CoursePage, participant, request) -> dict:
    """Every address to store for ``course`` as read in ``request``'s language.

    Args:
        course: the course page being read (maybe a translation).
        participant: the reader, enrolled in the course (the view checks).
        request: the reader's request; the pages are rendered for them.

    Returns a dict: ``key`` (the stored copy's name), ``title``, ``language``,
    ``files`` (``url``, ``size``), ``quizzes`` (see :class:`OfflineQuiz`),
    ``size`` (the total in bytes, quizzes estimated).
    """
    pages = [course, *ModulePage.objects.live().child_of(course).order_by("path")]
    sizes: dict[str, int] = {}
    assets: set[str] = {static(name) for name in SHELL_STATIC}
    for page in pages:
        html = _rendered(page, request)
        sizes[page.get_url(request)] = len(html)
        for match in _ASSET_RE.finditer(html.decode("utf-8", "replace")):
            for candidate in match.group(1).split(","):
                assets.add(candidate.strip().split(" ", 1)[0].replace("&amp;", "&"))
    for url in sorted(assets):
        sizes.setdefault(url, _asset_size(url))
    quizzes = [
        quiz
        for provider in offline_pack_providers.providers()
        for quiz in provider(course=course.source_page, participant=participant)
    ]
    files = [{"url": url, "size": size} for url, size in sizes.items()]
    return {
        "key": f"course-{course.pk}",
        "title": course.title,
        "url": course.get_url(request),
        "language": course.locale.language_code,
        "files": files,
        "quizzes": [asdict(quiz) for quiz in quizzes],
        "size": sum(sizes.values()) + QUIZ_PAGE_ESTIMATE * len(quizzes),
    }
