"""A member's proposal stays unseen everywhere until the secretariat publishes it."""

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import WorkflowState

from portal.library.models import ResourcePage, ResourceProposal
from portal.taxonomy.models import TagKind
from tests.factories import UserFactory
from tests.network.factories import TagFactory

from .factories import PDF, library_index, resource

pytestmark = pytest.mark.django_db

CSV = b"site,date,species,adults,juveniles\nKhurkh,2025-07-06,Grus vipio,12,3\n"


def _upload(name, data, content_type="application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def _proposal(**changes):
    data = {
        "title": "鹤类同步调查记录表",
        "summary": "A count sheet for synchronised roost counts, with site and time columns.",
        "kind": "data_sheet",
        "year": "2025",
        "authors": "Tuya, B.",
        "organisations": "",
        "languages": ["zh-hans", "en"],
        "countries": ["CN", "MN"],
        "licence": "cc-by",
        "doi": "",
        "url": "",
        "credit": "on",
        "note": "From our spring count.",
        "files": [_upload("count-sheet.pdf", PDF), _upload("counts.csv", CSV, "text/csv")],
    }
    data.update(changes)
    return data


@pytest.fixture
def member():
    return UserFactory(
        role="Learners", first_name="Tuya", last_name="Batbayar", preferred_language="mn"
    )


def _propose(client, member, **changes):
    library_index()
    client.force_login(member)
    crane = TagFactory(kind=TagKind.SPECIES, name="Red-crowned Crane", slug="red-crowned-crane")
    data = _proposal(tags=[crane.pk], **changes)
    return client.post("/en/library/propose/", data)


def _everywhere(client, page):
    """What an anonymous visitor sees of the proposal: listing, search, tag page, feed, files."""
    docs = [row.document for row in page.files.all()]
    return {
        "list": page.title in client.get("/en/library/").content.decode(),
        "search": page.title in client.get("/en/library/?q=同步调查").content.decode(),
        "tag": page.title in client.get("/en/library/tags/red-crowned-crane/").content.decode(),
        "feed": page.title in client.get("/en/library/feed/").content.decode(),
        "page": client.get(f"/en/library/{page.slug}/").status_code == 200,
        "download": all(client.get(f"/en/library/files/{d.pk}/").status_code == 200 for d in docs),
        "document": all(client.get(d.url).status_code == 200 for d in docs),
    }


def test_proposal_is_invisible_until_published_then_visible_credited_and_mailed(
    client, member, secretariat, django_capture_on_commit_callbacks
):
    response = _propose(client, member)
    assert response.status_code == 302
    page = ResourcePage.objects.get()
    assert not page.live
    assert page.files.count() == 2
    proposal = ResourceProposal.objects.get()
    assert proposal.proposer == member and proposal.credit_name == "Tuya Batbayar"
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == member

    anonymous = Client()
    assert _everywhere(anonymous, page) == dict.fromkeys(
        ["list", "search", "tag", "feed", "page", "download", "document"], False
    )
    # The proposer cannot fetch the files either, nor publish; the secretariat can see them.
    assert not any(_everywhere(client, page).values())
    staff = Client()
    staff.force_login(secretariat)
    doc = page.files.first().document
    assert staff.get(doc.url).status_code == 200
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=secretariat)
    page.refresh_from_db()
    assert page.live
    assert _everywhere(anonymous, page) == dict.fromkeys(
        ["list", "search", "tag", "feed", "page", "download", "document"], True
    )
    html = anonymous.get(f"/en/library/{page.slug}/").content.decode()
    assert "Proposed by" in html and "Tuya Batbayar" in html
    # Wagtail tells the requester of the approval too; ours is the one with the public link.
    ours = [m for m in mail.outbox if "http://testserver/en/library/" in m.body]
    assert len(ours) == 1
    assert ours[0].to == [member.email]
    assert page.title in ours[0].subject
    assert ResourceProposal.objects.get().published_notified_at is not None
    # Told once: a second publish sends nothing more of ours.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=secretariat).publish(user=secretariat)
    assert len([m for m in mail.outbox if "http://testserver/en/library/" in m.body]) == 1


def test_without_consent_the_proposer_is_not_named(client, member, secretariat):
    _propose(client, member, credit="")
    page = ResourcePage.objects.get()
    page.save_revision(user=secretariat).publish(user=secretariat)
    html = Client().get(f"/en/library/{page.slug}/").content.decode()
    assert "Proposed by" not in html
    assert "Batbayar" not in html


def test_a_member_cannot_publish_through_the_admin(client, member):
    _propose(client, member)
    page = ResourcePage.objects.get()
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": page.title, "slug": page.slug, "action-publish": "publish"},
    )
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live
    assert not page.permissions_for_user(member).can_publish()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "accepts PDF"),
        ("drawing.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "not a PDF"),
        ("sheet.csv", b"MZ\x90\x00binary", "is a program"),
        ("report.pdf", b"%PDF-1.4\n/JavaScript (app.alert(1))\n%%EOF", "PDF"),
    ],
)
def test_unsafe_files_are_refused_and_nothing_is_written(client, member, name, data, message):
    response = _propose(client, member, files=[_upload(name, data)])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ResourcePage.objects.exists()
    from wagtail.documents.models import Document

    assert not Document.objects.exists()


def test_file_size_is_limited(client, member, settings):
    settings.LIBRARY_MAX_UPLOAD_BYTES = 100
    response = _propose(client, member, files=[_upload("big.pdf", PDF + b"0" * 200)])
    assert "larger than" in response.content.decode()
    assert not ResourcePage.objects.exists()


def test_proposals_are_rate_limited(client, member, settings):
    settings.LIBRARY_PROPOSALS_PER_DAY = 2
    for n in range(2):
        assert _propose(client, member, title=f"Sheet {n}").status_code == 302
    response = _propose(client, member, title="Sheet 3")
    assert response.status_code == 200
    assert "2 resources a day" in response.content.decode()
    assert ResourcePage.objects.count() == 2


def test_proposing_needs_sign_in_and_csrf(member):
    library_index()
    anonymous = Client()
    response = anonymous.get("/en/library/propose/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post("/en/library/propose/", _proposal()).status_code == 403
    assert not ResourcePage.objects.exists()


def test_published_resource_files_stay_public_and_unrelated_documents_untouched(client):
    from .factories import document

    loose = document(title="Not the library's")
    assert client.get(loose.url).status_code == 200
    draft = resource(title="Draft", live=False, files=[document(title="Draft file")])
    assert client.get(draft.files.first().document.url).status_code == 404


def test_deleting_the_account_takes_the_name_off_the_page(client, member, secretariat):
    _propose(client, member)
    page = ResourcePage.objects.get()
    page.save_revision(user=secretariat).publish(user=secretariat)
    assert "Tuya Batbayar" in Client().get(f"/en/library/{page.slug}/").content.decode()
    member.delete()
    proposal = ResourceProposal.objects.get()
    assert proposal.proposer is None and proposal.credit_name == ""
    assert "Tuya Batbayar" not in Client().get(f"/en/library/{page.slug}/").content.decode()


def test_the_personal_data_download_lists_the_proposals(client, member):
    from portal.library.selectors import library_personal_data
    from tests.network.factories import MemberFactory

    _propose(client, member)
    participant = MemberFactory(user=member)
    rows = library_personal_data(participant)["library.proposals"]
    assert [(r["resource"], r["credited_as"], r["published"]) for r in rows] == [
        ("鹤类同步调查记录表", "Tuya Batbayar", False)
    ]


def test_in_another_language_the_proposal_is_hidden_until_published_too(
    client, member, secretariat
):
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import synchronize_tree

    library_index()
    english = Locale.get_default()
    japanese, _ = Locale.objects.get_or_create(language_code="ja")
    LocaleSynchronization.objects.get_or_create(locale=japanese, defaults={"sync_from": english})
    synchronize_tree(english, japanese)
    _propose(client, member)
    source = ResourcePage.objects.get(locale=english)
    alias = ResourcePage.objects.get(locale=japanese)
    assert alias.alias_of_id == source.pk and not alias.live
    anonymous = Client()
    assert source.title not in anonymous.get("/ja/library/?q=同步调查").content.decode()
    source.save_revision(user=secretariat).publish(user=secretariat)
    alias.refresh_from_db()
    assert alias.live
    assert source.title in anonymous.get("/ja/library/?q=同步调查").content.decode()
