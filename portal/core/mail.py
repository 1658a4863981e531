"""E-mail from the portal, in each recipient's language.

Every mail the portal sends is rendered from a subject and a body template in
the language of the person it goes to, and sent from the portal's own name
(``DEFAULT_FROM_EMAIL``). A mail to several people is sent once per language,
each group in Bcc, so that nobody reads a mail in someone else's language and
no address is shown to the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def mail_language(language: str | None) -> str:
    """``language`` when the portal speaks it, else the site's default language."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


Context = dict | Callable[[], dict]


def mail_render(template: str, context: Context, *, language: str) -> tuple[str, str]:
    """The subject (one line) and body of ``<template>_subject.txt`` / ``_body.txt``.

    ``context`` may be a callable, called inside the language: links reversed
    there carry that language's prefix.
    """
    with translation.override(mail_language(language)):
        if callable(context):
            context = context()
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return " ".join(subject.split()), body


def mail_send(
    *,
    template: str,
    context: Context,
    to: str,
    language: str | None,
    headers: dict | None = None,
) -> None:
    """Send one mail to ``to``, rendered in ``language``."""
    subject, body = mail_render(template, context, language=mail_language(language))
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    ).send()


def mail_send_each_language(
    *,
    template: str,
    context: Context,
    recipients: Iterable[tuple[str, str | None]],
    headers: dict | None = None,
) -> int:
    """Send the mail once per language, each group of (address, language) in Bcc.

    Give ``context`` as a callable when it holds links: it is called inside
    each language, so each group gets links in its own language.

    Returns:
        How many addresses were written to.
    """
    groups: dict[str, set[str]] = defaultdict(set)
    for address, language in recipients:
        if address:
            groups[mail_language(language)].add(address)
    for language, addresses in sorted(groups.items()):
        subject, body = mail_render(template, context, language=language)
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            bcc=sorted(addresses),
            headers=headers or {},
        ).send()
    return sum(len(a) for a in groups.values())
