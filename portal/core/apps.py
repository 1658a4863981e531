from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
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

        for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
            signal.connect(content_changed_receiver, dispatch_uid=f"core_page_cache_{id(signal)}")

        # Wagtail's chooser widgets write their set-up as an inline script from
        # Python (BaseChooser.render): it gets the admin response's CSP nonce.
        from wagtail.admin.widgets.chooser import BaseChooser

        from .csp import nonce_chooser_scripts

        if not getattr(BaseChooser.render, "_portal_csp_nonce", False):
            BaseChooser.render = nonce_chooser_scripts(BaseChooser.render)
