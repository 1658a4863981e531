"""Views of the trainee network: parse, call one selector or service, render."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.permissions import Capability, can, capability_required
from portal.registry.decorators import profile_required
from portal.registry.models import Participant
from portal.registry.selectors import participant_for_user
from portal.taxonomy.models import TagKind

from . import selectors, services
from .charts import Bar, horizontal_bar_chart, suppress_small
from .forms import (
    VISIBILITY_HELP,
    DirectorySearchForm,
    DirectorySettingsForm,
    MessageForm,
    ReportForm,
    ReportResolveForm,
)
from .models import DirectoryProfile, Report, ReportStatus
from .selectors import Audience


def directory(request):
    """The directory: members see members and public profiles, others the public ones."""
    audience = selectors.audience_for(request.user)
    form = DirectorySearchForm(request.GET or None, audience=audience)
    filters = form.to_filters()
    page, cards = selectors.directory_page(
        audience=audience, filters=filters, page_number=request.GET.get("page", 1)
    )
    query = request.GET.copy()
    query.pop("page", None)
    participant = participant_for_user(request.user)
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "page": page,
            "cards": cards,
            "audience": audience,
            "is_members": audience == Audience.MEMBERS,
            "is_filtered": not filters.is_empty,
            "query_string": query.urlencode(),
            "viewer": participant,
            "needs_profile": request.user.is_authenticated and audience == Audience.PUBLIC,
        },
    )


def profile(request, participant_id: int):
    view = selectors.profile_for_viewer(participant_id=participant_id, user=request.user)
    if view is None:
        raise Http404
    return render(request, "network/profile.html", {"profile": view})


@profile_required
@require_http_methods(["GET", "POST"])
def message_compose(request, participant_id: int):
    sender = request.participant
    recipient = selectors.listed_participants(audience=Audience.MEMBERS).filter(pk=participant_id)
    recipient = recipient.first()
    if recipient is None or not services.message_can_send(sender=sender, recipient=recipient):
        raise Http404
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.message_send(
                sender=sender, recipient=recipient, body=form.cleaned_data["body"]
            )
        except services.MessageRateLimited as error:
            form.add_error(None, error.messages[0])
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                _("Your message to %(name)s is on its way.") % {"name": recipient.full_name},
            )
            return redirect("network:message_detail", message_id=message.pk)
    return render(
        request,
        "network/message_compose.html",
        {"form": form, "recipient": recipient},
        status=400 if form.errors else 200,
    )


@profile_required
def inbox(request):
    participant = request.participant
    box = request.GET.get("box", "received")
    if box == "sent":
        items = selectors.messages_sent(participant=participant)[:100]
    else:
        box = "received"
        items = selectors.messages_received(participant=participant)[:100]
    return render(request, "network/inbox.html", {"items": items, "box": box})


@profile_required
@require_http_methods(["GET", "POST"])
def message_detail(request, message_id: int):
    participant = request.participant
    message = selectors.message_for_participant(participant=participant, message_id=message_id)
    if message is None:
        raise Http404
    other = message.sender if message.recipient_id == participant.pk else message.recipient
    # Replies answer the latest message the other person sent in this thread.
    latest_received = (
        selectors.messages_received(participant=participant).filter(sender=other).first()
    )
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                reply = services.message_send(
                    sender=participant,
                    recipient=other,
                    body=form.cleaned_data["body"],
                    reply_to=latest_received,
                )
            except services.MessageRateLimited as error:
                form.add_error(None, error.messages[0])
            except PermissionDenied:
                form.add_error(None, _("This member cannot receive your messages."))
            else:
                messages.success(request, _("Reply sent."))
                return redirect("network:message_detail", message_id=reply.pk)
    else:
        services.message_mark_read(message=message, participant=participant)
    thread = selectors.conversation(message=message)
    can_reply = services.message_can_send(
        sender=participant, recipient=other, reply_to=latest_received
    )
    return render(
        request,
        "network/message_detail.html",
        {
            "message": message,
            "thread": thread,
            "other": other,
            "participant": participant,
            "form": form,
            "can_reply": can_reply,
            "blocked": selectors.is_blocked(blocker=participant, blocked_id=other.pk),
            "other_wrote": latest_received is not None,
        },
        status=400 if form.errors else 200,
    )


@profile_required
@require_http_methods(["GET", "POST"])
def message_report(request, message_id: int):
    participant = request.participant
    message = selectors.message_for_participant(participant=participant, message_id=message_id)
    if message is None or message.recipient_id != participant.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_create(
            message=message,
            reporter=participant,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            block_sender=form.cleaned_data["block_sender"],
        )
        messages.success(request, _("Thank you. The secretariat will look at this message."))
        return redirect("network:inbox")
    return render(
        request,
        "network/message_report.html",
        {"form": form, "message": message},
        status=400 if form.errors else 200,
    )


@profile_required
@require_POST
def contact_block(request, participant_id: int):
    participant = request.participant
    # Only someone who wrote to you can be blocked: no probing of other members.
    other = get_object_or_404(
        Participant.objects.filter(network_messages_sent__recipient=participant).distinct(),
        pk=participant_id,
    )
    if request.POST.get("unblock"):
        services.contact_unblock(blocker=participant, blocked=other)
        messages.success(request, _("%(name)s can write to you again.") % {"name": other})
    else:
        services.contact_block(blocker=participant, blocked=other)
        messages.success(request, _("%(name)s can no longer send you messages.") % {"name": other})
    return redirect("network:inbox")


@profile_required
@require_http_methods(["GET", "POST"])
def directory_settings(request):
    participant = request.participant
    profile = DirectoryProfile.objects.filter(participant=participant).first()
    form = DirectorySettingsForm(
        request.POST or None,
        initial=DirectorySettingsForm.initial_for(participant=participant, profile=profile),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.directory_settings_update(
                participant=participant,
                choices=services.DirectorySettings(
                    visibility=form.cleaned_data["visibility"],
                    shows=form.shows(),
                    accepts_messages=form.cleaned_data["accepts_messages"],
                ),
                acting_user=request.user,
            )
        except ValidationError as error:
            # The registry checks the whole profile when the visibility changes.
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, _("Your directory settings are saved."))
            return redirect("network:settings")
    return render(
        request,
        "network/settings.html",
        {
            "form": form,
            "participant": participant,
            "visibility_help": VISIBILITY_HELP,
        },
        status=400 if form.errors else 200,
    )


def cohort_alumni(request, slug: str):
    cohort = selectors.cohort_for_alumni_page(slug=slug)
    if cohort is None:
        raise Http404
    audience = selectors.audience_for(request.user)
    return render(
        request,
        "network/cohort_alumni.html",
        {
            "cohort": cohort,
            "tags": selectors.cohort_tags(cohort=cohort),
            "alumni": selectors.cohort_alumni(cohort=cohort, audience=audience),
            "is_members": audience == Audience.MEMBERS,
        },
    )


def overview(request):
    """Members per country as a chart; exact for members, small cells hidden for the public."""
    audience = selectors.audience_for(request.user)
    is_members = audience == Audience.MEMBERS
    minimum = getattr(settings, "REPORT_MIN_CELL", 5)
    rows = selectors.members_per_country(audience=audience)
    bars = []
    for row in rows:
        if is_members or row.count >= minimum:
            bars.append(Bar(label=row.name, value=row.count))
        else:
            # A suppressed cell is drawn at the threshold so its length tells nothing.
            bars.append(
                Bar(
                    label=row.name,
                    value=minimum,
                    display=suppress_small(row.count, minimum=minimum),
                )
            )
    total = sum(row.count for row in rows)
    title = _("Directory members per country")
    trained = [
        row
        for row in selectors.people_trained_per_tag(audience=audience)
        if row.people and row.kind in (TagKind.SPECIES, TagKind.METHOD)
    ]
    if not is_members:
        trained = [(row, suppress_small(row.people, minimum=minimum)) for row in trained]
    else:
        trained = [(row, str(row.people)) for row in trained]
    context = {
        "chart": horizontal_bar_chart(
            bars,
            title=title,
            description=_("Number of members listed in the directory, per country."),
        )
        if bars
        else None,
        "rows": list(zip(rows, bars, strict=True)),
        "total": total if is_members or total >= minimum else None,
        "minimum": minimum,
        "is_members": is_members,
        "trained": trained,
        "visibility_totals": selectors.visibility_totals()
        if can(request.user, Capability.NETWORK_MODERATE)
        else None,
    }
    return render(request, "network/overview.html", context)


@capability_required(Capability.NETWORK_MODERATE)
@require_http_methods(["GET", "POST"])
def report_list(request):
    """Abuse reports for the secretariat: dismiss, or suspend the sender's messaging."""
    if request.method == "POST":
        report = get_object_or_404(Report, pk=request.POST.get("report"), status=ReportStatus.OPEN)
        form = ReportResolveForm(request.POST)
        if form.is_valid():
            services.report_resolve(
                report=report,
                status=form.cleaned_data["action"],
                acting_user=request.user,
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The report is closed."))
        else:
            messages.error(request, _("Choose dismiss or suspend."))
        return redirect("network:report_list")
    return render(
        request,
        "network/report_list.html",
        {"open_reports": selectors.open_reports(), "closed": selectors.reports_recent_closed()},
    )
