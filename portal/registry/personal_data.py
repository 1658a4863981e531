"""The personal-data download: the hook, defined here, that every app answers.

A person may download everything the portal holds about them
(``registry:profile_download``). The registry knows the person; the apps above
it hold rows that point at them (enrolments, answers, certificates, messages).
Each app registers one :class:`PersonalDataSource` in :data:`personal_data_sources`
from its ``AppConfig.ready()``:

``collect(participant)``
    Returns ``{"<app>.<list>": [row, ...]}``: plain, JSON-able dicts, one list
    per *relation* (``network.messages_sent`` and ``network.messages_received``
    are two lists, not one keyed by model, so neither overwrites the other).
    Rows hold what concerns the person and nothing about anybody else: no other
    person's e-mail, and not who blocked them.
``covers``
    The relations (``"app_label.Model.field"``) whose rows ``collect`` returns.
``omits``
    The relations whose rows are deliberately left out, each with the reason
    (a staff member's action on other people's records, who blocked the person).

Every foreign key, one-to-one or many-to-many field of an installed model that
points at a ``Participant``, an account (``AUTH_USER_MODEL``) or an
``Enrolment`` must be in exactly one source's ``covers`` or ``omits``: a test
(``tests/registry/test_personal_data.py``) fails when a new relation is added
without saying how the download treats it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings

from portal.core.hooks import Hook

#: The models whose rows are "the person": relations to them are the person's data.
PERSON_MODELS = ("registry.Participant", settings.AUTH_USER_MODEL, "courses.Enrolment")


@dataclass(frozen=True)
class PersonalDataSource:
    """One app's part of the download (see the module's documentation)."""

    collect: Callable[..., dict[str, list[dict]]]
    covers: tuple[str, ...] = ()
    omits: Mapping[str, str] = field(default_factory=dict)


personal_data_sources: Hook[PersonalDataSource] = Hook()


def relation_label(model, field_name: str) -> str:
    return f"{model._meta.label}.{field_name}"


def personal_data_relations() -> set[str]:
    """Every relation (``"app.Model.field"``) of an installed model to a person's rows."""
    targets = {apps.get_model(label) for label in PERSON_MODELS if _installed(label)}
    relations = set()
    for model in apps.get_models(include_auto_created=False):
        for model_field in model._meta.get_fields(include_parents=False):
            if not (model_field.is_relation and model_field.concrete):
                continue
            if model_field.related_model in targets:
                relations.add(relation_label(model, model_field.name))
    return relations


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def personal_data_collect(participant) -> dict[str, list[dict]]:
    """Every source's lists for ``participant``, in registration order.

    Raises:
        ValueError: two sources return the same list name (one would hide the other).
    """
    data: dict[str, list[dict]] = {}
    for source in personal_data_sources.providers():
        for key, rows in source.collect(participant).items():
            if key in data:
                raise ValueError(f"Two personal-data sources return {key!r}.")
            data[key] = rows
    return data
