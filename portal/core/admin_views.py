"""Admin views shared by the apps."""

from django.utils.translation import gettext
from wagtail.admin.views import generic


class ReadableInspectView(generic.InspectView):
    """Wagtail's inspect view, with empty values (a blank, or an empty set of
    translations rather than "{}") as a dash and yes/no in the reader's
    language instead of Python's "None", "True" and "False"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value in ("", {}, []):
            return "—"
        if value is True:
            return gettext("Yes")
        if value is False:
            return gettext("No")
        return value
