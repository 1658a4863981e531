"""Demo translations of the flagship crane survey course, through wagtail-localize.

The translated texts are plain data in ``courses/demo_content/translations/``,
written with the same structure as the English source. They are loaded the way
a translator's work is: as string translations of the source page's segments in
wagtail-localize's translation memory, from which wagtail-localize builds and
publishes the page in each language. A translator then sees every segment
translated in the admin, and what changes in the English source afterwards.
"""

import importlib

from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
)
from wagtail_localize.synctree import synchronize_tree

from portal.core.demo_translations import LANGUAGES, copy_block_ids, translate_page
from portal.core.pages import site_home_page

from .demo import PLACED_BLOCKS, block_value
from .demo_content.translations.home import HOME
from .models import CourseIndexPage, CoursePage, ModulePage
from .practice_data import DOCUMENT_TITLES

# Course slug → the data module's name in courses/demo_content/translations/.
TRANSLATED_COURSES = {
    "crane-survey-techniques": "crane_surveys",
    "colour-banding": "colour_banding",
    "drones-remote-sensing": "drones_remote_sensing",
    "wetland-habitat-assessment": "wetland_assessment",
    "crane-data-analysis": "crane_data_analysis",
    "conservation-planning": "conservation_planning",
}


def translated_data(module_name: str, language: str):
    """The data module of ``module_name`` in ``language``, or None when none is written yet."""
    name = f"courses.demo_content.translations.{module_name}_{LANGUAGES[language]}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None


def _translated_stream(page, field: str, blocks: list[tuple[str, object]]):
    """Raw StreamField data for ``blocks``, carrying the ids of ``page.<field>``'s blocks.

    Blocks that the data does not hold (a quiz or an assignment placed by another
    app's demo) are left out; wagtail-localize keeps them from the source.
    """
    probe = type(page)()
    setattr(probe, field, blocks)
    translated = getattr(probe, field).get_prep_value()
    source = [b for b in getattr(page, field).get_prep_value() if b["type"] not in PLACED_BLOCKS]
    return copy_block_ids(source, translated)


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


def _practice_documents() -> dict:
    """The practice-data documents ("csv", "xlsx") the demo filed, by kind (None if not filed).

    A translated download block links the same document as its source: documents are not
    translated, and the demo loader files them before translations are loaded.
    """
    documents = get_document_model().objects.order_by("pk")
    return {kind: documents.filter(title=title).first() for kind, title in DOCUMENT_TITLES.items()}


def _module_translation(module: ModulePage, data: dict, documents: dict) -> ModulePage:
    translated = ModulePage(title=data["title"], summary=data.get("summary", ""))
    blocks = [
        (kind, block_value(kind, value, documents=documents)) for kind, value in data["blocks"]
    ]
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
    documents = _practice_documents()
    for slug, module_name in TRANSLATED_COURSES.items():
        course = CoursePage.objects.child_of(index).filter(slug=slug).first()
        translation = translated_data(module_name, language)
        if course is None or translation is None:
            continue
        data = translation.COURSE
        course = course.specific
        published += translate_page(
            page=course, translated=_course_translation(course, data), locale=locale
        )
        modules = {m.slug: m.specific for m in ModulePage.objects.child_of(course)}
        for module_data in data["modules"]:
            module = modules.get(module_data["slug"])
            if module is not None:
                published += translate_page(
                    page=module,
                    translated=_module_translation(module, module_data, documents),
                    locale=locale,
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
