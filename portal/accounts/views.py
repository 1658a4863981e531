from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.core.languages import language_is_offered, translated_path


@csrf_exempt
@require_POST
def set_language(request):
    """Switch to the same page in the chosen language, and remember the choice.

    The page in the other language is found from the address's own language
    (``portal.core.languages.translated_path``): the translation of a Wagtail
    page, the same view otherwise, else that language's nearest parent page.
    The choice is kept in the language cookie and, for a signed-in person, on
    their account.

    A visitor who is not signed in switches without a CSRF token: the switcher
    sits on pages kept in the shared cache for everyone (``portal.core.page_cache``),
    which must carry no one visitor's token, and all a forged switch could do is
    change that visitor's language cookie. A signed-in person's switch also
    changes their account, so it is checked like every other write.
    """
    if request.user.is_authenticated:
        refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    # A referrer is a full address: only its path and query are followed.
    parts = urlsplit(next_url)
    next_url = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    if not language_is_offered(language):
        return HttpResponseRedirect(next_url)
    response = HttpResponseRedirect(translated_path(next_url, language, request=request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    user = request.user
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response
