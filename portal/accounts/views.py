from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the account.

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
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and user.preferred_language != language
    ):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response
