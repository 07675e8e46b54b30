{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
"""A password or role change ends every token the user held before it."""

import logging
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

{% if cookiecutter.rbac != "none" -%}
from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE

{% endif -%}
from ..helpers import (
    PASSWORD,
    SeededUser,
    assert_token_refused,
    bearer,
    log_in,
    run_cli,
)

NEW_PASSWORD = "a different horse, equally stapled"

Forge = Callable[..., str]


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


def change_password(monkeypatch: pytest.MonkeyPatch, username: str) -> None:
    code = run_cli(
        monkeypatch, NEW_PASSWORD, "set-password", username, "--password-stdin"
    )
    assert code == 0


@pytest.mark.usefixtures("cli_env")
def test_password_change_ends_earlier_access_tokens(
    client: TestClient,
    alice: SeededUser,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    old_token = log_in(client, alice.username).json()["access_token"]

    change_password(monkeypatch, alice.username)

    assert_token_refused(client.get("/users/me", headers=bearer(old_token)))
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "reason=credentials_changed" in record.getMessage()


@pytest.mark.usefixtures("cli_env")
def test_new_login_after_a_password_change_works(
    client: TestClient, alice: SeededUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    change_password(monkeypatch, alice.username)

    assert log_in(client, alice.username, PASSWORD).status_code == 401
    new_login = log_in(client, alice.username, NEW_PASSWORD)
    assert new_login.status_code == 200
    token = new_login.json()["access_token"]
    assert client.get("/users/me", headers=bearer(token)).status_code == 200
{%- if cookiecutter.rbac != "none" %}


@pytest.mark.usefixtures("cli_env")
def test_role_change_ends_earlier_access_tokens(
    client: TestClient, alice: SeededUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_token = log_in(client, alice.username).json()["access_token"]

    code = run_cli(monkeypatch, "", "set-role", alice.username, TOP_ROLE.value)

    assert code == 0
    assert_token_refused(client.get("/users/me", headers=bearer(old_token)))
    new_token = log_in(client, alice.username).json()["access_token"]
    me = client.get("/users/me", headers=bearer(new_token))
    assert me.json()["role"] == TOP_ROLE.value
{%- endif %}
{%- if refresh_tokens %}


@pytest.mark.usefixtures("cli_env")
def test_password_change_ends_earlier_refresh_tokens(
    client: TestClient, alice: SeededUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh_token = log_in(client, alice.username).json()["refresh_token"]

    change_password(monkeypatch, alice.username)

    r = client.post("/auth/refresh", json={"refresh_token": refresh_token})
    assert_token_refused(r)
{%- endif %}


CLAIM_DEFECTS: dict[str, dict[str, Any]] = {
    "version-missing": {"ver": None},
    "version-later-than-the-users": {"ver": 1},
    "version-a-string": {"ver": "0"},
    "version-a-boolean": {"ver": False},
    "version-negative": {"ver": -1},
{%- if refresh_tokens %}
    "session-missing": {"sid": None},
    "session-a-number": {"sid": 7},
    "session-too-long": {"sid": "f" * 65},
{%- endif %}
}


@pytest.mark.parametrize("claims", CLAIM_DEFECTS.values(), ids=CLAIM_DEFECTS.keys())
def test_token_with_a_bad_lifecycle_claim_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, claims: dict[str, Any]
) -> None:
    drop = tuple(name for name, value in claims.items() if value is None)
    present = {name: value for name, value in claims.items() if value is not None}

    token = forge_token(alice, claims=present, drop=drop)

    assert_token_refused(client.get("/users/me", headers=bearer(token)))
{%- if refresh_tokens %}


def test_access_token_of_an_unknown_session_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge
) -> None:
    token = forge_token(alice, claims={"sid": "0" * 32})

    assert_token_refused(client.get("/users/me", headers=bearer(token)))
{%- endif %}
