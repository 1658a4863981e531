"""The demo privacy policy: the English page under the home page, and its translations.

Loaded after the home page's translations (``portal.home.demo``), as its
translations need the translated home pages to sit under.
"""

import datetime

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from portal.core.demo_translations import LANGUAGES, copy_block_ids, translate_page
from portal.core.pages import site_home_page

from .demo_content.privacy import EFFECTIVE_FROM, POLICY, VERSION
from .pages import PrivacyPolicyPage

SLUG = "privacy"


def _sections(texts: dict) -> list:
    return [
        ("section", {"heading": heading, "text": RichText(f"<p>{escape(text)}</p>")})
        for heading, text in texts["sections"]
    ]


@transaction.atomic
def load_policy() -> PrivacyPolicyPage | None:
    """Create or refresh the English policy; publish only when it changed."""
    home = site_home_page()
    if home is None:
        return None
    texts = POLICY["en"]
    page = PrivacyPolicyPage.objects.child_of(home).filter(locale_id=home.locale_id).first()
    values = {
        "title": texts["title"],
        "version": VERSION,
        "effective_from": datetime.date.fromisoformat(EFFECTIVE_FROM),
        "summary_of_changes": texts["summary_of_changes"],
    }
    if page is None:
        page = PrivacyPolicyPage(slug=SLUG, body=_sections(texts), **values)
        home.add_child(instance=page)
        page.save_revision().publish()
        return page
    current = [(b.value["heading"], b.value["text"].source) for b in page.body]
    wanted = [(h, f"<p>{escape(t)}</p>") for h, t in texts["sections"]]
    if current != wanted or any(getattr(page, k) != v for k, v in values.items()):
        for name, value in values.items():
            setattr(page, name, value)
        page.body = _sections(texts)
        page.save_revision().publish()
    return page


def load_translations(*, page: PrivacyPolicyPage) -> int:
    """Translate the policy into each language whose home page exists. Returns pages published."""
    published = 0
    for code in LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or site_home_page(locale=locale) is None or code not in POLICY:
            continue
        texts = POLICY[code]
        probe = PrivacyPolicyPage(body=_sections(texts))
        translated = PrivacyPolicyPage(
            title=texts["title"],
            summary_of_changes=texts["summary_of_changes"],
            body=copy_block_ids(page.body.get_prep_value(), probe.body.get_prep_value()),
        )
        published += translate_page(page=page, translated=translated, locale=locale)
    return published


def load(*, password: str, stdout=None) -> None:
    page = load_policy()
    if page is not None:
        load_translations(page=page)
