"""Demo data of this app for ``load_demo_data``: idempotent, built through services."""


def load(*, password: str, stdout=None) -> None:
    """Load this app's demo data. Filled in with the app's issue."""
