"""Translations of the flagship courses, one module per course and language."""
