"""Demo data for ``load_demo_data``: built through the same services users go through.

Every step is idempotent: running it again finds what is there and changes
nothing that is already right.
"""

import os
from dataclasses import dataclass
from importlib import import_module

from allauth.account.models import EmailAddress
from django.db import transaction
from wagtail.models import Locale

from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.accounts.services import user_add_role

from .models import HomePage

DEFAULT_DEMO_PASSWORD = "flyway-demo-2025"  # noqa: S105 — documented in the README


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: Role | None
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("learner@example.org", "Oyunchimeg", "Batbayar", Role.LEARNERS),
    DemoAccount("instructor@example.org", "Kenji", "Yamamoto", Role.INSTRUCTORS),
    DemoAccount("secretariat@example.org", "Seo-yeon", "Park", Role.SECRETARIAT),
    DemoAccount("admin@example.org", "Portal", "Administrator", None, superuser=True),
]

TOPICS = [
    (
        "Crane survey techniques",
        "Synchronised counts at roosts and feeding sites, block counting of large flocks, "
        "juvenile ratios and family groups, and sharing counts with flyway-wide censuses.",
    ),
    (
        "Colour banding",
        "Permits and national banding schemes, bird welfare and handling, reading and "
        "writing colour-band combinations, and reporting resightings.",
    ),
    (
        "Drones and remote sensing",
        "Flight rules and permits, disturbance and safe approach, flight planning, counting "
        "waterbirds from imagery and mapping habitat from drone and satellite images.",
    ),
    (
        "Wetland habitat assessment",
        "Water depth and hydrology, vegetation and food resources, threats from energy "
        "infrastructure and agriculture, and the Ramsar criteria for waterbird sites.",
    ),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


@transaction.atomic
def load_accounts(*, password: str) -> list[User]:
    """Create or refresh the four demo accounts, each with a verified address."""
    users = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=account.email).first()
        if user is None:
            user = User.objects.create_user(
                email=account.email,
                password=password,
                first_name=account.first_name,
                last_name=account.last_name,
                is_staff=account.superuser,
                is_superuser=account.superuser,
            )
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        if account.role is not None:
            user_add_role(user=user, role=account.role)
        users.append(user)
    return users


@transaction.atomic
def load_home_page() -> HomePage:
    """Give the home page its training areas, publishing only when they change."""
    home = HomePage.objects.get(locale=Locale.get_default())
    topics = [
        {"type": "topic", "value": {"title": title, "summary": summary, "link": None}}
        for title, summary in TOPICS
    ]
    current = [
        {"type": block.block_type, "value": {**block.value, "link": None}} for block in home.topics
    ]
    if [(b["value"]["title"], b["value"]["summary"]) for b in current] != list(TOPICS):
        home.topics = topics
        home.save_revision().publish()
    return home


# Each app adds its own demo data, in dependency order, after the accounts.
APP_DEMO_MODULES = [
    "portal.registry.demo",
    "courses.demo",
    "assessments.demo",
    "assignments.demo",
    "certificates.demo",
    "portal.reporting.demo",
    "portal.network.demo",
    "portal.library.demo",
    # Quizzes before pages: translated pages then place the translated quizzes.
    "assessments.demo_translations",
    "courses.demo_translations",
    # After the home page's translations, which the policy's are placed under.
    "portal.registry.demo_privacy",
]


def load_all(*, password: str, stdout=None) -> None:
    """Load every part of the demo data, in dependency order."""
    load_accounts(password=password)
    load_home_page()
    for module_path in APP_DEMO_MODULES:
        import_module(module_path).load(password=password, stdout=stdout)
