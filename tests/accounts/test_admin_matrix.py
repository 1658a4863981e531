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

from assignments.models import SubmissionArchive, ZipStatus
from assignments.services import submission_hand_in
from certificates.models import CertificateDesign, CohortArchive, IssueRun, IssueRunStatus
from courses.services import course_instructors_sync
from portal.accounts.services import instructor_assign
from portal.network.models import CohortTag
from tests.assessments.factories import QuestionCategoryFactory, make_question, make_quiz
from tests.assignments.factories import COUNT_SHEET, make_assignment, upload
from tests.certificates.factories import issued_certificate, policy
from tests.courses.factories import CohortFactory, EnrolmentFactory, make_course
from tests.factories import UserFactory
from tests.network.factories import TagFactory
from tests.registry.factories import ImportJobFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "instructor_none", "instructor_a", "secretariat", "admin"]

UNFILLABLE = re.compile(
    r"revision|workflow_action|collect_workflow_action_data|workflow_history_detail|"
    r"workflow_preview|confirm_workflow_cancellation|wagtail_localize:(?!javascript|translations_rep)|"
    r"editing_sessions|uploaded_file|_multiple$|delete_upload|password_reset_confirm|"
    r"wagtailadmin_api:pages:action|move_confirm|task_chosen"
)


# Not requested: the first raises on purpose (Wagtail's error test), the second
# would end the session in the middle of the matrix.
# Unnamed patterns (Wagtail's catch-all and test 404) cannot be reversed.
SKIPPED = {"wagtailadmin_error_test", "wagtailadmin_logout", "None"}


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
    # Course B's team is someone else, so that B has its collection too.
    instructor_assign(instructor=UserFactory(role="Instructors"), page=course_b)
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
    w["archive"] = CohortArchive.objects.create(
        cohort=w["cohort"]["a"],
        status=IssueRunStatus.DONE,
        file=SimpleUploadedFile("certificates.zip", b"PK\x05\x06" + b"\x00" * 18),
    )
    w["policy"] = policy(course_a)
    w["design"] = CertificateDesign.objects.create(name="Course A's design")
    w["tag"] = TagFactory()
    w["cohort_tag"] = CohortTag.objects.create(cohort=w["cohort"]["a"], tag=w["tag"])
    w["redirect"] = Redirect.objects.create(old_path="/old", redirect_link="/new")
    # Assignments (issue 19): one per course, with a submission, its file and a ZIP.
    w["assignment"] = {k: make_assignment(course=c) for k, c in w["course"].items()}
    w["submission"] = {
        k: submission_hand_in(
            assignment=w["assignment"][k],
            enrolment=EnrolmentFactory(cohort=w["cohort"][k]),
            files=[upload("counts.csv", COUNT_SHEET)],
        )
        for k in "ab"
    }
    w["submission_file"] = {k: w["submission"][k].files.get() for k in "ab"}
    w["submission_archive"] = {
        k: SubmissionArchive.objects.create(
            assignment=w["assignment"][k],
            cohort=w["cohort"][k],
            status=ZipStatus.DONE,
            file=SimpleUploadedFile("submissions.zip", b"PK\x05\x06" + b"\x00" * 18),
        )
        for k in "ab"
    }
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
        "wagtailsnippets_assignments_assignment": "assignment",
        "wagtailsnippetchoosers_assignments_assignment": "assignment",
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
    if ns == "assignments_admin" and params:
        by_param = {
            "assignment_id": "assignment",
            "cohort_id": "cohort",
            "submission_id": "submission",
            "file_id": "submission_file",
            "archive_id": "submission_archive",
        }
        label = "-" if name.endswith((":release", ":archive_request")) else None
        return [(label or f"course_{k}", {p: w[by_param[p]][k].pk for p in params}) for k in "ab"]
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
        "wagtailsnippets_certificates_certificatedesign": w["design"],
        "wagtailsnippetchoosers_certificates_certificatedesign": w["design"],
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
        obj = {
            "run": w["issue_run"],
            "archive": w["archive"],
            "archive_download": w["archive"],
        }.get(name.split(":")[1], w["certificate"])
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
            url = reverse(name, kwargs=kwargs)
            if "bulk" in name and "action" in kwargs:
                url += f"?id={w['users']['admin'].pk}&id={w['users']['learner'].pk}"
            seen[(name, label)] = classify(client, url)
    return seen


# --- What each role should get -----------------------------------------------------

# Per-course models (portal.accounts.permissions: 404 outside the user's courses).
COURSE_SCOPED = re.compile(
    r"^(wagtailsnippet(s|choosers)_assessments_(quiz|question|questioncategory):|"
    r"assessments_quiz_(report|export)|courses_admin:(attendance|course_learners)|"
    r"wagtailsnippet(s|choosers)_assignments_assignment:|"
    r"assignments_admin:(grading|grade|file|archive|gradebook|announce|groups)$)"
)
# Images and documents: Wagtail's collection permissions (the course's collection).
COLLECTION_SCOPED = re.compile(r"^wagtail(images|docs)(_chooser)?:")
# The secretariat's desks and registers (model permissions or capabilities).
# Certificate designs' snippet chooser is not among them: Wagtail's snippet choosers
# check no permission, so anyone in the admin may list design names there (no
# model chooses a design, so nothing else is reached through it).
SECRETARIAT_AREAS = re.compile(
    r"^(certificate_policies|certificates_admin|cohorts|network_cohort_tags|registry_\w+|"
    r"wagtailsnippets_certificates_certificatedesign|"
    r"wagtailredirects|wagtailsettings|wagtailadmin_collections|wagtailusers_users|"
    r"wagtail_bulk_action):"
    r"|^wagtail_bulk_action$"
)
# Administrators only: groups (roles), sites, locales, workflows.
ADMIN_AREAS = re.compile(
    r"^(wagtailusers_groups|wagtailsites|wagtaillocales):"
    r"|^wagtailadmin_workflows:(?!enable|remove|task_chooser)"
)
# Page editing and the page reports: Wagtail's page permissions.
PAGE_AREAS = re.compile(
    r"^wagtailadmin_(explore|pages:(?!choose_parent)|reports:(?!site_history))|^wagtailforms:index"
)
# Answer 404 to every role that reaches the admin: the object is of the wrong kind
# (a course page is no alias, no form page), or the feature is off in this project.
NOT_FOUND_FOR_STAFF = re.compile(
    r"^wagtailadmin_api:\w+:find|^wagtailadmin_block_preview|^wagtailadmin_tag_model_autocomplete"
    r"|^wagtailadmin_pages:convert_alias|^wagtailforms:list_submissions"
)
# The same, for those who may otherwise use the area (settings have no preview,
# images no dynamic URL generator here); others are refused the area first.
NOT_FOUND_IN_AREA = re.compile(r"^wagtailsettings:preview_on_edit|^wagtailimages:url_generator")
# Actions the instructors' role lacks on their own objects: deleting a quiz,
# question or category stays with the secretariat; so do unpublishing and locking
# a quiz or question (they go through review like pages), moving, unpublishing,
# deleting a page and its privacy (instructors write and submit for moderation).
INSTRUCTOR_LACKS = re.compile(
    r"^wagtailsnippets_assessments_\w+:(delete|unpublish|lock|unlock)$"
    r"|^wagtailsnippets_assignments_assignment:delete$"
    r"|^wagtailadmin_pages:(delete|move|set_privacy|unpublish)$"
)
# Instructors read tags and pre/post pairs, they do not write them.
INSTRUCTOR_READS_ONLY = re.compile(
    r"^wagtailsnippet(s|choosers)_(taxonomy_tag|assessments_cohorttestpair):"
    r"(?!list|choose|chosen)"
)


def expected(role: str, name: str, label: str) -> str:
    """The answer the rules of portal.accounts.permissions give ``role`` for this URL."""
    if name in ("wagtailadmin_login", "admin_login_redirect"):
        return "LOGIN"  # the portal's log-in page is allauth's
    if name in ("wagtailadmin_javascript_catalog", "wagtailadmin_sprite"):
        return "OK"  # static helpers of the admin's own pages
    if name.startswith("wagtailadmin_password_reset"):
        return "HIDDEN"  # passwords are reset through allauth, not the admin
    if role in ("anonymous", "learner"):
        return "LOGIN"
    staff_404 = NOT_FOUND_FOR_STAFF.search(name) or (
        name == "wagtailadmin_collections:delete" and role != "admin"
    )
    if role == "admin":
        if name == "wagtailusers_users:delete" and label == "user_admin":
            return "REFUSED"  # nobody deletes their own account here
        if name == "wagtailforms:delete_submissions":
            return "REFUSED"  # Wagtail's own: no form pages
        return "HIDDEN" if staff_404 or NOT_FOUND_IN_AREA.search(name) else "OK"
    if name == "wagtailforms:delete_submissions" or (
        # The snippets overview lists the certificate designs: for those who edit them.
        name == "wagtailsnippets:index" and role != "secretariat"
    ):
        return "REFUSED"
    if role == "secretariat":
        if ADMIN_AREAS.search(name) or name == "wagtailadmin_pages:delete":
            return "REFUSED"
        if name.startswith("wagtailusers_users:") and label in ("user_admin", "user_colleague"):
            return "HIDDEN"  # an administrator's or a colleague's account is not theirs
        if name == "wagtailusers_users:delete":
            return "REFUSED"  # the secretariat deactivates, administrators delete
        return "HIDDEN" if staff_404 or NOT_FOUND_IN_AREA.search(name) else "OK"
    # Instructors.
    teaches_a = role == "instructor_a"
    if staff_404:
        return "HIDDEN"
    if INSTRUCTOR_READS_ONLY.search(name):
        return "REFUSED"
    if COURSE_SCOPED.search(name):
        if label == "-":
            return "OK"  # listings and add forms, filtered to their courses
        if label == "course_a" and teaches_a:
            return "REFUSED" if INSTRUCTOR_LACKS.search(name) else "OK"
        return "HIDDEN"
    if COLLECTION_SCOPED.search(name):
        if name.startswith("wagtailimages:url_generator"):
            return "HIDDEN" if teaches_a else "REFUSED"
        if name.endswith(
            ("_chooser:choose", "_chooser:choose_results", "_chooser:chosen_multiple")
        ):
            return "OK"  # the chooser lists what they may choose: nothing without a course
        if "create_multiple_from_uploaded" in name:
            return "OK"  # POST only (405)
        if label == "course_b":
            return "REFUSED"
        return "OK" if teaches_a else "REFUSED"
    if SECRETARIAT_AREAS.search(name) or ADMIN_AREAS.search(name):
        return "REFUSED"
    if name == "wagtailsnippetchoosers_certificates_certificatedesign:create":
        return "REFUSED"  # the chooser lists designs, only the secretariat adds one
    if PAGE_AREAS.search(name):
        if name in ("wagtailadmin_pages:lock", "wagtailadmin_pages:unlock"):
            return "OK"  # POST only (405)
        if name == "wagtailadmin_pages:set_page_position":
            return "OK"  # POST only (405)
        if INSTRUCTOR_LACKS.search(name):
            return "REFUSED"
        if name.startswith("wagtailadmin_explore") and teaches_a:
            return "OK"  # Wagtail shows an editor the tree, read-only outside their pages
        if label == "course_b":
            return "REFUSED"
        return "OK" if teaches_a else "REFUSED"
    if name == "wagtailadmin_api:pages:detail":
        return "OK" if teaches_a and label == "course_a" else "HIDDEN"
    return "HIDDEN" if staff_404 else "OK"


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_answers_each_role_by_the_rules(role):
    seen = record(role)
    assert len(seen) > 300, "the URL resolver should yield every admin URL"
    wrong = [
        f"{name} [{label}]: expected {expected(role, name, label)}, got {got}"
        for (name, label), got in sorted(seen.items())
        if got != expected(role, name, label)
    ]
    assert not wrong, "\n".join(wrong)
