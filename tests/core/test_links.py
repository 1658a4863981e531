"""One public address: absolute URLs come from PORTAL_BASE_URL, not the request or the Site."""

from portal.core.links import absolute_reverse, absolute_url, base_url


def test_absolute_urls_are_built_on_the_portal_base_url(settings):
    settings.PORTAL_BASE_URL = "https://academy.example.org/"
    assert base_url() == "https://academy.example.org"
    assert absolute_url("/en/courses/") == "https://academy.example.org/en/courses/"
    assert absolute_url("en/courses/") == "https://academy.example.org/en/courses/"
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"


def test_absolute_reverse_uses_the_default_language_whatever_is_active(settings):
    from django.utils import translation

    settings.PORTAL_BASE_URL = "https://academy.example.org"
    with translation.override("ja"):
        url = absolute_reverse("certificates:verify", code="abc")
    assert url == "https://academy.example.org/en/certificates/verify/abc/"


def test_wagtail_admin_base_url_follows_the_portal_base_url():
    from django.conf import settings

    assert settings.WAGTAILADMIN_BASE_URL == settings.PORTAL_BASE_URL
