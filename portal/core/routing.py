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
    # Treebeard's get_parent() returns this without a query.
    child._cached_parent_obj = parent
    return child.specific_deferred.route(request, path_components[1:])
