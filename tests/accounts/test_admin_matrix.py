"""Every admin URL, for every role: who gets in, who is refused, who is told "no such thing".

The URLs are enumerated from the URL resolver (everything under ``/admin/``),
and their parameters are filled with real objects of a small world: two
courses A and B, each with a cohort, a quiz, a question, a category, an image
and a document; instructor A teaches course A. Each role requests every URL
(GET) and the answer is classified:

- ``LOGIN``: sent to a log-in page;
- ``REFUSED``: 403, or Wagtail's redirect to the dashboard with "Sorry, you do
  not have permission" (how the Wagtail admin answers PermissionDenied);
- ``HIDDEN``: 404 (after the language-prefix redirect Django's LocaleMiddleware
  adds to a 404);
- ``OK``: anything else (200, a redirect elsewhere, 405 for a POST-only URL...).

``expected()`` states the rules of portal.accounts.permissions for each role.
URLs whose parameters name something this world does not hold (a revision, a
workflow task state, a wagtail-localize translation, an upload in progress, a
password-reset token) are listed in ``UNFILLABLE`` and not requested.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale, Site, Task, Workflow

from certificates.models import IssueRun
from courses.services import course_instructors_sync
from portal.network.models import CohortTag
from tests.assessments.factories import QuestionCategoryFactory, make_question, make_quiz
from tests.certificates.factories import issued_certificate, policy
from tests.courses.factories import CohortFactory, make_course
from tests.factories import UserFactory
from tests.network.factories import TagFactory
from tests.registry.factories import ImportJobFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "instructor_none", "instructor_a", "secretariat", "admin"]

UNFILLABLE = re.compile(
    r"revision|workflow_action|collect_workflow_action_data|workflow_history_detail|"
    r"workflow_preview|confirm_workflow_cancellation|wagtail_localize:(?!javascript|translations_rep)|"
    r"editing_sessions|uploaded_file|_multiple$|delete_upload|password_reset_confirm|"
    r"wagtailadmin_api:pages:action|move_confirm|task_chosen|^None$|wagtailadmin_error_test"
)


# Not requested: the first raises on purpose (Wagtail's error test), the second
# would end the session in the middle of the matrix.
SKIPPED = {"wagtailadmin_error_test", "wagtailadmin_logout"}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), str(name), pattern


def admin_url_names() -> list[tuple[str, list[str]]]:
    """(url name, parameter names) of every admin URL, in resolver order, once each."""
    seen, names = set(), []
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if "admin/" not in route:
            continue
        params = sorted(pattern.pattern.regex.groupindex)
        key = (name, tuple(params))
        if key not in seen:
            seen.add(key)
            names.append((name, params))
    return names


def build_world() -> dict:
    users = {
        "learner": UserFactory(role="Learners"),
        "instructor_none": UserFactory(role="Instructors"),
        "instructor_a": UserFactory(role="Instructors"),
        "secretariat": UserFactory(role="Secretariat"),
        "colleague": UserFactory(role="Secretariat"),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    course_a = make_course(modules=1, instructors=[users["instructor_a"]], title="Course A")
    course_b = make_course(modules=1, title="Course B")
    for course in (course_a, course_b):
        course_instructors_sync(course=course)
    if course_b.pk not in []:  # course B's team: someone else, so that it has a collection
        other = UserFactory(role="Instructors")
        from portal.accounts.services import instructor_assign

        instructor_assign(instructor=other, page=course_b)
    w = {"users": users, "course": {"a": course_a, "b": course_b}}
    w["cohort"] = {k: CohortFactory(course=c) for k, c in w["course"].items()}
    w["category"] = {k: QuestionCategoryFactory(name=f"Category {k}") for k in "ab"}
    w["question"] = {k: make_question(title=f"Question {k}") for k in "ab"}
    w["quiz"] = {
        k: make_quiz(
            [w["question"][k]],
            category=w["category"][k],
            draw=1,
            course=w["course"][k],
            title=f"Quiz {k}",
        )
        for k in "ab"
    }
    Image, Document = get_image_model(), get_document_model()
    w["collection"] = {k: Collection.objects.get(name=f"Course {k.upper()}") for k in "ab"}
    w["image"] = {
        k: Image.objects.create(
            title=f"Image {k}", file=get_test_image_file(), collection=w["collection"][k]
        )
        for k in "ab"
    }
    w["document"] = {
        k: Document.objects.create(
            title=f"Document {k}",
            file=SimpleUploadedFile(f"{k}.pdf", b"%PDF-1.4"),
            collection=w["collection"][k],
        )
        for k in "ab"
    }
    w["participant"] = ParticipantFactory()
    w["import_job"] = ImportJobFactory()
    w["certificate"] = issued_certificate(cohort=w["cohort"]["a"])
    w["issue_run"] = IssueRun.objects.create(cohort=w["cohort"]["a"])
    w["policy"] = policy(course_a)
    w["tag"] = TagFactory()
    w["cohort_tag"] = CohortTag.objects.create(cohort=w["cohort"]["a"], tag=w["tag"])
    w["redirect"] = Redirect.objects.create(old_path="/old", redirect_link="/new")
    return w


def targets(name: str, params: list[str], w: dict) -> list[tuple[str, dict]]:
    """The (target label, URL kwargs) to request for one URL name; [] when unfillable."""
    if not params:
        return [("-", {})]
    if UNFILLABLE.search(name):
        return []
    ns = name.split(":")[0]
    per_course = {
        "wagtailsnippets_assessments_quiz": "quiz",
        "wagtailsnippetchoosers_assessments_quiz": "quiz",
        "wagtailsnippets_assessments_question": "question",
        "wagtailsnippetchoosers_assessments_question": "question",
        "wagtailsnippets_assessments_questioncategory": "category",
        "wagtailsnippetchoosers_assessments_questioncategory": "category",
        "cohorts": "cohort",
        "wagtailimages": "image",
        "wagtailimages_chooser": "image",
        "wagtaildocs": "document",
        "wagtaildocs_chooser": "document",
    }
    if ns in per_course:
        kind = per_course[ns]
        out = []
        for k in "ab":
            kwargs = {p: w[kind][k].pk for p in params if p != "filter_spec"}
            if "filter_spec" in params:
                kwargs["filter_spec"] = "original"
            out.append((f"course_{k}", kwargs))
        return out
    if name in ("assessments_quiz_report", "assessments_quiz_export"):
        return [
            (
                f"course_{k}",
                {"quiz_id": w["quiz"][k].pk, **({"fmt": "csv"} if "fmt" in params else {})},
            )
            for k in "ab"
        ]
    if name == "courses_admin:attendance":
        return [(f"course_{k}", {"cohort_id": w["cohort"][k].pk}) for k in "ab"]
    if name == "courses_admin:course_learners":
        return [(f"course_{k}", {"course_id": w["course"][k].pk}) for k in "ab"]
    if ns == "wagtailusers_users":
        return [(f"user_{k}", {"pk": w["users"][k].pk}) for k in ("learner", "colleague", "admin")]
    page_params = {"page_id", "parent_page_id", "page_to_move_id"}
    if set(params) & page_params or (ns == "wagtailadmin_api" and "pages" in name):
        out = []
        for k in "ab":
            kwargs = {p: w["course"][k].pk for p in params if p in page_params | {"pk"}}
            if "content_type_app_name" in params:
                kwargs.update(content_type_app_name="courses", content_type_model_name="modulepage")
            if "destination_id" in params:
                kwargs["destination_id"] = w["course"][k].get_parent().pk
            out.append((f"course_{k}", kwargs))
        return out
    simple = {
        "wagtailsnippets_assessments_cohorttestpair": None,
        "wagtailsnippetchoosers_assessments_cohorttestpair": None,
        "wagtailsnippets_taxonomy_tag": w["tag"],
        "wagtailsnippetchoosers_taxonomy_tag": w["tag"],
        "certificate_policies": w["policy"],
        "network_cohort_tags": w["cohort_tag"],
        "registry_participant": w["participant"],
        "registry_admin": w["participant"],
        "registry_import": w["import_job"],
        "wagtailusers_groups": Group.objects.get(name="Learners"),
        "wagtailsites": Site.objects.get(is_default_site=True),
        "wagtaillocales": Locale.get_default(),
        "wagtailredirects": w["redirect"],
        "wagtailadmin_collections": w["collection"]["a"],
        "wagtailadmin_api": None,
    }
    if ns == "certificates_admin":
        obj = {"run": w["issue_run"]}.get(name.split(":")[1], w["certificate"])
        if "cohort_id" in params:
            return [("course_a", {"cohort_id": w["cohort"]["a"].pk})]
        return [("-", {"pk": obj.pk})]
    if ns == "wagtailadmin_workflows":
        if "task_id" in params or "workflow_pk" in params:
            return []
        if "page_pk" in params:
            return [("-", {"page_pk": w["course"]["a"].pk})]
        obj = Task.objects.first() if "task" in name else Workflow.objects.first()
        if "model_name" in params:
            return [("-", {"app_label": "wagtailcore", "model_name": "groupapprovaltask"})]
        return [("-", {"pk": obj.pk})]
    if ns == "wagtailsettings":
        kwargs = {"app_name": "certificates", "model_name": "certificatesettings"}
        if "pk" in params:
            kwargs["pk"] = Site.objects.get(is_default_site=True).pk
        return [("-", kwargs)]
    if name == "wagtail_bulk_action":
        return [("-", {"app_label": "accounts", "model_name": "user", "action": "assign_role"})]
    if name in ("wagtailadmin_pages:type_use", "wagtailadmin_pages:type_use_results"):
        return [
            ("-", {"content_type_app_name": "courses", "content_type_model_name": "coursepage"})
        ]
    if name == "wagtailadmin_pages:choose_parent":
        return [("-", {"app_label": "courses", "model_name": "modulepage"})]
    if name == "wagtailadmin_tag_model_autocomplete":
        return [("-", {"app_name": "taxonomy", "model_name": "tag"})]
    if ns in simple and simple[ns] is not None:
        key = "collection_id" if "collection_id" in params else params[0]
        return [("-", {key: simple[ns].pk})]
    if ns in simple:
        return []
    if "image_id" in params:
        return [(f"course_{k}", {"image_id": w["image"][k].pk}) for k in "ab"]
    return []


def classify(client: Client, url: str) -> str:
    response = client.get(url)
    if response.status_code == 302 and response["Location"] == f"/en{url}":
        response = client.get(response["Location"])  # LocaleMiddleware's answer to a 404
    code = response.status_code
    if code >= 500:
        return "ERROR"
    if code == 404:
        return "HIDDEN"
    if code == 403:
        return "REFUSED"
    if code == 302:
        location = response["Location"]
        if "/login/" in location:
            return "LOGIN"
        if location.rstrip("/").endswith("/admin"):
            return "REFUSED"
    return "OK"


def record(role: str) -> dict:
    w = build_world()
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(w["users"][role])
    seen = {}
    for name, params in admin_url_names():
        if name in SKIPPED:
            continue
        for label, kwargs in targets(name, params, w):
            try:
                url = reverse(name, kwargs=kwargs)
            except Exception as error:  # noqa: BLE001 - a recording aid
                seen[(name, label)] = f"REVERSE {error.__class__.__name__}"
                continue
            if "bulk" in name and "action" in kwargs:
                url += f"?id={w['users']['admin'].pk}&id={w['users']['learner'].pk}"
            seen[(name, label)] = classify(client, url)
    return seen


@pytest.mark.parametrize("role", ROLES)
def test_record(role):
    import json

    seen = record(role)
    with open(f"/tmp/roles_rec/{role}.json", "w") as fh:
        json.dump({f"{k[0]}|{k[1]}": v for k, v in seen.items()}, fh, indent=0, sort_keys=True)
