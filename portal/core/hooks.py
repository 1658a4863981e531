"""Hooks: how a lower app asks the apps above it for something it must not import.

Signals (``portal.core.signals``) tell higher apps that something happened;
a hook asks them for an answer. The lower app defines a :class:`Hook` in the
module that uses it and documents what a provider is and when it is asked;
each higher app registers its provider from its ``AppConfig.ready()``.
Providers are asked in registration order, that is the order of
``INSTALLED_APPS``.
"""

from __future__ import annotations


class Hook[T]:
    """A list of providers, keyed so that registering twice replaces (tests, reloads)."""

    def __init__(self) -> None:
        self._providers: dict[str, T] = {}

    def register(self, *, key: str, provider: T) -> None:
        """Add ``provider`` under ``key``, or replace the provider registered under it."""
        self._providers[key] = provider

    def providers(self) -> list[T]:
        return list(self._providers.values())
