"""iCalendar (RFC 5545) feeds of a cohort's dates, written with the ``icalendar`` package.

A cohort's feed holds its teaching days, its sessions and workshop days
(``CohortEvent``) and the due dates of its assignments; a learner's feed holds
those of every cohort they are active in, at a secret address
(``CalendarToken``) that calendar programs can subscribe to without logging in.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from icalendar import Calendar, Event

from courses.models import Cohort, CohortDay, Enrolment, EnrolmentStatus

from .localization import sources_filter
from .models import AssignmentDeadline, CalendarToken, CohortEvent


def _host() -> str:
    return getattr(settings, "PORTAL_HOST_FOR_UIDS", "flyway.academy")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Flyway Academy//Cohort calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _events(cohort_ids: list[int], cohorts: dict[int, Cohort]) -> list[Event]:
    stamp = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)
    events = []
    for day in CohortDay.objects.filter(cohort_id__in=cohort_ids).order_by("date"):
        event = Event()
        event.add("uid", f"day-{day.pk}@{_host()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day.date)
        event.add("dtend", day.date + datetime.timedelta(days=1))
        event.add("summary", f"{cohorts[day.cohort_id].title}: {day.title}".rstrip(": "))
        if cohorts[day.cohort_id].venue:
            event.add("location", cohorts[day.cohort_id].venue)
        events.append(event)
    for item in CohortEvent.objects.filter(cohort_id__in=cohort_ids):
        event = Event()
        event.add("uid", f"event-{item.pk}@{_host()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at or item.starts_at + datetime.timedelta(hours=1))
        event.add("summary", f"{cohorts[item.cohort_id].title}: {item.title}")
        if item.location:
            event.add("location", item.location)
        events.append(event)
    for deadline in AssignmentDeadline.objects.filter(
        sources_filter("assignment__"), cohort_id__in=cohort_ids
    ).select_related("assignment"):
        event = Event()
        event.add("uid", f"due-{deadline.pk}@{_host()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_at)
        event.add("dtend", deadline.due_at)
        event.add("summary", f"{cohorts[deadline.cohort_id].title}: {deadline.assignment.title}")
        event.add("categories", ["DUE"])
        events.append(event)
    return events


def cohort_calendar(*, cohort: Cohort) -> bytes:
    calendar = _calendar(cohort.title)
    for event in _events([cohort.pk], {cohort.pk: cohort}):
        calendar.add_component(event)
    return calendar.to_ical()


def participant_calendar(*, participant) -> bytes:
    cohorts = {
        e.cohort_id: e.cohort
        for e in Enrolment.objects.filter(
            participant=participant, status=EnrolmentStatus.ACTIVE
        ).select_related("cohort")
    }
    calendar = _calendar("Flyway Academy")
    for event in _events(list(cohorts), cohorts):
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_token_for(*, participant) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(participant=participant)
    return token
