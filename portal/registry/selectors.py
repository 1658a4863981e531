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

    Other apps' rows pointing at the participant (enrolments, attempts,
    certificates, …) are included generically, field by field.
    """
    from django.forms.models import model_to_dict

    profile = {
        name: (str(value) if name == "country" else value)
        for name, value in model_to_dict(
            participant, exclude=["id", "user", "expertise", "search_text"]
        ).items()
    }
    profile.update(
        {
            "expertise": [str(tag) for tag in participant.expertise.all()],
            "profile_completed_at": participant.profile_completed_at,
            "created_at": participant.created_at,
            "updated_at": participant.updated_at,
            "account_email": participant.user.email if participant.user_id else "",
        }
    )
    data: dict = {"profile": profile}
    data["consents"] = [
        {
            "purpose": c.purpose,
            "policy_version": c.policy_version,
            "granted": c.granted,
            "recorded_at": c.recorded_at,
        }
        for c in participant.consents.all()
    ]
    data["history"] = [
        {"when": h.created_at, "action": h.action, "changes": h.changes, "reason": h.reason}
        for h in participant.history.all()
    ]
    for rel in Participant._meta.related_objects:
        model = rel.related_model
        if rel.many_to_many or model._meta.app_label == "registry":
            continue
        rows = model._base_manager.filter(**{rel.field.name: participant})
        key = f"{model._meta.app_label}_{model._meta.model_name}"
        data[key] = [
            {
                f.attname: getattr(obj, f.attname)
                for f in model._meta.concrete_fields
                if f.get_internal_type() not in ("FileField", "ImageField", "BinaryField")
            }
            for obj in rows
        ]
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
