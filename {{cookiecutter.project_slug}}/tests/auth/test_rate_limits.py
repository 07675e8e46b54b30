{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
"""Login{% if refresh_tokens %} and refresh{% endif %} are throttled: 429 with Retry-After past the limit."""

import logging
import time
from collections.abc import Callable
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import TOO_MANY_ATTEMPTS, SeededUser, configuration_error, log_in

WRONG_PASSWORD = "not the password at all"

MakeApp = Callable[..., FastAPI]


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


@pytest.fixture
def limited_app(settings: Settings) -> MakeApp:
    """An app whose rate limits are the test's settings with the given changes."""

    def make(**limits: str) -> FastAPI:
        return create_app(settings.model_copy(update=limits))

    return make


def client_of(app: FastAPI, address: str = "192.0.2.1") -> TestClient:
    """A client of the app that connects from the given address."""
    return TestClient(app, client=(address, 50000))


def assert_too_many_attempts(r: httpx2.Response, window_seconds: int) -> None:
    assert r.status_code == 429
    assert r.json() == TOO_MANY_ATTEMPTS
    assert 1 <= int(r.headers["retry-after"]) <= window_seconds
    assert "www-authenticate" not in r.headers


def test_login_past_the_per_client_limit_answers_429_with_retry_after(
    limited_app: MakeApp, alice: SeededUser
) -> None:
    """OWASP API4:2023 and RFC 6585 section 4: 429 with Retry-After."""
    app = limited_app(login_rate_limit_per_client="3/minute")

    with client_of(app) as client:
        answers = [
            log_in(client, name, WRONG_PASSWORD).status_code
            for name in ("alice", "bob", "carol")
        ]
        r = log_in(client, "dave", WRONG_PASSWORD)

    assert answers == [401, 401, 401]
    assert_too_many_attempts(r, 60)


def test_per_username_limit_holds_across_client_addresses(
    limited_app: MakeApp, alice: SeededUser
) -> None:
    """OWASP API4:2023: a distributed guess at one account is throttled too."""
    app = limited_app(login_rate_limit_per_username="3/minute")

    answers = []
    for number in range(1, 5):
        with client_of(app, f"192.0.2.{number}") as client:
            answers.append(log_in(client, alice.username, WRONG_PASSWORD))

    assert [r.status_code for r in answers[:3]] == [401, 401, 401]
    assert_too_many_attempts(answers[3], 60)


def test_successful_logins_count_toward_the_limit(
    limited_app: MakeApp, alice: SeededUser
) -> None:
    app = limited_app(login_rate_limit_per_username="2/minute")

    with client_of(app) as client:
        answers = [log_in(client, alice.username).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_throttled_login_checks_no_password(
    limited_app: MakeApp, alice: SeededUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OWASP API4:2023: a throttled login costs no Argon2 work."""
    app = limited_app(login_rate_limit_per_username="1/minute")
    verified: list[str] = []

    with client_of(app) as client:
        log_in(client, alice.username, WRONG_PASSWORD)
        monkeypatch.setattr(app.state.password_hasher, "verify", record_call(verified))
        r = log_in(client, alice.username)

    assert r.status_code == 429
    assert verified == []


def record_call(calls: list[str]) -> Callable[..., Any]:
    async def recorded(*args: Any) -> bool:
        calls.append("verify")
        return False

    return recorded


def test_login_is_allowed_again_once_the_window_moves_on(
    limited_app: MakeApp, alice: SeededUser
) -> None:
    app = limited_app(login_rate_limit_per_username="1/second")

    with client_of(app) as client:
        log_in(client, alice.username, WRONG_PASSWORD)
        assert log_in(client, alice.username).status_code == 429

        time.sleep(1.1)

        assert log_in(client, alice.username).status_code == 200


def test_throttled_login_is_logged_once_with_its_reason(
    limited_app: MakeApp, alice: SeededUser, caplog: pytest.LogCaptureFixture
) -> None:
    app = limited_app(login_rate_limit_per_client="1/minute")

    with client_of(app) as client:
        log_in(client, alice.username, WRONG_PASSWORD)
        caplog.clear()

        log_in(client, alice.username, WRONG_PASSWORD)

    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    message = record.getMessage()
    assert "reason=login_limit_client" in message
    assert "path=/auth/token" in message
    assert "client=192.0.2.1" in message
    assert WRONG_PASSWORD not in caplog.text
{%- if refresh_tokens %}


def test_refresh_past_the_per_client_limit_answers_429_with_retry_after(
    limited_app: MakeApp, alice: SeededUser
) -> None:
    app = limited_app(refresh_rate_limit_per_client="2/minute")

    with client_of(app) as client:
        refresh_token = log_in(client, alice.username).json()["refresh_token"]
        for _ in range(2):
            r = client.post("/auth/refresh", json={"refresh_token": refresh_token})
            refresh_token = r.json()["refresh_token"]

        r = client.post("/auth/refresh", json={"refresh_token": refresh_token})

    assert_too_many_attempts(r, 60)
{%- endif %}


@pytest.mark.parametrize(
    "variable",
    [
        "LOGIN_RATE_LIMIT_PER_CLIENT",
        "LOGIN_RATE_LIMIT_PER_USERNAME",
{%- if refresh_tokens %}
        "REFRESH_RATE_LIMIT_PER_CLIENT",
{%- endif %}
    ],
)
def test_rate_limit_setting_that_is_not_a_rate_is_refused(
    monkeypatch: pytest.MonkeyPatch, key_settings: dict[str, Any], variable: str
) -> None:
    error = configuration_error(monkeypatch, key_settings, **{variable: "often"})

    assert error == f"{variable} must be a rate such as 20/minute or 10/15minutes"


def test_default_rate_limits_are_valid(key_settings: dict[str, Any]) -> None:
    settings = Settings(_env_file=None, **key_settings)

    assert settings.login_rate_limit_per_client == "20/minute"
    assert settings.login_rate_limit_per_username == "10/15minutes"
