"""The registry in the Wagtail admin: list, filters, export, detail, edit, merge, history, import.

Only people with the registry's model permissions (the secretariat and admins)
reach these views; every write goes through a service with a reason.
"""

from __future__ import annotations

import django_filters
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_countries import countries
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from portal.core.admin_views import ReadableInspectView

from . import exports, services
from .forms import MergeForm
from .models import Gender, OrganisationType, Participant
from .selectors import EXPORT_HEADERS, participant_export_rows
from .validation import fold


def _youth_cutoff_year() -> int:
    from django.conf import settings

    return timezone.now().year - getattr(settings, "YOUTH_MAX_AGE", 35)


def _enrolment_query_name() -> str | None:
    """How a participant's enrolments are reached in a query (None without courses)."""
    try:
        Enrolment = apps.get_model("courses", "Enrolment")
    except LookupError:
        return None
    for rel in Participant._meta.related_objects:
        if rel.related_model is Enrolment:
            return rel.field.related_query_name()
    return None


def _cohort_queryset(request):
    try:
        return apps.get_model("courses", "Cohort").objects.all()
    except LookupError:
        return Participant.objects.none()


class ParticipantFilterSet(WagtailFilterSet):
    country = django_filters.ChoiceFilter(label=gettext_lazy("Country"), choices=countries)
    gender = django_filters.ChoiceFilter(label=gettext_lazy("Gender"), choices=Gender.choices)
    organisation_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Organisation type"), choices=OrganisationType.choices
    )
    youth = django_filters.ChoiceFilter(
        label=gettext_lazy("Youth (by age this year)"),
        choices=[
            ("youth", gettext_lazy("Youth")),
            ("non_youth", gettext_lazy("Not youth")),
            ("unknown", gettext_lazy("Unknown")),
        ],
        method="filter_youth",
    )
    cohort = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Cohort"), queryset=_cohort_queryset, method="filter_cohort"
    )

    class Meta:
        model = Participant
        fields = ["country", "gender", "organisation_type"]

    def filter_youth(self, queryset, name, value):
        cutoff = _youth_cutoff_year()
        if value == "youth":
            return queryset.filter(birth_year__gte=cutoff)
        if value == "non_youth":
            return queryset.filter(birth_year__lt=cutoff)
        if value == "unknown":
            return queryset.filter(birth_year__isnull=True)
        return queryset

    def filter_cohort(self, queryset, name, value):
        query_name = _enrolment_query_name()
        if value is None or query_name is None:
            return queryset
        return queryset.filter(**{f"{query_name}__cohort": value}).distinct()


class ParticipantIndexView(generic.IndexView):
    """The registry list: search over names in any script, filters, CSV/XLSX export."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        terms = fold(self.search_query).split()
        query = Q()
        for term in terms:
            query &= Q(search_text__contains=term)
        return queryset.filter(query)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        rows = participant_export_rows(queryset)
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        if spreadsheet_format == self.FORMAT_XLSX:
            content, content_type, ext = (
                exports.xlsx_bytes(EXPORT_HEADERS, rows),
                exports.XLSX_CONTENT_TYPE,
                "xlsx",
            )
        else:
            content, content_type, ext = (
                exports.csv_bytes(EXPORT_HEADERS, rows),
                exports.CSV_CONTENT_TYPE,
                "csv",
            )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="participants-{stamp}.{ext}"'
        return response

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Import a list"), url=reverse("registry_import:upload"), icon_name="upload"
                )
            )
        return buttons


class _ServiceFormMixin:
    """Create and edit through the registry services, with the reason in the history."""

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                self.object = self.save_instance()
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response

    def _values(self) -> dict:
        return self.form.profile_values()


class ParticipantCreateView(_ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return services.participant_create(
            acting_user=self.request.user,
            reason=self.form.cleaned_data["reason"],
            expertise=self.form.cleaned_data["expertise"],
            **self._values(),
        )


class ParticipantEditView(_ServiceFormMixin, generic.EditView):
    def save_instance(self):
        # The form has written its values onto self.object; the service must
        # compare with what is stored, so it gets a fresh copy.
        stored = Participant.objects.get(pk=self.object.pk)
        return services.participant_update(
            participant=stored,
            acting_user=self.request.user,
            reason=self.form.cleaned_data["reason"],
            expertise=self.form.cleaned_data["expertise"],
            **self._values(),
        )


class ParticipantDeleteView(generic.DeleteView):
    """ "Delete" anonymises: the person's enrolments and results stay counted."""

    page_title = gettext_lazy("Anonymise")
    success_message = gettext_lazy("%(model_name)s anonymised.")
    template_name = "registry/admin/confirm_anonymise.html"

    def delete_action(self):
        services.participant_anonymise(
            participant=self.object,
            acting_user=self.request.user,
            reason=_("Anonymised by the secretariat"),
        )


INSPECT_FIELDS = [
    "email",
    "given_name",
    "family_name",
    "native_name",
    "gender",
    "birth_year",
    "country",
    "organisation",
    "organisation_type",
    "position",
    "career_stage",
    "directory_visibility",
    "user",
    "profile_completed_at",
    "anonymised_at",
    "created_at",
    "updated_at",
]


class ParticipantInspectView(ReadableInspectView):
    template_name = "registry/admin/inspect.html"

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                Button(
                    _("Merge a duplicate into this one"),
                    url=reverse("registry_admin:merge", args=[self.object.pk]),
                    icon_name="resubmit",
                    priority=40,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_counts"] = related_counts(self.object)
        context["consents"] = self.object.consents.all()
        context["registry_history_url"] = reverse(
            "registry_participant:history", args=[self.object.pk]
        )
        return context


def related_counts(participant: Participant) -> list[tuple[str, int]]:
    """How many rows of each other model point at the participant (shown before a merge)."""
    result = []
    for model, field_name in services.merge_relations():
        count = model._base_manager.filter(**{field_name: participant}).count()
        if count:
            result.append((str(model._meta.verbose_name_plural), count))
    return result


# --- Custom views ---------------------------------------------------------------


class RegistryAdminMixin(WagtailAdminTemplateMixin):
    """Permission check and breadcrumbs for the registry's own admin pages."""

    permission_required = "change"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        from .wagtail_hooks import participant_viewset

        policy = participant_viewset.permission_policy
        if not policy.user_has_permission(request.user, self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("registry_participant:index"), "label": _("Participants")},
            {"url": "", "label": self.get_page_title()},
        ]


def _change_lines(entry) -> list[tuple[str, str]]:
    """A history entry's changes as (field, "old → new") lines for people to read."""
    lines = []
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    for name, value in changes.items():
        if isinstance(value, list) and len(value) == 2 and not isinstance(value[0], dict):
            old, new = ("—" if v in (None, "", []) else v for v in value)
            lines.append((name, f"{old} → {new}"))
        elif isinstance(value, (list, dict)):
            text = (
                ", ".join(f"{k}: {v}" for k, v in value.items())
                if isinstance(value, dict)
                else "; ".join(map(str, value))
            )
            lines.append((name, text or "—"))
        else:
            lines.append((name, str(value)))
    return lines


class ParticipantHistoryView(RegistryAdminMixin, TemplateView):
    """Who changed what, when and why, for one participant.

    It replaces Wagtail's generic history of the viewset: registry changes are
    written by the services, not by the admin's log.
    """

    permission_required = "view"
    template_name = "registry/admin/history.html"
    page_title = gettext_lazy("Registry history")

    def get_context_data(self, **kwargs):
        participant = get_object_or_404(Participant, pk=self.kwargs["pk"])
        context = super().get_context_data(**kwargs)
        entries = list(participant.history.select_related("acting_user"))
        for entry in entries:
            entry.lines = _change_lines(entry)
        context.update(participant=participant, page_subtitle=str(participant), entries=entries)
        return context


class ParticipantMergeView(RegistryAdminMixin, FormView):
    """Step 1: choose the duplicate and say why; step 2: see both and confirm."""

    template_name = "registry/admin/merge.html"
    form_class = MergeForm
    page_title = gettext_lazy("Merge duplicates")

    @cached_property
    def keep(self) -> Participant:
        return get_object_or_404(Participant, pk=self.kwargs["pk"], anonymised_at__isnull=True)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and "duplicate" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        if "duplicate" in request.GET:
            form = self.get_form()
            return self.render_to_response(
                self.get_context_data(form=form, confirm=form.is_valid())
            )
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        duplicate = form.cleaned_data["duplicate"]
        if "confirm" not in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form, confirm=True))
        try:
            result = services.participant_merge(
                keep=self.keep,
                duplicate=duplicate,
                acting_user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        # The result is shown once, here: what moved per kind and the notes; the
        # history row keeps the same record for later.
        return TemplateResponse(
            self.request,
            "registry/admin/merge_done.html",
            {
                **super().get_context_data(form=form),
                "keep": result.kept,
                "result": result,
                "moved": result.moved_kinds,
                "page_subtitle": str(result.kept),
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        duplicate = (
            form.cleaned_data.get("duplicate") if form.is_bound and form.is_valid() else None
        )
        if duplicate is not None and duplicate.pk == self.keep.pk:
            form.add_error("duplicate", _("Choose a different participant."))
            duplicate = None
            context["confirm"] = False
        context.update(
            keep=self.keep,
            duplicate=duplicate,
            keep_counts=related_counts(self.keep),
            duplicate_counts=related_counts(duplicate) if duplicate else [],
            page_subtitle=str(self.keep),
        )
        return context


def participant_columns():
    return [
        TitleColumn(
            "full_name",
            label=gettext_lazy("Name"),
            url_name="registry_participant:inspect",
            sort_key="family_name",
        ),
        Column("native_name", label=gettext_lazy("Own script")),
        Column("email", label=gettext_lazy("E-mail"), sort_key="email"),
        Column(
            "country", label=gettext_lazy("Country"), accessor="country.name", sort_key="country"
        ),
        Column("gender", label=gettext_lazy("Gender"), accessor="get_gender_display"),
        Column("organisation", label=gettext_lazy("Organisation"), sort_key="organisation"),
        DateColumn("created_at", label=gettext_lazy("Added"), sort_key="created_at"),
    ]
