"""Helpers for writing the flagship course texts as plain Python data."""


def text(value: str) -> str:
    """Collapse the line breaks and indentation of a triple-quoted string into single spaces."""
    return " ".join(value.split())
