from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        # SVG drawings reach the image library only in their safe form (see .images).
        from django.db.models.signals import pre_save
        from wagtail.images import get_image_model

        from .images import sanitise_image_before_save

        pre_save.connect(
            sanitise_image_before_save,
            sender=get_image_model(),
            dispatch_uid="core_sanitise_svg_images",
        )

        self._documents_on_private_storage()

        # Any publish, unpublish or move of a page or snippet changes what
        # anonymous visitors read: the cached anonymous pages go (on commit).
        from wagtail.signals import (
            page_published,
            page_unpublished,
            post_page_move,
            published,
            unpublished,
        )

        from .page_cache import content_changed_receiver

        self._collate_countries()
        self._local_language_names()
        self._snippet_breadcrumbs_in_the_readers_language()

        for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
            signal.connect(content_changed_receiver, dispatch_uid=f"core_page_cache_{id(signal)}")

        # Wagtail's chooser widgets write their set-up as an inline script from
        # Python (BaseChooser.render): it gets the admin response's CSP nonce.
        from wagtail.admin.widgets.chooser import BaseChooser

        from .csp import nonce_chooser_scripts

        if not getattr(BaseChooser.render, "_portal_csp_nonce", False):
            BaseChooser.render = nonce_chooser_scripts(BaseChooser.render)

    @staticmethod
    def _local_language_names():
        """Each language named in itself wherever Django names it, Wagtail's account
        preferences included: Django's table calls Mongolian "Mongolian" in Mongolian."""
        from django.conf.locale import LANG_INFO

        from .languages import LOCAL_NAME_OVERRIDES

        for code, name in LOCAL_NAME_OVERRIDES.items():
            LANG_INFO[code] = {**LANG_INFO[code], "name_local": name}

    @staticmethod
    def _snippet_breadcrumbs_in_the_readers_language():
        """Wagtail's snippet viewsets label their first breadcrumbs with ``gettext``
        when the URLs are built, once per process: "Home" stayed in the language of
        the first request (English) for everyone. The same items, translated when shown."""
        from django.conf import settings as django_settings
        from django.urls import reverse_lazy
        from django.utils.translation import gettext_lazy
        from wagtail.snippets.views.snippets import SnippetViewSet

        def breadcrumbs_items(viewset):
            items = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
            if (
                getattr(django_settings, "WAGTAILSNIPPETS_MENU_SHOW_ALL", False)
                or not viewset.get_menu_item_is_registered()
            ):
                snippets = reverse_lazy("wagtailsnippets:index")
                items.append({"url": snippets, "label": gettext_lazy("Snippets")})
            return items

        SnippetViewSet.breadcrumbs_items = property(breadcrumbs_items)

    @staticmethod
    def _documents_on_private_storage():
        """Wagtail documents are stored on the private storage, never under MEDIA_ROOT.

        A document can be in a restricted collection or attached to a page not
        yet published; stored under /media/ it could be fetched by address.
        On the private storage it has none: it reaches a browser only through
        Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which
        applies collection privacy and the ``before_serve_document`` hooks.

        Wagtail's document model is not ours to subclass without swapping the
        model (and every reference to it), so its file field is pointed at the
        storage here. Where a file is stored is not part of the database
        schema; ``_storage_callable`` names the default so that Django's
        migration autodetector does not ask for a migration inside Wagtail's
        own app. Existing files were moved by core migration 0002.
        """
        from django.core.files.storage import default_storage
        from wagtail.documents import get_document_model

        from .storage import private_storage

        field = get_document_model()._meta.get_field("file")
        field.storage = private_storage()
        field._storage_callable = default_storage

    @staticmethod
    def _collate_countries():
        """Country lists in the reader's alphabetical order.

        django-countries sorts with its module's ``sort_key`` (pyuca's collator
        when installed, else ASCII letters only, which leaves every list in a
        non-Latin script in English order); its lists are cached per language,
        so a key that follows the active language's collation is enough.
        """
        import django_countries

        from .collation import country_sort_key

        django_countries.sort_key = country_sort_key
