"""An SVG with a script must not become an image the portal serves from its own origin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)


def test_the_image_library_refuses_an_svg_with_a_script(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Crane outline",
            "file": SimpleUploadedFile("crane.svg", SVG, content_type="image/svg+xml"),
            "collection": 1,
        },
    )
    assert not get_image_model().objects.filter(title="Crane outline").exists()
    assert response.status_code == 200
    assert "Supported formats" in response.content.decode()  # the form says what it takes


def test_the_image_library_does_not_offer_svg(settings):
    assert "svg" not in [ext.lower() for ext in settings.WAGTAILIMAGES_EXTENSIONS]
