"""Browser journeys: Playwright driving Debian's Chromium against a live server.

Screenshots of every step go to tests/e2e/screenshots/ (git-ignored).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def _migrated_rows(django_db_setup, django_db_blocker):
    """The rows that data migrations create, as serialized when the test database was made.

    Read before Playwright starts: once its event loop runs in this thread, Django
    hands the test another connection object, one without this copy, so the
    serialized rollback of a transactional test does not restore anything.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _restore_migrated_rows(_migrated_rows, transactional_db):
    """Put back the home page, roles and locales if an earlier test flushed them.

    Autouse, so that it runs before the fixtures of a journey that build on them.
    """
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Locale

    if _migrated_rows and not Locale.objects.exists():
        # The flush that ended the earlier test ran post_migrate handlers (content
        # types, permissions, roles): clear those too, then restore the snapshot.
        # Sequences are left where they are, above the restored ids, as Django's
        # own serialized rollback does (PostgreSQL would hand out taken ids).
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        connection.creation.deserialize_db_from_string(_migrated_rows)


FONTS = Path(__file__).resolve().parents[2] / "certificates" / "fonts"


def _fontconfig(directory: Path) -> Path:
    """A fontconfig file that adds the fonts shipped for certificates (CJK
    included) to the machine's own, so that screenshots of Chinese, Japanese
    and Korean pages show text rather than empty boxes on a bare machine."""
    conf = directory / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{FONTS}</dir>\n  <cachedir>{directory / 'cache'}</cachedir>\n"
        "</fontconfig>\n"
    )
    return conf


@pytest.fixture(scope="session")
def browser(_migrated_rows, tmp_path_factory):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: .ci/run installs Debian's chromium.")
        pytest.skip(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # From here on Django hands this thread another connection object; give
        # it the snapshot so that Django's serialized rollback restores it.
        from django.db import connections

        connection = connections["default"]
        if _migrated_rows and not getattr(connection, "_test_serialized_contents", None):
            connection._test_serialized_contents = _migrated_rows
        fonts_conf = _fontconfig(tmp_path_factory.mktemp("fontconfig"))
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf)},
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _public_address_is_the_live_server(request, settings):
    """Links in mails, QR codes and credentials point at the server the browser uses.

    ``PORTAL_BASE_URL`` is the one public address (``portal.core.links``); a
    journey serves the portal from the live server's port.
    """
    if "live_server" in request.fixturenames:
        url = request.getfixturevalue("live_server").url
        settings.PORTAL_BASE_URL = url
        settings.WAGTAILADMIN_BASE_URL = url


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized browser, for pages used in the field."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "step-name")`` saves a full-page PNG named after the test."""
    folder = SCREENSHOTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))

    def take(page, name: str) -> Path:
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
