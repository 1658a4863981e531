"""Page routing shared by page types that route their children themselves."""

from django.http import Http404
from wagtail.models import Page


def route_through_child(parent: Page, request, path_components: list[str]):
    """Route on through ``parent``'s child named by ``path_components[0]``.

    For a request that only passes through the child on the way to a page
    further down (``path_components`` has more than one item): the child's
    own fields are not shown, so it gets its specific class without the query
    for them (Wagtail's ``specific_deferred``); any that are read load then.
    Wagtail's ``Page.route`` would load them, one query per level.

    Returns:
        The ``RouteResult`` of the child's own ``route``.

    Raises:
        Http404: ``parent`` has no child with that slug.
    """
    try:
        child = parent.get_children().get(slug=path_components[0])
    except Page.DoesNotExist as error:
        raise Http404 from error
    # Carried over to the specific page (Wagtail copies the instance's attributes).
    child.routed_parent = parent
    return child.specific_deferred.route(request, path_components[1:])


class RoutedParentMixin:
    """A page whose ``get_parent()`` is the page the request was routed through.

    Routing reads every page on the way down; a page that keeps its parent in
    ``routed_parent`` (set by ``route_through_child`` and the page types that
    route their children themselves) answers ``get_parent()`` without the query
    treebeard would make. Without it (a page loaded any other way, or
    ``update=True``) treebeard reads the parent as usual.
    """

    routed_parent: Page | None = None

    def get_parent(self, update: bool = False) -> Page | None:
        """The parent page: the one routed through if known, else treebeard's answer."""
        if self.routed_parent is not None and not update:
            return self.routed_parent
        return super().get_parent(update=update)
