from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Tag


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "scientific_name"]
    list_filter = ["kind"]
    search_fields = ["name", "scientific_name"]


register_snippet(TagViewSet)
