"""Reads of the participant registry."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from . import validation
from .models import ConsentPurpose, ConsentRecord, Participant


def participant_for_user(user) -> Participant | None:
    """The participant of ``user``, or None (anonymous, staff without a profile …).

    The result is cached on the user object for the rest of the request, so
    templates and decorators asking again cost no query.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_registry_participant", _MISSING)
    if cached is not _MISSING:
        return cached
    participant = Participant.objects.filter(user=user, anonymised_at__isnull=True).first()
    user._registry_participant = participant
    return participant


_MISSING = object()


def participant_list() -> QuerySet[Participant]:
    """Every participant, with the account joined (for the admin list)."""
    return Participant.objects.select_related("user")


# The columns of every participant export, in order. The first ones are the
# import columns, so an export can be corrected and imported again.
EXPORT_HEADERS = [
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
    "has_account",
    "profile_completed_at",
    "anonymised",
    "created_at",
    "id",
]


def participant_export_rows(queryset: QuerySet[Participant]):
    """Rows (lists, in ``EXPORT_HEADERS`` order) for the given participants.

    Reads in chunks with one query per chunk, so large exports stream.
    """
    fields = [
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
        "user_id",
        "profile_completed_at",
        "anonymised_at",
        "created_at",
        "id",
    ]
    for values in queryset.order_by("pk").values_list(*fields).iterator(chunk_size=2000):
        row = list(values)
        row[11] = "yes" if row[11] else "no"
        row[12] = row[12].isoformat() if row[12] else ""
        row[13] = "yes" if row[13] else "no"
        row[14] = row[14].isoformat()
        yield row


def participant_personal_data(participant: Participant) -> dict:
    """Everything the portal holds about one person, as plain JSON-able data.

    ``profile`` is the registry row (with the account); every other key is one
    list of rows, one per relation, from the apps' ``personal_data_sources``
    (the registry's own: consents, history, e-mail addresses, second factors).
    """
    from .personal_data import personal_data_collect

    return {"profile": _profile_data(participant), **personal_data_collect(participant)}


def _profile_data(participant: Participant) -> dict:
    from django.forms.models import model_to_dict

    profile = {
        name: (str(value) if name == "country" else value)
        for name, value in model_to_dict(
            participant, exclude=["id", "user", "expertise", "search_text"]
        ).items()
    }
    user = participant.user
    profile.update(
        {
            "expertise": [str(tag) for tag in participant.expertise.all()],
            "profile_completed_at": participant.profile_completed_at,
            "created_at": participant.created_at,
            "updated_at": participant.updated_at,
            "account_email": user.email if user else "",
            "account_created_at": user.date_joined if user else None,
            "account_last_login": user.last_login if user else None,
        }
    )
    return profile


# Relations to a person whose rows the registry leaves out of the download, and why.
_STAFF_WORK = "Work the person did as staff on other people's records or on the site's content"
REGISTRY_OMITS = {
    "registry.ParticipantHistory.acting_user": _STAFF_WORK,
    "registry.ImportJob.created_by": _STAFF_WORK,
    "wagtail_localize.SegmentOverride.last_translated_by": _STAFF_WORK,
    "wagtail_localize.StringTranslation.last_translated_by": _STAFF_WORK,
    "wagtailadmin.EditingSession.user": _STAFF_WORK,
    "wagtailadmin.FormState.user": _STAFF_WORK,
    "wagtailcore.APIToken.user": "A secret credential; never written into a file",
    "wagtailcore.Comment.resolved_by": _STAFF_WORK,
    "wagtailcore.Comment.user": _STAFF_WORK,
    "wagtailcore.CommentReply.user": _STAFF_WORK,
    "wagtailcore.ModelLogEntry.user": _STAFF_WORK,
    "wagtailcore.Page.locked_by": _STAFF_WORK,
    "wagtailcore.Page.owner": _STAFF_WORK,
    "wagtailcore.PageLogEntry.user": _STAFF_WORK,
    "wagtailcore.PageSubscription.user": _STAFF_WORK,
    "wagtailcore.Revision.user": _STAFF_WORK,
    "wagtailcore.TaskState.finished_by": _STAFF_WORK,
    "wagtailcore.UploadedFile.uploaded_by_user": _STAFF_WORK,
    "wagtailcore.WorkflowState.requested_by": _STAFF_WORK,
    "wagtaildocs.Document.uploaded_by_user": _STAFF_WORK,
    "wagtailimages.Image.uploaded_by_user": _STAFF_WORK,
}
REGISTRY_COVERS = (
    "registry.Participant.user",
    "registry.ConsentRecord.participant",
    "registry.ParticipantHistory.participant",
    "account.EmailAddress.user",
    "mfa.Authenticator.user",
    "wagtailusers.UserProfile.user",
)


def registry_personal_data(participant: Participant) -> dict[str, list[dict]]:
    """The registry's lists for the download: consents, history, account settings.

    The history says what changed and why, not which staff member changed it.
    Second factors are listed by kind and dates; their secrets never leave.
    """
    from django.apps import apps

    data = {
        "registry.consents": [
            {
                "purpose": c.purpose,
                "policy_version": c.policy_version,
                "granted": c.granted,
                "recorded_at": c.recorded_at,
            }
            for c in participant.consents.all()
        ],
        "registry.history": [
            {"when": h.created_at, "action": h.action, "changes": h.changes, "reason": h.reason}
            for h in participant.history.all()
        ],
        "account.email_addresses": [],
        "account.second_factors": [],
        "account.admin_preferences": [],
    }
    user = participant.user
    if user is None:
        return data
    data["account.email_addresses"] = list(
        apps.get_model("account", "EmailAddress")
        .objects.filter(user=user)
        .values("email", "verified", "primary")
    )
    data["account.second_factors"] = list(
        apps.get_model("mfa", "Authenticator")
        .objects.filter(user=user)
        .values("type", "created_at", "last_used_at")
    )
    data["account.admin_preferences"] = list(
        apps.get_model("wagtailusers", "UserProfile")
        .objects.filter(user=user)
        .values(
            "preferred_language",
            "current_time_zone",
            "submitted_notifications",
            "approved_notifications",
            "rejected_notifications",
            "updated_comments_notifications",
        )
    )
    return data


def participant_consent_outdated(*, participant: Participant) -> bool:
    """Whether the participant's consent to data processing is to an older policy.

    True when their latest consent record is to another version than the
    current one (or was withdrawn). Someone with no record at all (a workshop
    participant imported from a list) is not asked here: onboarding asks.
    """
    latest = (
        ConsentRecord.objects.filter(
            participant=participant, purpose=ConsentPurpose.DATA_PROCESSING
        )
        .order_by("-recorded_at", "-pk")
        .values_list("granted", "policy_version")
        .first()
    )
    if latest is None:
        return False
    granted, version = latest
    return not granted or version != validation.policy_version()


def privacy_policy_page(*, language: str):
    """The live privacy policy in ``language``, else in the default language, else None."""
    from .pages import PrivacyPolicyPage

    pages = PrivacyPolicyPage.objects.live().select_related("locale")
    page = pages.filter(locale__language_code=language).first()
    return page or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
