"""``{% csp_nonce %}``: the ` nonce="…"` attribute for an admin inline script (portal.core.csp)."""

from django import template
from django.utils.html import format_html

from portal.core.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""
