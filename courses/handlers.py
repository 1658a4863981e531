"""Signal handlers, connected in ``CoursesConfig.ready``. They only enqueue work or drop caches."""

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page

from .models import CoursePage, ModulePage
from .selectors import outline_cache_key


def _drop_outline_on_commit(course_id: int) -> None:
    transaction.on_commit(lambda: cache.delete(outline_cache_key(course_id)))


def _parent_course_id(page: Page) -> int | None:
    parent_path = page.path[: -Page.steplen]
    return CoursePage.objects.filter(path=parent_path).values_list("pk", flat=True).first()


def course_content_changed(sender, instance, **kwargs):
    """A course or module was published or unpublished.

    The course's module outline is dropped from the cache and its completions
    are recomputed by a task, both after the transaction commits.
    """
    if isinstance(instance, CoursePage):
        course_id = instance.pk
    elif isinstance(instance, ModulePage):
        course_id = _parent_course_id(instance)
    else:
        return
    if course_id is None:
        return
    from .tasks import course_content_changed_task

    _drop_outline_on_commit(course_id)
    transaction.on_commit(lambda: course_content_changed_task.enqueue(course_id=course_id))


def module_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A module moved between (or within) courses: both outlines are stale."""
    if issubclass(sender, ModulePage):
        for parent in (parent_page_before, parent_page_after):
            _drop_outline_on_commit(parent.pk)


def module_deleted(sender, instance, **kwargs):
    course_id = _parent_course_id(instance)
    if course_id is not None:
        _drop_outline_on_commit(course_id)


def view_restriction_changed(sender, instance, **kwargs):
    """A module's own view restriction changed: its course's outline is stale."""
    page = Page.objects.filter(pk=instance.page_id).only("path", "content_type").first()
    if page is not None and page.specific_class is ModulePage:
        course_id = _parent_course_id(page)
        if course_id is not None:
            _drop_outline_on_commit(course_id)
