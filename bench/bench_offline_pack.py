"""Field pack sizes (issue 16): the offline code, and the crane survey course kept in one language.

Builds a fresh database with the demo data (``load_demo_data``), logs the demo
learner in, marks the course's quizzes "can be taken offline", asks the portal
what "Keep this course on my phone" stores for the crane survey course in
English, and fetches each address as the browser would, counting the bytes it
gets (pages rendered for the learner; static files at their size on disk, as
WhiteNoise serves them). The quizzes' attempt pages are started and fetched
too, as the browser does when it keeps the course.

Bars (issue 16): the service worker and the offline code, gzipped, <= 30 KB;
the stored course <= 3 MB. Exit status 1 if a bar is not met.
"""

import gzip
import sys
import tempfile
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="flyway-bench-offline-")
benchdb.configure(TMP)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]

CODE_BAR = 30 * 1024
PACK_BAR = 3 * 1024 * 1024
OFFLINE_CODE = ("offline/sw.js", "offline/offline.js", "assessments/attempt.js")


def gzipped(name: str) -> int:
    with open(finders.find(name), "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=9))


def body_size(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def fetched_size(client: Client, url: str) -> int:
    path = url.split("?", 1)[0]
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL) :])
        return Path(found).stat().st_size if found else 0
    if path.startswith(settings.MEDIA_URL):
        # Uploaded files (the drawings, from the image library) are served by the
        # proxy or object storage, not by Django under these settings: read the size
        # where they are stored. A listed file that is not there is an error.
        from django.core.files.storage import default_storage

        return default_storage.size(path[len(settings.MEDIA_URL) :])
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return body_size(response)


def main() -> int:
    from assessments.models import Quiz
    from courses.models import CoursePage
    from portal.home.demo import demo_password

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    course = CoursePage.objects.get(slug="crane-survey-techniques", locale__language_code="en")
    Quiz.objects.filter(course=course, time_limit_minutes__isnull=True).update(offline_allowed=True)

    code = {name: gzipped(name) for name in OFFLINE_CODE}
    for name, size in code.items():
        print(f"{name:32} {size / 1024:6.1f} KB gzipped")
    code_total = sum(code.values())
    print(f"{'offline code, total':32} {code_total / 1024:6.1f} KB gzipped (bar 30 KB)")

    client = Client()
    assert client.login(email="learner@example.org", password=demo_password())
    pack = client.get(f"/en/offline/courses/{course.pk}/").json()
    total = 0
    for row in pack["files"]:
        total += fetched_size(client, row["url"])
    for quiz in pack["quizzes"]:
        response = client.post(quiz["start_url"], follow=True)
        total += body_size(response)
    print(
        f"crane survey course, English: {len(pack['files'])} files, {len(pack['quizzes'])} "
        f"offline quizzes; listed {pack['size'] / 1048576:.2f} MB, "
        f"fetched {total / 1048576:.2f} MB (bar 3 MB)"
    )
    met = code_total <= CODE_BAR and total <= PACK_BAR
    benchdb.result(
        f"offline code {code_total / 1024:.1f} KB gz (<= 30), "
        f"crane course {total / 1048576:.2f} MB (<= 3)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
