"""The library's pages: listing with facets, resource page, tag page, feed, downloads."""

import json
import re

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Enrolment
from portal.library.models import DownloadCount, ResourceKind
from portal.taxonomy.models import TagKind
from tests.network.factories import CohortFactory, EnrolmentFactory, TagFactory, course_page

from .factories import document, resource

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _facet(response, name):
    for facet in response.context["facets"]:
        if facet.name == name:
            return {v.value: v.count for v in facet.values}
    raise AssertionError(name)


def test_listing_counts_facets_and_combines_them(client):
    crane = TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", slug="hooded-crane")
    stork = TagFactory(kind=TagKind.SPECIES, name="Oriental Stork", slug="oriental-stork")
    resource(title="Count report 2024", year=2024, countries=["MN", "CN"], tags=[crane])
    resource(
        title="Count report 2025",
        year=2025,
        countries=["MN"],
        tags=[crane, stork],
        languages=["en", "mn"],
    )
    resource(
        title="Banding protocol",
        kind=ResourceKind.PROTOCOL,
        year=2025,
        countries=["RU"],
        tags=[stork],
        languages=["ru"],
    )
    resource(title="Hidden draft", live=False, year=2025, countries=["JP"], tags=[crane])

    response = client.get("/en/library/")
    assert response.status_code == 200
    assert _facet(response, "kind") == {"report": 2, "protocol": 1}
    assert _facet(response, "year") == {"2025": 2, "2024": 1}
    assert _facet(response, "country") == {"MN": 2, "CN": 1, "RU": 1}
    assert _facet(response, "species") == {"hooded-crane": 2, "oriental-stork": 2}
    assert _facet(response, "language") == {"en": 2, "mn": 1, "ru": 1}
    assert "Hidden draft" not in response.content.decode()

    response = client.get("/en/library/?species=oriental-stork&year=2025")
    assert [r.title for r in response.context["results"]] == [
        "Banding protocol",
        "Count report 2025",
    ]
    assert _facet(response, "kind") == {"report": 1, "protocol": 1}
    assert _facet(response, "country") == {"MN": 1, "RU": 1}

    response = client.get("/en/library/?species=oriental-stork&year=2025&country=MN")
    assert [r.title for r in response.context["results"]] == ["Count report 2025"]
    selected = [v for f in response.context["facets"] for v in f.values if v.selected]
    assert {v.value for v in selected} == {"oriental-stork", "2025", "MN"}
    # A selected value's link removes only that filter; the others stay in the URL.
    country = next(v for v in selected if v.value == "MN")
    assert "country" not in country.url and "species=oriental-stork" in country.url


def test_listing_and_search_make_the_same_number_of_queries_for_more_resources(client):
    crane = TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", slug="hooded-crane")
    for n in range(3):
        resource(title=f"Crane count {n}", tags=[crane])
    client.get("/en/library/")  # warm the site root paths cache like a running server

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = {
        url: queries(url) for url in ("/en/library/", "/en/library/?q=crane&species=hooded-crane")
    }
    for n in range(3, 12):
        resource(title=f"Crane count {n}", tags=[crane], languages=["en", "ja"], countries=["JP"])
    many = {url: queries(url) for url in few}
    assert many == few
    # Wagtail's routing and serving: site, locale, three pages, aliases, view
    # restrictions (7); the library: facet rows, languages, species, count, page (5).
    assert few == {"/en/library/": 12, "/en/library/?q=crane&species=hooded-crane": 12}


def test_resource_page_shows_citation_files_counts_and_valid_json_ld(client):
    crane = TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", slug="hooded-crane")
    doc = document(title="Field sheet")
    page = resource(
        title="Crane count data 2025",
        kind=ResourceKind.DATASET,
        tags=[crane],
        files=[doc],
        doi="10.5555/flyway.2025",
        licence="cc-by-sa",
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert "Batbayar, N.; Nyambayar, B. (2025). Crane count data 2025." in html
    assert "https://doi.org/10.5555/flyway.2025" in html
    assert "0 downloads" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Dataset"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert data["sameAs"] == ["https://doi.org/10.5555/flyway.2025"]
    assert {"@type": "Person", "name": "Batbayar, N."} in data["author"]
    assert data["distribution"][0]["contentUrl"].startswith("http://testserver/en/library/files/")

    download = client.get(f"/en/library/files/{doc.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert DownloadCount.objects.get(document=doc).count == 1
    assert "1 download" in client.get(page.url).content.decode()


def test_report_is_a_creative_work_and_overridden_citation_is_shown(client):
    page = resource(title="Workshop report", citation="Our own citation, 2025.")
    html = client.get(page.url).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "CreativeWork"
    assert "Our own citation, 2025." in html


def test_feed_is_atom_with_the_published_resources_only(client):
    resource(title="Published protocol")
    resource(title="Draft protocol", live=False)
    response = client.get("/en/library/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Published protocol"]
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith("http://testserver/en/library/")


def test_tag_page_gathers_courses_resources_and_suppressed_trained_count(client, settings):
    settings.REPORT_MIN_CELL = 5
    crane = TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", slug="hooded-crane")
    course = course_page(title="Crane survey techniques", tags=[crane])
    course.save_revision().publish()
    resource(title="Hooded Crane roost counts", tags=[crane])
    resource(title="Unrelated", tags=[])
    cohort = CohortFactory(course=course)
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(6)]

    from courses.services import enrolment_completion_update  # noqa: F401
    from portal.reporting.services import participation_facts_refresh

    def complete(items):
        from django.utils import timezone

        Enrolment.objects.filter(pk__in=[e.pk for e in items]).update(completed_at=timezone.now())
        participation_facts_refresh(enrolment_ids=[e.pk for e in enrolments])

    complete(enrolments[:3])
    response = client.get("/en/library/tags/hooded-crane/")
    html = response.content.decode()
    assert "Crane survey techniques" in html
    assert "Hooded Crane roost counts" in html and "Unrelated" not in html
    assert response.context["people_trained"] == "<5"
    complete(enrolments)
    assert client.get("/en/library/tags/hooded-crane/").context["people_trained"] == "6"
    assert client.get("/en/library/tags/no-such-tag/").status_code == 404
