"""What pinned query counts depend on besides the code under test."""

from django.conf import settings


def session_queries() -> int:
    """Queries a logged-in request spends reading its session: one where
    sessions live in the database (the embedded default), none where they
    live in the cache (production, with Redis)."""
    return 1 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db" else 0
