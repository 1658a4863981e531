"""The secretariat's reports, their exports, targets, snapshots and the public impact page.

Views parse the request, call one selector or service, and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from portal.accounts.permissions import Capability, capability_required

from . import charts, selectors, services
from .definitions import (
    GENDER_LABELS,
    ORGANISATION_TYPE_LABELS,
    UNKNOWN_LABEL,
    Dimension,
    Youth,
    definitions,
    report_min_cell,
)
from .disclosure import PRIMARY
from .exporters import breakdown_csv, report_pdf, report_xlsx
from .forms import ReportFilterForm, SnapshotFreezeForm, SnapshotUnfreezeForm, TargetForm
from .models import Snapshot, Target, TargetMetric
from .report import Filters


def _export_query(form: ReportFilterForm) -> str:
    data = form.cleaned_data
    params = {"by": ",".join(data["dimensions"])}
    for name in ("year", "date_from", "date_to", "course", "cohort", "country"):
        if data.get(name):
            params[name] = data[name]
    return urlencode(params)


@require_GET
@capability_required(Capability.REPORTS_VIEW)
def participation(request):
    """The dashboard: headline figures, targets, a breakdown, charts and tables."""
    by = request.GET.get("by", "")
    if "," in by and not request.GET.get("and_by"):
        # BRIEF §4's ``by=gender,country`` (as the exports take it) in the page's own terms.
        params = request.GET.copy()
        first, _comma, second = by.partition(",")
        params["by"], params["and_by"] = first, second
        return redirect(f"{reverse('reporting:participation')}?{params.urlencode()}")
    # One form (its course and cohort pickers cost queries): the request's
    # filters, or the default view by gender.
    form = ReportFilterForm(request.GET or {"by": "gender"})
    if not form.is_valid():
        return render(
            request,
            "reporting/participation.html",
            {"form": form, "invalid": True},
            status=400,
        )
    dashboard = selectors.participation_dashboard(
        filters=form.filters(), dimensions=form.cleaned_data["dimensions"]
    )
    targets_by_metric = {}
    for t in dashboard.targets:
        targets_by_metric.setdefault(t.metric, {})[t.year] = float(t.minimum)
    yearly = [(year, h.women_share, h.youth_share) for year, h in dashboard.yearly.items()]
    first = dashboard.dimensions[0]
    bars = {}
    for row in dashboard.breakdown.rows:
        bars[row.labels[0]] = bars.get(row.labels[0], 0) + row.participants
    context = {
        "form": form,
        "dashboard": dashboard,
        "query": _export_query(form),
        "is_pair": len(dashboard.dimensions) == 2,
        "shares_chart": charts.shares_by_year_svg(
            yearly,
            title=_("Shares of women and youth per year (%)"),
            first_label=_("Women (%)"),
            second_label=_("Youth (%)"),
            first_target=targets_by_metric.get(TargetMetric.WOMEN_SHARE),
            second_target=targets_by_metric.get(TargetMetric.YOUTH_SHARE),
            target_label=_("target"),
        ),
        "country_chart": charts.bar_chart_svg(
            [(r.labels[0], r.participants) for r in dashboard.by_country.rows],
            title=_("Participants per country"),
        ),
        "breakdown_chart": charts.bar_chart_svg(
            list(bars.items()),
            title=_("Participants by %(dimension)s") % {"dimension": Dimension(first).label},
        ),
        "definitions": definitions(),
        "person_dimensions": all(selectors.person_dimension(d) for d in dashboard.dimensions),
    }
    return render(request, "reporting/participation.html", context)


def _export(request, kind: str):
    form = ReportFilterForm(request.GET, default_by="gender")
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("The report cannot be made:") + "\n" + form.error_text(),
            content_type="text/plain; charset=utf-8",
        )
    filters = form.filters()
    dims = form.cleaned_data["dimensions"]
    stamp = timezone.now().strftime("%Y%m%d")
    name = f"participation-{'-'.join(dims)}-{filters.year or 'all'}-{stamp}"
    if kind == "csv":
        body = breakdown_csv(selectors.breakdown(dims, filters=filters))
        content_type = "text/csv; charset=utf-8"
    else:
        breakdowns = [dims, *[list(d) for d in selectors.DEFAULT_BREAKDOWNS if list(d) != dims]]
        report = selectors.participation_report(filters=filters, breakdowns=breakdowns)
        if kind == "xlsx":
            body = report_xlsx(report)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body = report_pdf(report)
            content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@capability_required(Capability.REPORTS_VIEW)
def participation_csv(request):
    """BRIEF §4: the breakdown as CSV (``by``, ``year``, ``course``, ``cohort`` …)."""
    return _export(request, "csv")


@require_GET
@capability_required(Capability.REPORTS_VIEW)
def participation_xlsx(request):
    """The formatted workbook: the asked breakdown first, then the standard ones."""
    return _export(request, "xlsx")


@require_GET
@capability_required(Capability.REPORTS_VIEW)
def participation_pdf(request):
    """The PDF annex for meetings."""
    return _export(request, "pdf")


@require_http_methods(["GET", "POST"])
@capability_required(Capability.REPORTS_VIEW)
def targets(request):
    """List the targets and set one (a year and metric that has one is replaced)."""
    form = TargetForm(request.POST or None, initial={"year": timezone.now().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(
                year=form.cleaned_data["year"],
                metric=form.cleaned_data["metric"],
                minimum=form.cleaned_data["minimum"],
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Target saved."))
            return redirect("reporting:targets")
    yearly = selectors.yearly_headlines(filters=Filters())
    statuses = {(t.year, t.metric): t for t in selectors.target_statuses(yearly=yearly)}
    rows = [(target, statuses[(target.year, target.metric)]) for target in Target.objects.all()]
    return render(
        request,
        "reporting/targets.html",
        {"form": form, "rows": rows},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@capability_required(Capability.REPORTS_VIEW)
def target_delete(request, target_id: int):
    target = get_object_or_404(Target, pk=target_id)
    services.target_delete(target=target, acting_user=request.user)
    messages.success(request, _("Target deleted."))
    return redirect("reporting:targets")


@require_http_methods(["GET", "POST"])
@capability_required(Capability.REPORTS_VIEW)
def snapshots(request):
    """Freeze a year's figures, or unfreeze them with a reason."""
    freeze = SnapshotFreezeForm(request.POST if "freeze" in request.POST else None)
    unfreeze = SnapshotUnfreezeForm(request.POST if "unfreeze" in request.POST else None)
    if request.method == "POST":
        try:
            if "freeze" in request.POST and freeze.is_valid():
                snapshot = services.snapshot_freeze(
                    year=freeze.cleaned_data["year"],
                    note=freeze.cleaned_data["note"],
                    acting_user=request.user,
                )
                messages.success(
                    request,
                    _("The figures of %(year)s are frozen (%(n)s enrolments).")
                    % {"year": snapshot.year, "n": snapshot.record_count},
                )
                return redirect("reporting:snapshots")
            if "unfreeze" in request.POST and unfreeze.is_valid():
                snapshot = get_object_or_404(Snapshot, year=unfreeze.cleaned_data["year"])
                services.snapshot_unfreeze(
                    snapshot=snapshot,
                    reason=unfreeze.cleaned_data["reason"],
                    acting_user=request.user,
                )
                messages.success(
                    request, _("The figures of %(year)s are live again.") % {"year": snapshot.year}
                )
                return redirect("reporting:snapshots")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.error(request, _("Please correct the form below."))
    return render(
        request,
        "reporting/snapshots.html",
        {
            "freeze_form": freeze,
            "unfreeze_form": unfreeze,
            "snapshots": selectors.frozen_years(),
        },
        status=400 if request.method == "POST" else 200,
    )


PUBLIC_CACHE_SECONDS = 600


def _public_label(dim: str, code: str) -> str:
    """The label of one row of a public breakdown, in the language being read."""
    if not code:
        return str(UNKNOWN_LABEL)
    if dim == Dimension.GENDER:
        return str(GENDER_LABELS.get(code, UNKNOWN_LABEL))
    if dim == Dimension.YOUTH:
        return str(Youth(code).label) if code in Youth.values else str(UNKNOWN_LABEL)
    if dim == Dimension.ORGANISATION_TYPE:
        return str(ORGANISATION_TYPE_LABELS.get(code, UNKNOWN_LABEL))
    return str(countries.name(code)) or code


@require_GET
def impact(request):
    """The public impact page: the figures published today, small counts suppressed.

    Only ``year`` is read from the request. Every language and every server
    shows the one set published for the day (``services.public_figures_publish``),
    in which every view was suppressed together (``docs/reporting.md``).
    """
    min_cell = report_min_cell()
    day = timezone.localdate()
    key = f"reporting:impact:{day.isoformat()}:{min_cell}"
    figures = cache.get(key)
    if figures is None:
        figures = services.public_figures_publish(day=day, min_cell=min_cell)
        cache.set(key, figures, PUBLIC_CACHE_SECONDS)
    year = request.GET.get("year", "")
    name = year if year in figures["cells"] and year != selectors.PUBLIC_WIDE else "all"
    cells = figures["cells"][name]
    hidden = figures["hidden"][name]

    def shown(cell):
        if hidden.get(cell) == PRIMARY:
            return f"<{min_cell}"
        if cell in hidden:
            return "\u00b7"
        return f"{cells[cell]:,}"

    def share(part):
        total = cells.get("participants")
        if cells.get(part) is not None and total:
            return f"{cells[part] / total * 100:.0f} %"
        return "\u00b7"

    tables = []
    for dim in selectors.PUBLIC_DIMENSIONS:
        rows = [
            (_public_label(dim, cell.partition(":")[2]), shown(cell), share(cell))
            for cell in figures["rows"][name][str(dim)]
        ]
        if dim == Dimension.COUNTRY:
            rows.sort(key=lambda row: (row[0] == str(UNKNOWN_LABEL), row[0].casefold()))
        tables.append((Dimension(dim).label, rows))
    women, youth = f"{Dimension.GENDER}:woman", f"{Dimension.YOUTH}:{Youth.YOUTH}"
    return render(
        request,
        "reporting/impact.html",
        {
            "years": figures["years"],
            "year": None if name == "all" else name,
            "participants": shown("participants"),
            "youth": shown(youth) if youth in cells else "0",
            "youth_share": share(youth),
            "women": shown(women) if women in cells else "0",
            "women_share": share(women),
            "completed": shown("completed"),
            "certified": shown("certified"),
            "tables": tables,
            "min_cell": min_cell,
            "impact_url": reverse("reporting:impact"),
        },
    )
