"""What the demo loaders of translated content (pages, quizzes) share."""

import json
from collections import defaultdict

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import (
    SegmentOverride,
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

# Interface language code → suffix of the demo data modules in that language.
LANGUAGES = {"zh-hans": "zh_hans", "ja": "ja", "ko": "ko", "mn": "mn", "ru": "ru"}


def string_translation_set(*, string, locale, context, data: str) -> bool:
    """Record ``data`` as the manual translation of ``string`` in ``context``.

    As a translator's entry in wagtail-localize's editor would be.

    Returns:
        True when the translation was added or changed.
    """
    existing = StringTranslation.objects.filter(
        translation_of=string, locale=locale, context=context
    ).first()
    if existing is None:
        StringTranslation.objects.create(
            translation_of=string,
            locale=locale,
            context=context,
            data=data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        return True
    if existing.data == data:
        return False
    existing.data = data
    existing.save(update_fields=["data", "updated_at"])
    return True


def segment_override_set(*, locale, context, data) -> bool:
    """Make ``data`` the value of an overridable segment (a chosen image's id) in ``locale``.

    As a translator's override in wagtail-localize's editor would be; ``data=None`` drops
    the override, so the translation takes the source's value again.

    Returns:
        True when the override was added, changed or dropped.
    """
    existing = SegmentOverride.objects.filter(locale=locale, context=context).first()
    if data is None:
        if existing is None:
            return False
        existing.delete()
        return True
    data_json = json.dumps(data)
    if existing is None:
        SegmentOverride.objects.create(locale=locale, context=context, data_json=data_json)
        return True
    if existing.data_json == data_json and not existing.has_error:
        return False
    existing.data_json, existing.has_error, existing.field_error = data_json, False, ""
    existing.save(update_fields=["data_json", "has_error", "field_error", "updated_at"])
    return True


def _string_segments(instance) -> dict[str, list[StringSegmentValue]]:
    by_path = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_path[segment.path].append(segment)
    return by_path


def _overridable_segments(instance) -> dict[str, OverridableSegmentValue]:
    return {
        segment.path: segment
        for segment in extract_segments(instance)
        if isinstance(segment, OverridableSegmentValue)
    }


@transaction.atomic
def translate_page(*, page: Page, translated: Page, locale: Locale) -> bool:
    """Record ``translated``'s texts as translations of ``page``'s segments and publish.

    Where ``translated`` chooses another image than ``page`` (a drawing with labels in the
    language), the choice is recorded as an override of that segment.

    Args:
        page: the source page (specific).
        translated: an unsaved instance of the same type holding the translated texts.
        locale: the target locale.

    Returns:
        True when any translation was added or changed (the page is then published).
    """
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    contexts = {
        context.path: context
        for context in TranslationContext.objects.filter(object_id=source.object_id)
    }
    target_segments = _string_segments(translated)
    changed = False
    for path, source_segments in _string_segments(page).items():
        targets = target_segments.get(path, [])
        if path == "slug" or len(targets) != len(source_segments) or path not in contexts:
            continue
        for source_segment, target_segment in zip(source_segments, targets, strict=True):
            string = String.from_value(source.locale, source_segment.string)
            data = target_segment.string.data
            changed |= string_translation_set(
                string=string, locale=locale, context=contexts[path], data=data
            )
    target_overridables = _overridable_segments(translated)
    for path, source_segment in _overridable_segments(page).items():
        target_segment = target_overridables.get(path)
        if path not in contexts or target_segment is None:
            continue
        data = None if target_segment.data == source_segment.data else target_segment.data
        changed |= segment_override_set(locale=locale, context=contexts[path], data=data)
    if changed or not page.get_translations().filter(locale=locale).exists():
        # Saved as a draft, then published here rather than when the transaction
        # commits, so that a translation is in the tree, with its children counted,
        # before the translations of its children are placed under it.
        #
        # A first translation is saved twice inside save_target: the copy's child
        # rows (the course's instructors) are inserted, then replaced by the
        # second save. Wagtail queues a reference-index task per saved row, so
        # the replaced row's task would fail in the worker. The publish below
        # saves the page, which queues the page's own task; that one indexes the
        # page with the rows it has in the end.
        with disable_reference_index_auto_update():
            translation.save_target(publish=False)
        target = page.get_translation(locale)
        target.get_latest_revision().publish()
        return True
    return False


def copy_block_ids(source, target):
    """Give ``target`` (raw StreamField data) the block ids of ``source`` where they line up.

    wagtail-localize names a segment by the path of block ids that leads to it, so
    the translated blocks must carry the source's ids to be matched with it.
    """
    if isinstance(source, dict) and isinstance(target, dict):
        if "id" in source and "type" in source and source.get("type") == target.get("type"):
            target["id"] = source["id"]
        for key in source.keys() & target.keys():
            if key != "id":
                target[key] = copy_block_ids(source[key], target[key])
        return target
    if isinstance(source, list) and isinstance(target, list) and len(source) == len(target):
        return [copy_block_ids(s, t) for s, t in zip(source, target, strict=True)]
    return target
