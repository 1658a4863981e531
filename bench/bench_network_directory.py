"""Directory page speed: 2,000 listed members against 20, same queries.

The trainee directory must not slow down as the network grows: it pages its
results, and search and filters run as SQL (EXISTS subqueries), not Python.
This script builds a fresh SQLite database, serves the directory to a logged-in
member through Django's test client, and measures

- baseline: the directory with 20 listed members (plus 20 hidden ones);
- subject: the same with 2,000 listed and 2,000 hidden members;

for the plain page and for a search (name + species + country). The bar: the
subject serves at >= 50 % of the baseline's throughput and makes exactly as
many queries. Exit status 1 if the bar is not met.
"""

import sys
import tempfile
import time
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="flyway-bench-network-")
benchdb.configure(TMP)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]
settings.DEBUG = False

MIN_RATIO = 0.50
UNUSABLE = "!"  # an unusable password hash: nobody logs in with it
ROUNDS = 40
SEARCHES = [{}, {"q": "bat", "species": "white-naped-crane", "country": "MN"}]


def build(count: int, start: int, tags) -> None:
    """``count`` listed and ``count`` hidden members, in bulk."""
    from portal.accounts.models import User
    from portal.network.models import DirectoryProfile
    from portal.registry.models import Participant

    users = User.objects.bulk_create(
        User(email=f"m{start + i}@example.org", password=UNUSABLE) for i in range(2 * count)
    )
    now = timezone.now()
    countries = ["MN", "CN", "JP", "KR", "RU"]
    people = Participant.objects.bulk_create(
        Participant(
            user=user,
            email=user.email,
            given_name=f"Batbayar {i}" if i % 3 == 1 else f"Member {i}",
            family_name="Example",
            native_name="Батбаяр" if i % 3 == 1 else "",
            country=countries[i % 5],
            organisation="Wetland Institute",
            organisation_type="ngo",
            directory_visibility="members" if i % 2 else "hidden",
            profile_completed_at=now,
        )
        for i, user in enumerate(users, start=start)
    )
    through = Participant.expertise.through
    through.objects.bulk_create(
        through(participant_id=p.pk, tag_id=tags[i % len(tags)].pk) for i, p in enumerate(people)
    )
    DirectoryProfile.objects.bulk_create(DirectoryProfile(participant=p) for p in people[::4])


def measure(client: Client, params: dict) -> tuple[float, int]:
    client.get("/en/network/", params)  # warm up
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/network/", params)
    assert response.status_code == 200, response.status_code
    queries = len(captured.captured_queries)
    began = time.perf_counter()
    for _ in range(ROUNDS):
        client.get("/en/network/", params)
    elapsed = time.perf_counter() - began
    return ROUNDS / elapsed, queries


def main() -> int:
    call_command("migrate", verbosity=0)
    from portal.registry.models import Participant
    from portal.taxonomy.models import Tag

    tags = [
        Tag.objects.create(kind="species", name="Hooded Crane", slug="hooded-crane"),
        Tag.objects.create(kind="species", name="White-naped Crane", slug="white-naped-crane"),
        Tag.objects.create(kind="method", name="Crane survey", slug="crane-survey"),
    ]
    build(20, 0, tags)
    viewer = Participant.objects.filter(directory_visibility="members").first()
    client = Client()
    client.force_login(viewer.user)

    baseline = [measure(client, params) for params in SEARCHES]
    build(2000, 100, tags)
    subject = [measure(client, params) for params in SEARCHES]

    ok = True
    figures = []
    for params, (base_rps, base_q), (rps, queries) in zip(SEARCHES, baseline, subject, strict=True):
        ratio = rps / base_rps
        label = "page" if not params else "search"
        print(
            f"directory {label}: {base_rps:6.1f} req/s at 20 members, "
            f"{rps:6.1f} req/s at 2,000 ({ratio:.0%}, bar {MIN_RATIO:.0%}); "
            f"queries {base_q} → {queries}"
        )
        figures.append(f"{label} {ratio:.0%}, queries {base_q}→{queries}")
        if ratio < MIN_RATIO or queries != base_q:
            ok = False
    benchdb.result(f"{'; '.join(figures)} (bar {MIN_RATIO:.0%}, same queries)")
    print("bar met" if ok else "bar NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
