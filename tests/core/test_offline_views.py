"""Issue 16: the manifest, the service worker at the root, and the offline page."""

import json

import pytest
from django.test import Client


@pytest.mark.django_db
class TestManifest:
    def test_start_page_and_name_in_the_language_asked_for(self):
        response = Client().get("/manifest.webmanifest?lang=ja")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/manifest+json"
        manifest = json.loads(response.content)
        assert manifest["start_url"] == "/ja/dashboard/"
        assert manifest["lang"] == "ja"
        assert manifest["display"] == "standalone"
        sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
        assert {"192x192", "512x512"} <= sizes

    def test_unknown_language_falls_back_to_the_readers(self):
        client = Client(headers={"accept-language": "ru"})
        manifest = client.get("/manifest.webmanifest?lang=xx").json()
        assert manifest["start_url"] == "/ru/dashboard/"

    def test_icons_are_shipped(self):
        from django.contrib.staticfiles import finders

        for name in ("icon-192.png", "icon-512.png", "maskable-512.png"):
            path = finders.find(f"img/icons/{name}")
            assert path, name
            with open(path, "rb") as file:
                assert file.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_service_worker_is_served_from_the_root_uncached():
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert b'addEventListener("fetch"' in response.content


@pytest.mark.django_db
def test_offline_page_is_translated():
    response = Client().get("/mn/offline/")
    assert response.status_code == 200
    assert '<html lang="mn"' in response.content.decode()
    english = Client().get("/en/offline/").content.decode()
    assert "You are offline" in english
