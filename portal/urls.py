from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.accounts.views import set_language
from portal.core.views import offline_page


class LoginRedirectView(RedirectView):
    """Sends every other log-in form to allauth's, keeping ``next``.

    Wagtail's admin and private-page log-in forms would otherwise authenticate
    without allauth's rate limits and second factor.
    """

    pattern_name = "account_login"
    query_string = True
    permanent = False

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


urlpatterns = [
    path("", include("portal.core.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/login/", LoginRedirectView.as_view(), name="admin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("_util/login/", LoginRedirectView.as_view()),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("offline/", offline_page, name="offline"),
    path("accounts/", include("allauth.urls")),
    # Each app's own pages; Wagtail's catch-all comes last.
    path("", include("portal.registry.urls")),
    path("", include("courses.urls")),
    path("", include("assessments.urls")),
    path("", include("assignments.urls")),
    path("", include("certificates.urls")),
    path("", include("portal.reporting.urls")),
    path("", include("portal.network.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG or getattr(settings, "FLYWAY_SERVE_MEDIA", False):
    # The embedded default (`make run`, DEBUG off) serves uploaded files itself;
    # production leaves them to the proxy or to object storage.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns = [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        *urlpatterns,
    ]
