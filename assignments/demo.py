"""Demo data of this app for ``load_demo_data``: idempotent, built through services.

- the crane survey course gets a field count-sheet assignment with a rubric,
  due on the last day of the ``khurkh-2025`` workshop, and the workshop's
  participants have handed in count sheets that the demo instructor graded
  and released;
- the conservation planning course's site-plan exercise is an assignment
  (when that course is loaded).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from courses.models import Cohort, CoursePage, EnrolmentStatus, ModulePage

from .models import Assignment, AssignmentDeadline, GradingScheme, RubricCriterion, Submission
from .services import grades_release, submission_grade, submission_hand_in

CRANE_COURSE_SLUG = "crane-survey-techniques"
KHURKH_COHORT = "khurkh-2025"
INSTRUCTOR_EMAIL = "instructor@example.org"

COUNT_SHEET = {
    "title": "Field count sheet: a synchronised roost count",
    "instructions": (
        "Count the cranes at your roost on the evening of the synchronised count and fill in "
        "the field data sheet: site, date, start and end time, observers, weather, and for each "
        "species the adults, juveniles and family groups you saw, with the method you used "
        "(direct count or block count).\n\n"
        "Hand in the sheet as CSV or XLSX, and a photo of the flock if you took one. In a few "
        "lines, say how you avoided counting birds twice as they moved between roosts."
    ),
    "accepts_sheets": True,
    "accepts_photos": True,
    "accepts_text": True,
    "max_files": 3,
    "pass_mark": Decimal(50),
    "weight": Decimal(2),
}
COUNT_RUBRIC = [
    (
        "Count sheet complete",
        "Every field of the sheet is filled in: site, time, observers, weather, species, method.",
        [("Key fields missing", 0), ("Mostly complete", 3), ("Complete", 6)],
    ),
    (
        "Juveniles and family groups",
        "Juveniles are told from adults and family groups recorded, so a juvenile ratio follows.",
        [("Not recorded", 0), ("Recorded for some flocks", 2), ("Recorded for every flock", 4)],
    ),
    (
        "Double counts avoided",
        "Movements between roosts are noted and the count time is kept.",
        [("Not addressed", 0), ("Partly addressed", 3), ("Clearly addressed", 6)],
    ),
]
PLANNING_COURSE_SLUG = "conservation-planning"
SITE_PLAN_MODULE_SLUG = "site-action-plan"
SITE_PLAN = {
    "title": "Site action plan for the Ekhen Gol Valley Reserve",
    "instructions": (
        "Draft a site action plan, of no more than four pages, for the fictional Ekhen Gol "
        "Valley Reserve described in this module:\n"
        "1. Threats: the conservation targets and the direct threats to them, ranked by "
        "scope, severity and irreversibility, with the reasoning for each rating.\n"
        "2. Objectives: two to four SMART objectives that answer the priority threats.\n"
        "3. Actions: for each objective, the actions, each tied to the threat or driver it "
        "answers, following the mitigation hierarchy for the power line.\n"
        "4. Indicators: for each objective, at least one indicator with how it is measured, "
        "a baseline you would collect and a target value.\n"
        "5. Stakeholders and responsibilities: who leads each action, who takes part (the herder "
        "families among them), and when.\n\n"
        "The reserve, in short: a steppe river valley with floodplain lakes and sedge meadows, "
        "breeding White-naped Cranes, Hooded and White-naped Cranes on migration, six herder "
        "families, a fodder farm that pumps river water, spring fires, and a 110 kV power line "
        "planned between the roost lakes and the feeding meadows.\n\n"
        "Hand in a PDF or a Word document (DOCX), or write the plan in the answer box. A "
        "sketch map of the valley is welcome (as a photo, or inside the document)."
    ),
    "accepts_pdf": True,
    "accepts_documents": True,
    "accepts_photos": True,
    "accepts_text": True,
    "max_files": 3,
    "pass_mark": Decimal(60),
    "weight": Decimal(2),
    "required": True,
}
SITE_PLAN_RUBRIC = [
    (
        "Threats analysed",
        "Targets named; threats ranked by scope, severity and irreversibility, with reasons.",
        [("Not analysed", 0), ("Listed, not ranked", 3), ("Ranked with reasons", 6)],
    ),
    (
        "Objectives SMART",
        "Each objective states a result, with a measure, a target value and a year.",
        [("Activities, not results", 0), ("Results, partly SMART", 3), ("All SMART", 6)],
    ),
    (
        "Actions linked to threats",
        "Every priority threat has an action and every action answers a threat or a driver.",
        [("Not linked", 0), ("Some linked", 3), ("All linked, hierarchy followed", 6)],
    ),
    (
        "Indicators measurable",
        "Each objective has an indicator with a method, a baseline and a target value.",
        [("Missing or vague", 0), ("Named, method unclear", 3), ("Method, baseline, target", 6)],
    ),
    (
        "Stakeholders and responsibilities",
        "Each action has a lead and partners and dates; herders and the power company take part.",
        [("None named", 0), ("Named for some actions", 3), ("Lead, partners, dates for all", 6)],
    ),
]
# (adults, juveniles, families, the rubric levels reached, comment) for each sheet graded.
GRADED = [
    (412, 37, 15, (2, 2, 2), "A model sheet: times, weather and flight lines all there."),
    (388, 21, 9, (2, 1, 2), "Good count; record juveniles for the late flocks as well."),
    (405, 30, 12, (1, 2, 1), "Add the observers and the weather; say when each block was counted."),
    (390, 0, 0, (1, 0, 1), "Juveniles were not told apart, so no ratio can be given."),
    (
        420,
        35,
        14,
        (2, 2, 1),
        "Note where flocks left for the second roost to avoid counting twice.",
    ),
]


def _write(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _course(fragment: str) -> CoursePage | None:
    return (
        CoursePage.objects.filter(locale=Locale.get_default(), slug__contains=fragment)
        .order_by("pk")
        .first()
    )


def _assignment(course: CoursePage, data: dict, rubric, module_words: tuple[str, ...]):
    assignment = Assignment.objects.filter(course=course, title=data["title"]).first()
    if assignment is not None:
        return assignment
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    module = next(
        (m for m in modules if any(w in m.title.lower() for w in module_words)),
        modules[-1] if modules else None,
    )
    assignment = Assignment.objects.create(
        course=course, module=module, grading_scheme=GradingScheme.RUBRIC, **data
    )
    for n, (title, description, levels) in enumerate(rubric):
        RubricCriterion.objects.create(
            assignment=assignment,
            sort_order=n,
            title=title,
            description=description,
            levels=[("level", {"points": Decimal(p), "description": t}) for t, p in levels],
        )
    return assignment


def _place_in_module(assignment: Assignment) -> bool:
    """Show the assignment at the end of its module's body, once; publish the module."""
    if assignment.module is None:
        return False
    module = assignment.module.get_latest_revision_as_object()
    if any(b.block_type == "assignment" and b.value == assignment for b in module.body):
        return False
    module.body.append(("assignment", assignment))
    module.save_revision().publish()
    return True


def _sheet(adults: int, juveniles: int, families: int) -> bytes:
    rows = [
        "site,date,start,end,observers,weather,species,adults,juveniles,family_groups,method",
        f"Khurkh river roost,2025-07-07,19:40,21:10,2,calm and clear,White-naped Crane,"
        f"{adults},{juveniles},{families},block count",
    ]
    return ("\n".join(rows) + "\n").encode()


@transaction.atomic
def load_khurkh_submissions(assignment: Assignment) -> int:
    cohort = Cohort.objects.filter(slug=KHURKH_COHORT, course=assignment.course).first()
    if cohort is None:
        return 0
    due = timezone.make_aware(datetime.datetime(2025, 7, 8, 18, 0))
    AssignmentDeadline.objects.get_or_create(
        assignment=assignment, cohort=cohort, defaults={"due_at": due}
    )
    if Submission.objects.filter(assignment=assignment, enrolment__cohort=cohort).exists():
        return 0
    grader = get_user_model().objects.filter(email__iexact=INSTRUCTOR_EMAIL).first()
    enrolments = list(
        cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)
        .select_related("participant", "cohort")
        .order_by("pk")[: len(GRADED)]
    )
    criteria = list(assignment.criteria.order_by("sort_order"))
    for enrolment, (adults, juveniles, families, levels, comment) in zip(
        enrolments, GRADED, strict=False
    ):
        submission = submission_hand_in(
            assignment=assignment,
            enrolment=enrolment,
            files=[SimpleUploadedFile("khurkh-count.csv", _sheet(adults, juveniles, families))],
            text="Counted in blocks of ten from the dyke; flocks arriving after 20:30 noted apart.",
            now=due - datetime.timedelta(hours=30),
        )
        submission_grade(
            submission=submission,
            grader=grader,
            levels={c.pk: (level, "") for c, level in zip(criteria, levels, strict=True)},
            feedback=comment,
        )
    grades_release(assignment=assignment, cohort=cohort)
    return len(enrolments)


def load(*, password: str, stdout=None) -> None:
    """Load the assignments app's demo data; running it again duplicates nothing."""
    crane = _course(CRANE_COURSE_SLUG)
    if crane is not None:
        assignment = _assignment(crane, COUNT_SHEET, COUNT_RUBRIC, ("data sheet", "sharing"))
        graded = load_khurkh_submissions(assignment)
        _write(stdout, f"assignments: {assignment.title} ({graded} graded in {KHURKH_COHORT})")
    planning = _course(PLANNING_COURSE_SLUG)
    if planning is not None:
        assignment = _assignment(
            planning, SITE_PLAN, SITE_PLAN_RUBRIC, ("site action plan", "plan")
        )
        _place_in_module(assignment)
        _write(stdout, f"assignments: {assignment.title}")
