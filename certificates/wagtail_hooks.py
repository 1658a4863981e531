"""Admin wiring: the certificate desk, its menu item, and certificate policies."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.accounts.menu import CapabilityMenuItem
from portal.accounts.permissions import Capability

from . import admin_views
from .models import CertificateDesign, CertificatePolicy


class CertificatePolicyViewSet(ModelViewSet):
    """Validity periods per course (courses without one issue certificates that never expire)."""

    model = CertificatePolicy
    icon = "time"
    menu_label = _("Certificate policies")
    add_to_admin_menu = False
    list_display = ["course", "validity_months"]
    form_fields = ["course", "validity_months"]


@hooks.register("register_admin_viewset")
def register_certificate_policy_viewset():
    return CertificatePolicyViewSet("certificate_policies")


class CertificateDesignViewSet(SnippetViewSet):
    """Certificate designs per course or cohort, with a preview per script."""

    model = CertificateDesign
    icon = "doc-full"
    menu_label = _("Certificate designs")
    add_to_admin_menu = False
    list_display = ["name", BooleanColumn("is_default", label=_("default design"))]


register_snippet(CertificateDesignViewSet)


@hooks.register("register_admin_urls")
def register_certificates_admin_urls():
    urls = [
        path("", admin_views.certificate_index, name="index"),
        path("<int:pk>/", admin_views.certificate_detail, name="detail"),
        path("<int:pk>/revoke/", admin_views.certificate_revoke, name="revoke"),
        path("<int:pk>/reissue/", admin_views.certificate_reissue, name="reissue"),
        path("issue/", admin_views.certificate_issue, name="issue"),
        path("bulk/", admin_views.bulk_issue, name="bulk"),
        path("bulk/<int:pk>/", admin_views.issue_run, name="run"),
        path("cohort/<int:cohort_id>/certificates.zip", admin_views.cohort_zip, name="cohort_zip"),
        path("archives/<int:pk>/", admin_views.cohort_archive, name="archive"),
        path(
            "archives/<int:pk>/download/",
            admin_views.cohort_archive_download,
            name="archive_download",
        ),
    ]
    return [
        path("certificates/", include((urls, "certificates_admin"), namespace="certificates_admin"))
    ]


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CapabilityMenuItem(
        _("Certificates"),
        reverse("certificates_admin:index"),
        capability=Capability.CERTIFICATES_MANAGE,
        icon_name="doc-full",
        order=230,
    )
