"""Demo translations of the flagship crane survey course, through wagtail-localize.

The translated texts are plain data in ``courses/demo_content/translations/``,
written with the same structure as the English source. They are loaded the way
a translator's work is: as string translations of the source page's segments in
wagtail-localize's translation memory, from which wagtail-localize builds and
publishes the page in each language. A translator then sees every segment
translated in the admin, and what changes in the English source afterwards.
"""

import importlib
from collections import defaultdict

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import (
    LocaleSynchronization,
    String,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.synctree import synchronize_tree

from portal.core.demo_translations import LANGUAGES, string_translation_set
from portal.core.pages import site_home_page

from .demo import block_value
from .demo_content.translations.home import HOME
from .models import CourseIndexPage, CoursePage, ModulePage

# Course slug → the data module's name in courses/demo_content/translations/.
TRANSLATED_COURSES = {"crane-survey-techniques": "crane_surveys"}


def _copy_block_ids(source, target):
    """Give ``target`` (raw StreamField data) the block ids of ``source`` where they line up.

    wagtail-localize names a segment by the path of block ids that leads to it, so
    the translated blocks must carry the source's ids to be matched with it.
    """
    if isinstance(source, dict) and isinstance(target, dict):
        if "id" in source and "type" in source and source.get("type") == target.get("type"):
            target["id"] = source["id"]
        for key in source.keys() & target.keys():
            if key != "id":
                target[key] = _copy_block_ids(source[key], target[key])
        return target
    if isinstance(source, list) and isinstance(target, list) and len(source) == len(target):
        return [_copy_block_ids(s, t) for s, t in zip(source, target, strict=True)]
    return target


def _translated_stream(page, field: str, blocks: list[tuple[str, object]]):
    """Raw StreamField data for ``blocks``, carrying the ids of ``page.<field>``'s blocks.

    Blocks that the data does not hold (a quiz placed by the assessments app) are
    left out; wagtail-localize keeps them from the source.
    """
    probe = type(page)()
    setattr(probe, field, blocks)
    translated = getattr(probe, field).get_prep_value()
    source = [b for b in getattr(page, field).get_prep_value() if b["type"] != "quiz"]
    return _copy_block_ids(source, translated)


def _string_segments(instance) -> dict[str, list[StringSegmentValue]]:
    by_path = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            by_path[segment.path].append(segment)
    return by_path


@transaction.atomic
def translate_page(*, page: Page, translated: Page, locale: Locale) -> bool:
    """Record ``translated``'s texts as translations of ``page``'s segments and publish.

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


def _home_translation(home: Page, texts: dict) -> Page:
    # The home page's own class (portal.home sits above this app), with the data's texts.
    translated = home.specific_class(
        title=texts["title"], hero_heading=texts["hero_heading"], hero_text=texts["hero_text"]
    )
    topics = [
        ("topic", {"title": title, "summary": summary, "link": None})
        for title, summary in texts["topics"]
    ]
    translated.topics = _translated_stream(home, "topics", topics)
    return translated


def _course_translation(course: CoursePage, data: dict) -> CoursePage:
    translated = CoursePage(title=data["title"], summary=data["summary"])
    translated.outcomes = _translated_stream(
        course, "outcomes", [("outcome", text) for text in data.get("outcomes", [])]
    )
    translated.sources = _translated_stream(
        course, "sources", [("source", text) for text in data.get("sources", [])]
    )
    return translated


def _module_translation(module: ModulePage, data: dict) -> ModulePage:
    translated = ModulePage(title=data["title"], summary=data.get("summary", ""))
    blocks = [(kind, block_value(kind, value)) for kind, value in data["blocks"]]
    translated.body = _translated_stream(module, "body", blocks)
    return translated


def load_translations(*, language: str) -> int:
    """Translate the home page, the catalogue and the flagship course(s) into ``language``.

    Returns:
        How many pages were published anew.
    """
    locale, _ = Locale.objects.get_or_create(language_code=language)
    texts = HOME[language]
    published = 0
    home = site_home_page(locale=Locale.get_default())
    published += translate_page(page=home, translated=_home_translation(home, texts), locale=locale)
    index = CourseIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        return published
    published += translate_page(
        page=index,
        translated=CourseIndexPage(title=texts["index_title"], intro=texts["index_intro"]),
        locale=locale,
    )
    for slug, module_name in TRANSLATED_COURSES.items():
        course = CoursePage.objects.child_of(index).filter(slug=slug).first()
        if course is None:
            continue
        data = importlib.import_module(
            f"courses.demo_content.translations.{module_name}_{LANGUAGES[language]}"
        ).COURSE
        course = course.specific
        published += translate_page(
            page=course, translated=_course_translation(course, data), locale=locale
        )
        modules = {m.slug: m.specific for m in ModulePage.objects.child_of(course)}
        for module_data in data["modules"]:
            module = modules.get(module_data["slug"])
            if module is not None:
                published += translate_page(
                    page=module, translated=_module_translation(module, module_data), locale=locale
                )
    return published


@transaction.atomic
def locale_sync_from_default(*, language: str) -> None:
    """Keep ``language``'s page tree in step with the default language's.

    Pages not translated yet appear there as aliases of the source page, so a
    learner browsing in ``language`` finds every course, in its source language
    where no translation exists. New pages made in the admin get their aliases
    from wagtail-localize itself; this also covers pages made by code.
    """
    default = Locale.get_default()
    locale, _ = Locale.objects.get_or_create(language_code=language)
    LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})
    synchronize_tree(default, locale)


def load(*, password: str, stdout=None) -> None:
    """Load the demo translations in every interface language but English."""
    published = 0
    for language in LANGUAGES:
        published += load_translations(language=language)
        locale_sync_from_default(language=language)
    if stdout is not None:
        stdout.write(f"Translations: {published} pages published in {len(LANGUAGES)} languages.")
