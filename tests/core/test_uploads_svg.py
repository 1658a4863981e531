"""An SVG becomes an image the portal serves from its own origin only once it is safe.

The library rebuilds an uploaded SVG from a whitelist (portal.core.svg) or
refuses it with the reason; never is a script, handler or outside reference
stored, and so never served. One test per way an SVG can carry a script or
fetch something.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from portal.core.svg import UnsafeSVG, sanitise_svg

pytestmark = pytest.mark.django_db

HEAD = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    b' width="10" height="10" viewBox="0 0 10 10">'
)
RECT = b'<rect id="r" width="10" height="10" fill="#2a6"/>'
SVG = HEAD + b"<script>alert(document.cookie)</script>" + RECT + b"</svg>"


def _upload(client, name, data, title="Crane outline"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, data, content_type="image/svg+xml"),
            "collection": 1,
        },
    )


def _stored(title="Crane outline") -> bytes:
    image = get_image_model().objects.get(title=title)
    with image.file.open("rb") as f:
        return f.read()


def test_an_svg_with_a_script_is_stored_without_it(client, admin_user):
    client.force_login(admin_user)
    response = _upload(client, "crane.svg", SVG)
    assert response.status_code == 302
    stored = _stored()
    assert b"script" not in stored and b"alert" not in stored
    assert b"<rect" in stored  # the drawing itself is kept


def test_the_stored_svg_served_from_media_has_no_script(client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user)
    _upload(client, "crane.svg", SVG)
    image = get_image_model().objects.get(title="Crane outline")
    served = (tmp_path / image.file.name).read_bytes()
    assert b"<script" not in served


@pytest.mark.parametrize(
    ("payload", "gone"),
    [
        pytest.param(b'<rect onload="alert(1)" width="1"/>', b"onload", id="event-handler"),
        pytest.param(b'<g onclick="alert(1)"><rect/></g>', b"onclick", id="handler-on-group"),
        pytest.param(
            b'<foreignObject><body xmlns="http://www.w3.org/1999/xhtml">'
            b'<img src="x" onerror="alert(1)"/></body></foreignObject>',
            b"onerror",
            id="foreignObject",
        ),
        pytest.param(b'<a href="javascript:alert(1)"><rect/></a>', b"javascript", id="js-link"),
        pytest.param(b'<use xlink:href="javascript:alert(1)"/>', b"javascript", id="js-xlink"),
        pytest.param(
            b'<use href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="/>',
            b"data:",
            id="data-html-href",
        ),
        pytest.param(b'<use href="https://evil.example/x.svg#a"/>', b"evil", id="external-href"),
        pytest.param(b'<image href="https://evil.example/t.png"/>', b"evil", id="external-image"),
        pytest.param(
            b"<style>@import url(https://evil.example/x.css);</style>", b"evil", id="style-import"
        ),
        pytest.param(
            b"<style>rect{fill:url(https://evil.example/p.svg#a)}</style>",
            b"evil",
            id="style-url",
        ),
        pytest.param(
            b'<rect style="fill:url(https://evil.example/p#a)"/>', b"evil", id="style-attribute"
        ),
        pytest.param(b'<rect fill="url(https://evil.example/p#a)"/>', b"evil", id="fill-url"),
        pytest.param(
            b'<set attributeName="href" to="javascript:alert(1)"/>', b"javascript", id="animation"
        ),
        pytest.param(
            b'<rect xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click"/>',
            b"event",
            id="foreign-namespace",
        ),
    ],
)
def test_each_attack_is_removed_and_the_drawing_kept(payload, gone):
    clean, removed = sanitise_svg(HEAD + payload + RECT + b"</svg>")
    assert gone not in clean
    assert removed
    assert b'<rect id="r"' in clean


def test_an_external_stylesheet_instruction_is_dropped():
    data = b'<?xml-stylesheet type="text/css" href="https://evil.example/x.css"?>' + SVG
    clean, _removed = sanitise_svg(data)
    assert b"evil" not in clean and b"stylesheet" not in clean


def test_internal_references_and_styles_are_kept():
    data = (
        HEAD + b'<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/>'
        b"</linearGradient></defs><style>.a{fill:url(#g)}</style>"
        b'<use xlink:href="#r"/><rect class="a" fill="url(#g)" width="2"/>' + RECT + b"</svg>"
    )
    clean, removed = sanitise_svg(data)
    assert removed == []
    assert b'href="#r"' in clean and b'fill="url(#g)"' in clean and b"url(#g)}" in clean


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
            id="external-entity",
        ),
        pytest.param(
            b'<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            id="entity-expansion",
        ),
        pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", id="not-xml"),
        pytest.param(b'<html xmlns="http://www.w3.org/1999/xhtml"/>', id="not-svg"),
    ],
)
def test_what_cannot_be_made_safe_is_refused(data):
    with pytest.raises(UnsafeSVG):
        sanitise_svg(data)


def test_the_library_refuses_an_unsafe_svg_and_says_why(client, admin_user):
    client.force_login(admin_user)
    data = b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>'
    response = _upload(client, "crane.svg", data)
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Crane outline").exists()
    assert "cannot be made safe" in response.content.decode()


def test_an_image_saved_by_code_is_sanitised_too():
    image = get_image_model()(title="By code", width=10, height=10)
    image.file = ContentFile(SVG, name="by-code.svg")
    image.save()
    assert b"script" not in _stored("By code")


def test_the_multiple_uploader_stores_the_safe_form(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("multi.svg", SVG, content_type="image/svg+xml")},
    )
    assert response.status_code == 200
    image = get_image_model().objects.get()
    with image.file.open("rb") as f:
        assert b"script" not in f.read()


def test_an_svg_image_renders_as_svg(client):
    image = get_image_model()(title="Drawing", width=10, height=10)
    image.file = ContentFile(HEAD + RECT + b"</svg>", name="drawing.svg")
    image.save()
    rendition = image.get_rendition("max-1200x1200")
    assert rendition.url.endswith(".svg")
    assert rendition.width == 10
