import datetime as dt
from collections import defaultdict

import pytest
from django.utils import timezone

from portal.reporting.definitions import youth_value
from portal.reporting.loaddata import generate_load_data


@pytest.fixture
def load_data(db):
    """A small synthetic registry (a few hundred people, every kind of unknown)."""
    return generate_load_data(participants=240, seed=7)


class Facts:
    """The report's figures counted the slow, obvious way: one Python loop over objects.

    Nothing here shares code with the selectors except ``youth_value``, which is
    BRIEF §3's formula and is tested on its own.
    """

    def __init__(self, max_age: int = 35):
        from certificates.models import Certificate
        from courses.models import Enrolment

        now = timezone.now()
        valid = {
            (c.participant_id, c.course_id)
            for c in Certificate.objects.all()
            if c.status == "valid" and (c.expires_at is None or c.expires_at > now)
        }
        self.rows = []
        enrolments = Enrolment.objects.select_related("participant", "cohort", "cohort__course")
        for e in enrolments:
            if e.status == "waitlisted":
                continue
            cohort, person = e.cohort, e.participant
            if cohort.mode == "self_paced" or cohort.start_date is None:
                reference = e.enrolled_at.astimezone(dt.UTC).date()
            else:
                reference = cohort.start_date
            self.rows.append(
                {
                    "pid": person.pk,
                    "gender": person.gender,
                    "country": str(person.country.code if person.country else ""),
                    "organisation_type": person.organisation_type,
                    "course": cohort.course.slug,
                    "cohort": cohort.slug,
                    "year": reference.year,
                    "reference": reference,
                    "youth": youth_value(
                        reference_year=reference.year, birth_year=person.birth_year, max_age=max_age
                    ),
                    "completed": e.completed_at is not None,
                    "certified": (person.pk, cohort.course_id) in valid,
                }
            )

    def count(self, dims, **filters):
        groups = defaultdict(lambda: (set(), set(), set()))
        for r in self.rows:
            if any(r[k] != v for k, v in filters.items()):
                continue
            key = tuple(r[d] for d in dims)
            people, done, certified = groups[key]
            people.add(r["pid"])
            if r["completed"]:
                done.add(r["pid"])
            if r["certified"]:
                certified.add(r["pid"])
        return {k: (len(p), len(d), len(c)) for k, (p, d, c) in groups.items()}


@pytest.fixture
def facts(load_data):
    return Facts()
