from django.http import Http404
from wagtail import hooks

from .selectors import document_hidden


@hooks.register("before_serve_document")
def hide_unpublished_resource_files(document, request):
    """A file of resources none of which is published is 404 to who may not edit them."""
    if document_hidden(document=document, user=request.user):
        raise Http404
