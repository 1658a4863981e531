"""Finding the site's pages without naming their models (apps below ``portal.home`` use it)."""

from wagtail.models import Locale, Page, Site


def site_home_page(*, locale: Locale | None = None) -> Page | None:
    """The default site's root page (the home page), as its specific page.

    Args:
        locale: the language wanted; None for the root page as it is (the
            default language's home page).

    Returns:
        The page, its translation in ``locale`` (None when there is none yet),
        or None when no default site exists (an emptied test database).
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page
    if locale is not None and home.locale_id != locale.pk:
        home = home.get_translation_or_none(locale)
        if home is None:
            return None
    return home.specific
