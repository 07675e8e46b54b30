{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
"""Logout revokes the presented access token{% if refresh_tokens %} and ends its refresh family{% endif %}."""

import logging
import time
import uuid
from collections.abc import Callable

import httpx2
import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.auth.revocation import Revocations
{%- if cookiecutter.rbac != "none" %}
from {{ cookiecutter.package_name }}.auth.roles import Role
{%- endif %}
from {{ cookiecutter.package_name }}.auth.tokens import AccessClaims
{%- if refresh_tokens %}
from {{ cookiecutter.package_name }}.state.families import Rotation
{%- endif %}

from ..helpers import (
    SeededUser,
    assert_token_refused,
    bearer,
    log_in,
)

LEEWAY_SECONDS = 30


def log_out(client: TestClient, access_token: str) -> httpx2.Response:
    return client.post("/auth/logout", headers=bearer(access_token))


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


@pytest.fixture
def access_token(client: TestClient, alice: SeededUser) -> str:
    token: str = log_in(client, alice.username).json()["access_token"]
    return token


def test_logout_answers_no_content(client: TestClient, access_token: str) -> None:
    r = log_out(client, access_token)

    assert r.status_code == 204
    assert r.content == b""


def test_access_token_is_refused_after_logout(
    client: TestClient, access_token: str
) -> None:
    """RFC 6750 section 3.1: a revoked token answers invalid_token."""
    log_out(client, access_token)

    assert_token_refused(client.get("/users/me", headers=bearer(access_token)))


def test_logout_with_a_revoked_token_is_refused(
    client: TestClient, access_token: str
) -> None:
    log_out(client, access_token)

    assert_token_refused(log_out(client, access_token))


def test_revoked_token_is_logged_with_its_reason(
    client: TestClient, access_token: str, caplog: pytest.LogCaptureFixture
) -> None:
    log_out(client, access_token)
    caplog.clear()

    client.get("/items", headers=bearer(access_token))

    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "reason=revoked" in record.getMessage()
    assert access_token not in caplog.text


def test_logout_is_logged_at_info_without_the_token(
    client: TestClient,
    alice: SeededUser,
    access_token: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)

    log_out(client, access_token)

    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert f"logout user_id={alice.id}" in infos
    assert access_token not in caplog.text


def test_logout_leaves_the_users_other_logins_working(
    client: TestClient, alice: SeededUser, access_token: str
) -> None:
    other_token = log_in(client, alice.username).json()["access_token"]

    log_out(client, access_token)

    assert client.get("/users/me", headers=bearer(other_token)).status_code == 200
{%- if refresh_tokens %}


def test_logout_ends_the_refresh_family(client: TestClient, alice: SeededUser) -> None:
    pair = log_in(client, alice.username).json()

    log_out(client, pair["access_token"])

    r = client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert_token_refused(r)


def test_logout_ends_every_access_token_of_the_session(
    client: TestClient, alice: SeededUser, caplog: pytest.LogCaptureFixture
) -> None:
    first = log_in(client, alice.username).json()
    second = client.post(
        "/auth/refresh", json={"refresh_token": first["refresh_token"]}
    ).json()

    log_out(client, second["access_token"])
    caplog.clear()

    assert_token_refused(client.get("/users/me", headers=bearer(first["access_token"])))
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "reason=session_ended" in record.getMessage()


def test_refresh_token_reuse_ends_the_sessions_access_tokens(
    client: TestClient, alice: SeededUser
) -> None:
    first = log_in(client, alice.username).json()
    second = client.post(
        "/auth/refresh", json={"refresh_token": first["refresh_token"]}
    ).json()

    client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})

    r = client.get("/users/me", headers=bearer(second["access_token"]))
    assert_token_refused(r)
{%- endif %}


class RecordingDenylist:
    def __init__(self) -> None:
        self.added: list[tuple[str, int]] = []

    async def add(self, token_id: str, ttl_seconds: int) -> None:
        self.added.append((token_id, ttl_seconds))

    async def contains(self, token_id: str) -> bool:
        return False
{%- if refresh_tokens %}


class RecordingFamilies:
    def __init__(self) -> None:
        self.revoked: list[str] = []

    async def start(self, family_id: str, token_id: str) -> None:
        raise NotImplementedError

    async def rotate(self, family_id: str, spent_id: str, next_id: str) -> Rotation:
        raise NotImplementedError

    async def revoke(self, family_id: str) -> None:
        self.revoked.append(family_id)

    async def is_active(self, family_id: str) -> bool:
        return True
{%- endif %}


def claims_expiring_in(seconds: float) -> AccessClaims:
    return AccessClaims(
        user_id=1,
        token_id=uuid.uuid4().hex,
        expires_at=int(time.time() + seconds),
{%- if cookiecutter.rbac != "none" %}
        role=next(iter(Role)),
{%- endif %}
        token_version=0,
{%- if refresh_tokens %}
        session_id=uuid.uuid4().hex,
{%- endif %}
    )


@pytest.fixture
def denylist() -> RecordingDenylist:
    return RecordingDenylist()


@pytest.fixture
def revocations(denylist: RecordingDenylist) -> Revocations:
{%- if refresh_tokens %}
    return Revocations(denylist, RecordingFamilies(), LEEWAY_SECONDS)
{%- else %}
    return Revocations(denylist, LEEWAY_SECONDS)
{%- endif %}


@pytest.mark.anyio
async def test_revoked_token_stays_denied_until_its_exp_plus_the_leeway(
    revocations: Revocations, denylist: RecordingDenylist
) -> None:
    claims = claims_expiring_in(600)

    await revocations.revoke(claims)

    [(token_id, ttl)] = denylist.added
    assert token_id == claims.token_id
    assert 600 + LEEWAY_SECONDS - 2 <= ttl <= 600 + LEEWAY_SECONDS + 1


@pytest.mark.anyio
async def test_revoking_a_token_past_its_leeway_adds_no_entry(
    revocations: Revocations, denylist: RecordingDenylist
) -> None:
    await revocations.revoke(claims_expiring_in(-LEEWAY_SECONDS - 5))

    assert denylist.added == []
