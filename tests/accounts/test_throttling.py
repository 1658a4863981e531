"""Log-in guesses are limited per account, for the site and the admin alike."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import connection

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"
THROTTLED = "Too many failed login attempts"


def _fail(client, email, times):
    for _ in range(times):
        response = client.post(LOGIN_URL, {"login": email, "password": "not-the-password"})
        assert SESSION_KEY not in client.session
    return response


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    client, learner, password
):
    _fail(client, learner.email, 5)

    response = client.post(LOGIN_URL, {"login": learner.email, "password": password})

    assert THROTTLED in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_limit_is_per_account_not_per_browser(client, learner, secretariat, password):
    _fail(client, learner.email, 5)

    response = client.post(LOGIN_URL, {"login": secretariat.email, "password": password})

    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_a_fresh_browser_is_locked_out_too(client, django_user_model, learner, password):
    from django.test import Client

    _fail(client, learner.email, 5)
    other = Client(REMOTE_ADDR="10.1.2.3")

    response = other.post(LOGIN_URL, {"login": learner.email, "password": password})

    assert THROTTLED in response.content.decode()


def test_the_admin_login_is_the_same_throttled_login(client, secretariat, password):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/"

    # Wagtail's own log-in form is not reachable: it redirects, GET or POST,
    # and a POST with good credentials does not log anyone in.
    for method in (client.get, client.post):
        response = method("/admin/login/?next=/admin/pages/", {})
        assert response.status_code == 302
        assert response["Location"] == "/en/accounts/login/?next=/admin/pages/"
    client.post("/admin/login/", {"username": secretariat.email, "password": password})
    client.post("/_util/login/", {"username": secretariat.email, "password": password})
    assert SESSION_KEY not in client.session

    _fail(client, secretariat.email, 5)
    response = client.post(
        f"{LOGIN_URL}?next=/admin/", {"login": secretariat.email, "password": password}
    )
    assert THROTTLED in response.content.decode()
    assert client.get("/admin/").status_code == 302


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL: the cache shared by workers")
@pytest.mark.django_db(transaction=True)
def test_guesses_in_another_worker_process_count_too(client, learner, password):
    """Five wrong passwords sent through another process lock the account here."""
    script = textwrap.dedent(
        f"""
        import django
        django.setup()
        from django.test import Client
        client = Client()
        for _ in range(5):
            client.post({LOGIN_URL!r}, {{"login": {learner.email!r}, "password": "wrong"}})
        """
    )
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=120)

    response = client.post(LOGIN_URL, {"login": learner.email, "password": password})

    assert THROTTLED in response.content.decode()
    assert SESSION_KEY not in client.session


def _production_trusted_proxy_count() -> int:
    """What the production settings trust, with TRUSTED_PROXY_COUNT unset."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "TRUSTED_PROXY_COUNT"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="k3y-" + "f" * 20 + "-production-only-7Qz!xR2#pL9@wM4$vN8&",
        DJANGO_ALLOWED_HOSTS="academy.example.org",
        REDIS_URL=env.get("REDIS_URL") or "redis://127.0.0.1:6379/9",
        PORTAL_BASE_URL="https://academy.example.org",
    )
    script = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


def test_people_behind_the_load_balancer_are_counted_one_by_one(settings, learner, password):
    """Behind the proxy every request comes from its address; the person's own
    address is the last one the proxy appended to X-Forwarded-For."""
    from django.test import Client

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = _production_trusted_proxy_count()
    proxy = "10.0.0.2"
    # allauth allows 30 log-in posts a minute per address: 40 people log in.
    for n in range(40):
        person = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}")
        response = person.post(LOGIN_URL, {"login": f"nobody{n}@example.org", "password": "x"})
        assert response.status_code == 200, n
    person = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.200")
    response = person.post(LOGIN_URL, {"login": learner.email, "password": password})
    assert response.status_code == 302

    # One person is still limited, whatever they put in front of their address.
    for n in range(20):
        spoofer = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}, 192.0.2.7")
        spoofer.post(LOGIN_URL, {"login": f"guess{n}@example.org", "password": "x"})
    response = spoofer.post(LOGIN_URL, {"login": learner.email, "password": password})
    assert THROTTLED in response.content.decode()
