"""The demo's drawings, now images in the library, show on the module pages."""

import pytest
from wagtail.images import get_image_model

from courses.demo import load_course, load_course_index
from courses.demo_content import crane_surveys
from courses.models import ModulePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_demo_drawing_is_a_library_image_shown_on_its_module(page, tmp_path):
    index = load_course_index()
    course = load_course(index=index, data=crane_surveys.COURSE, instructor=None)
    figures = [
        (module, block)
        for module in ModulePage.objects.child_of(course).live().specific()
        for block in module.body
        if block.block_type == "figure"
    ]
    paths = {
        value["svg"]
        for module in crane_surveys.COURSE["modules"]
        for kind, value in module["blocks"]
        if kind == "figure"
    }
    assert figures and len(paths) == get_image_model().objects.count()
    for module, block in figures:
        image = block.value["image"]
        assert image is not None and image.file.name.endswith(".svg")
        page.goto(module.url)
        drawing = page.locator("figure.block-drawing img").first
        drawing.scroll_into_view_if_needed()
        assert "/media/images/" in drawing.get_attribute("src")
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=drawing.element_handle()
        )
    page.screenshot(path=str(tmp_path / "module-drawing.png"), full_page=False)
    print("screenshot:", tmp_path / "module-drawing.png")
