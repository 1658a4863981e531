import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.reporting.models import Snapshot, Target

pytestmark = pytest.mark.django_db

REPORT_URLS = [
    reverse("reporting:participation"),
    reverse("reporting:participation_csv"),
    reverse("reporting:participation_xlsx"),
    reverse("reporting:participation_pdf"),
    reverse("reporting:targets"),
    reverse("reporting:snapshots"),
]


def test_the_promised_urls():
    assert reverse("reporting:participation") == "/en/reports/participation/"
    assert reverse("reporting:participation_csv") == "/en/reports/participation.csv"
    assert reverse("reporting:participation_xlsx") == "/en/reports/participation.xlsx"
    assert reverse("reporting:impact") == "/en/impact/"


@pytest.mark.parametrize("url", REPORT_URLS)
def test_anonymous_people_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", REPORT_URLS)
@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_learners_and_instructors_are_refused(client, request, url, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_learners_and_instructors_cannot_write(client, request, role, secretariat):
    target = Target.objects.create(year=2025, metric="women_share", minimum=40)
    client.force_login(request.getfixturevalue(role))
    assert client.post(reverse("reporting:targets"), {"year": 2025}).status_code == 403
    delete = reverse("reporting:target_delete", args=[target.pk])
    assert client.post(delete).status_code == 403
    assert (
        client.post(reverse("reporting:snapshots"), {"freeze": 1, "year": 2025}).status_code == 403
    )
    assert Target.objects.filter(pk=target.pk).exists()
    assert not Snapshot.objects.exists()


def test_secretariat_sees_the_dashboard(client, secretariat, load_data):
    client.force_login(secretariat)
    response = client.get(reverse("reporting:participation"), {"by": "gender", "and_by": "year"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Headline figures" in body
    assert "<svg" in body  # charts drawn on the server
    dashboard = response.context["dashboard"]
    assert dashboard.dimensions == ["gender", "year"]
    assert dashboard.headline.participants > 0
    assert 'href="/en/reports/participation.xlsx?by=gender%2Cyear"' in body


def test_admin_sees_the_dashboard(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("reporting:participation")).status_code == 200


def test_dashboard_queries_do_not_grow_with_the_data(
    client, secretariat, load_data, django_assert_max_num_queries
):
    client.force_login(secretariat)
    url = reverse("reporting:participation")
    with django_assert_max_num_queries(30) as first:
        client.get(url, {"by": "course", "and_by": "gender"})
    from portal.reporting.loaddata import generate_load_data

    generate_load_data(participants=120, seed=99, attempts=True)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url, {"by": "course", "and_by": "gender"})


def test_bad_filters_say_what_to_fix(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("reporting:participation"), {"by": "shoe_size"})
    assert response.status_code == 400
    assert "Unknown dimension shoe_size" in response.content.decode()
    response = client.get(reverse("reporting:participation_csv"), {"by": "gender,year,country"})
    assert response.status_code == 400
    assert "at most two dimensions" in response.content.decode()
    response = client.get(reverse("reporting:participation_csv"), {"year": "twenty"})
    assert response.status_code == 400
    assert response.content.decode().startswith("The report cannot be made:")


def test_csv_export_has_the_promised_columns(client, secretariat, load_data):
    client.force_login(secretariat)
    response = client.get(
        reverse("reporting:participation_csv"), {"by": "country,gender", "year": "2025"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "country,gender,participants,completed,certified"
    assert any(line.startswith("MN,woman,") for line in lines)


def test_xlsx_export_has_a_sheet_per_breakdown_and_definitions(client, secretariat, load_data):
    client.force_login(secretariat)
    response = client.get(reverse("reporting:participation_xlsx"), {"by": "youth,country"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    names = workbook.sheetnames
    assert names[0] == "Summary"
    assert names[1] == "Youth \u00d7 Country"
    assert {"Gender", "Year", "Course", "Definitions", "Learning gain"} <= set(names)
    sheet = workbook["Youth \u00d7 Country"]
    assert sheet["A3"].value == "Youth"
    assert sheet["E3"].value == "Participants"


def test_pdf_export(client, secretariat, load_data):
    client.force_login(secretariat)
    response = client.get(reverse("reporting:participation_pdf"), {"by": "gender"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_secretariat_sets_and_deletes_a_target(client, secretariat):
    client.force_login(secretariat)
    url = reverse("reporting:targets")
    response = client.post(url, {"year": 2026, "metric": "youth_share", "minimum": "30"})
    assert response.status_code == 302
    target = Target.objects.get(year=2026, metric="youth_share")
    assert target.updated_by == secretariat
    # Setting it again replaces it.
    client.post(url, {"year": 2026, "metric": "youth_share", "minimum": "35"})
    assert Target.objects.get(year=2026, metric="youth_share").minimum == 35
    response = client.post(url, {"year": 2026, "metric": "women_share", "minimum": "140"})
    assert response.status_code == 400
    assert not Target.objects.filter(metric="women_share").exists()
    client.post(reverse("reporting:target_delete", args=[target.pk]))
    assert not Target.objects.exists()


def test_secretariat_freezes_a_year_and_the_page_says_so(client, secretariat, load_data):
    client.force_login(secretariat)
    response = client.post(reverse("reporting:snapshots"), {"freeze": "1", "year": "2024"})
    assert response.status_code == 302
    response = client.get(reverse("reporting:participation"), {"year": "2024"})
    assert "Frozen figures of 2024" in response.content.decode()
    response = client.post(
        reverse("reporting:snapshots"), {"unfreeze": "1", "year": "2024", "reason": ""}
    )
    assert response.status_code == 400
    assert Snapshot.objects.filter(year=2024).exists()
    client.post(
        reverse("reporting:snapshots"),
        {"unfreeze": "1", "year": "2024", "reason": "Late workshop lists"},
    )
    assert not Snapshot.objects.exists()


def test_writes_need_csrf(secretariat):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    response = client.post(reverse("reporting:targets"), {"year": 2026})
    assert response.status_code == 403


def test_impact_page_is_public(client, load_data):
    response = client.get(reverse("reporting:impact"))
    assert response.status_code == 200
    assert "people trained" in response.content.decode()


@pytest.mark.parametrize("min_cell", [5, 20])
def test_the_page_shows_the_published_suppression(client, load_data, settings, min_cell):
    """Every hidden country is on the page as "<N" or "·" (the attacker's test is elsewhere)."""
    from django_countries import countries

    from portal.reporting.services import public_figures_publish

    settings.REPORT_MIN_CELL = min_cell
    figures = public_figures_publish(min_cell=min_cell)
    assert sum(len(h) for h in figures["hidden"].values()) > 0
    for year in ["", *[str(y) for y in figures["years"]]]:
        body = client.get(reverse("reporting:impact"), {"year": year}).content.decode()
        name = year or "all"
        for key, kind in figures["hidden"][name].items():
            code = key.partition(":")[2]
            if key.startswith("country:") and code:
                mark = f"<{min_cell}" if kind == "primary" else "\u00b7"
                row = f'<td>{countries.name(code)}</td><td class="num">{mark}'
                assert row in body.replace("&lt;", "<"), (year, key)


def test_public_page_ignores_other_filters(client, load_data):
    def main(response):
        body = response.content.decode()
        return body[body.index("<main") : body.index("</main>")]

    plain = main(client.get(reverse("reporting:impact")))
    filtered = client.get(reverse("reporting:impact"), {"country": "MN", "course": "load-drones"})
    assert main(filtered) == plain


def test_comma_breakdown_on_the_page_becomes_two_selects(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("reporting:participation"), {"by": "gender,country"})
    assert response.status_code == 302
    assert "by=gender" in response["Location"]
    assert "and_by=country" in response["Location"]


def test_admin_menu_leads_the_secretariat_to_the_reports(client, secretariat, instructor):
    client.force_login(secretariat)
    assert "Participation reports" in client.get("/admin/").content.decode()
    client.force_login(instructor)
    assert "Participation reports" not in client.get("/admin/").content.decode()
