"""Name checks for the registry (``portal.registry.validation.name_checks``)."""

from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .fonts import unsupported_characters


@lru_cache(maxsize=65536)
def _unsupported_characters(text: str) -> tuple[str, ...]:
    # Cached: a workshop list repeats names, and an import checks every cell.
    return tuple(unsupported_characters(text))


def validate_printable_name(name: str) -> None:
    """Refuse a name that the certificate fonts cannot print, naming the characters.

    Raises:
        ValidationError: naming each character and its code point.
    """
    missing = _unsupported_characters(name)
    if missing:
        raise ValidationError(
            _(
                "Certificates cannot print these characters: %(chars)s. "
                "Please check the spelling or use the nearest common character."
            )
            % {"chars": " ".join(f"{c} (U+{ord(c):04X})" for c in missing)}
        )
