{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Refresh tokens: their own type, rotation, and reuse detection."""

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2
import jwt
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from {{ cookiecutter.package_name }}.auth.refresh_tokens import (
    REFRESH_TOKEN_TYPE,
)
from {{ cookiecutter.package_name }}.auth.tokens import ACCESS_TOKEN_TYPE, sign
from {{ cookiecutter.package_name }}.config import Settings
from {{ cookiecutter.package_name }}.users.models import User

from ..helpers import (
    SeededUser,
    assert_token_refused,
    bearer,
    configuration_error,
    log_in,
)

Pair = dict[str, Any]


def refresh(client: TestClient, refresh_token: object) -> httpx2.Response:
    return client.post("/auth/refresh", json={"refresh_token": refresh_token})


def unverified_claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


@pytest.fixture
def pair(client: TestClient, alice: SeededUser) -> Pair:
    """What alice's login answers: an access token and a refresh token."""
    r = log_in(client, alice.username)
    assert r.status_code == 200
    body: Pair = r.json()
    return body


@pytest.fixture
def forge_refresh(
    app: FastAPI, settings: Settings, alice: SeededUser
) -> Callable[..., str]:
    """Sign a refresh token for alice with the given claims changed."""

    def forge(
        claims: dict[str, Any] | None = None, token_type: str = REFRESH_TOKEN_TYPE
    ) -> str:
        now = datetime.now(UTC)
        payload: dict[str, Any] = {
            "sub": str(alice.id),
            "iat": now,
            "exp": now + timedelta(minutes=5),
            "jti": uuid.uuid4().hex,
            "iss": settings.jwt_issuer,
            "aud": settings.jwt_issuer,
            "sid": uuid.uuid4().hex,
{%- if revocation %}
            "ver": alice.token_version,
{%- endif %}
        }
        payload.update(claims or {})
        present = {name: value for name, value in payload.items() if value is not None}
        return sign(present, app.state.keys, token_type)

    return forge


def test_login_returns_a_refresh_token_of_its_own_type(
    pair: Pair, settings: Settings
) -> None:
    header = jwt.get_unverified_header(pair["refresh_token"])
    claims = unverified_claims(pair["refresh_token"])

    assert header["typ"] == "rt+jwt"
    assert claims["aud"] == settings.jwt_issuer
    assert claims["exp"] - claims["iat"] == settings.refresh_token_ttl_seconds
    assert claims["jti"] != unverified_claims(pair["access_token"])["jti"]


def test_refresh_answers_like_login_with_a_new_pair(
    client: TestClient, pair: Pair, settings: Settings
) -> None:
    r = refresh(client, pair["refresh_token"])

    assert r.status_code == 200
    body = r.json()
    assert body.keys() == pair.keys()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_ttl_seconds
    assert body["refresh_token"] != pair["refresh_token"]
    me = client.get("/users/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200


def test_refreshed_pair_is_kept_out_of_caches(client: TestClient, pair: Pair) -> None:
    """RFC 6749 section 5.1: a response that carries a token forbids caching."""
    r = refresh(client, pair["refresh_token"])

    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["pragma"] == "no-cache"


def test_refresh_keeps_the_new_token_in_the_same_family(
    client: TestClient, pair: Pair
) -> None:
    body = refresh(client, pair["refresh_token"]).json()

    new_family = unverified_claims(body["refresh_token"])["sid"]
    assert new_family == unverified_claims(pair["refresh_token"])["sid"]


def test_each_new_refresh_token_can_be_spent_in_turn(
    client: TestClient, pair: Pair
) -> None:
    refresh_token = pair["refresh_token"]

    for _ in range(3):
        r = refresh(client, refresh_token)
        assert r.status_code == 200
        refresh_token = r.json()["refresh_token"]


def test_refresh_with_spent_token_is_refused(client: TestClient, pair: Pair) -> None:
    refresh(client, pair["refresh_token"])

    assert_token_refused(refresh(client, pair["refresh_token"]))


def test_refresh_with_spent_token_revokes_family(
    client: TestClient, pair: Pair
) -> None:
    """RFC 9700 section 4.14.2: a replayed refresh token ends its family."""
    newest = refresh(client, pair["refresh_token"]).json()["refresh_token"]

    refresh(client, pair["refresh_token"])

    assert_token_refused(refresh(client, newest))


def test_reuse_ends_only_its_own_family(
    client: TestClient, pair: Pair, alice: SeededUser
) -> None:
    other_login = log_in(client, alice.username).json()

    refresh(client, pair["refresh_token"])
    refresh(client, pair["refresh_token"])

    assert refresh(client, other_login["refresh_token"]).status_code == 200


def test_reuse_is_logged_once_with_its_reason_and_without_the_token(
    client: TestClient, pair: Pair, caplog: pytest.LogCaptureFixture
) -> None:
    refresh(client, pair["refresh_token"])
    caplog.clear()

    refresh(client, pair["refresh_token"])

    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "reason=refresh_reused" in record.getMessage()
    assert "path=/auth/refresh" in record.getMessage()
    assert pair["refresh_token"] not in caplog.text


def test_access_token_is_refused_at_refresh(client: TestClient, pair: Pair) -> None:
    """RFC 8725 section 3.12: an access token is no refresh token."""
    assert_token_refused(refresh(client, pair["access_token"]))


def test_refresh_token_is_refused_on_resource_routes(
    client: TestClient, pair: Pair
) -> None:
    """RFC 8725 section 3.12: a refresh token is no access token."""
    r = client.get("/users/me", headers=bearer(pair["refresh_token"]))

    assert_token_refused(r)


def test_refresh_token_of_a_family_never_started_is_refused(
    client: TestClient, forge_refresh: Callable[..., str]
) -> None:
    assert_token_refused(refresh(client, forge_refresh()))


def ago(**delta: float) -> datetime:
    return datetime.now(UTC) - timedelta(**delta)


def refresh_defects() -> dict[str, dict[str, Any]]:
    """Built as each test runs: a time ahead stays ahead in a long suite."""
    return {
        "expired": {"iat": ago(minutes=10), "exp": ago(minutes=5)},
        "api-audience": {"aud": "not-the-issuer"},
        "wrong-issuer": {"iss": "https://evil.example"},
        "lifetime-too-long": {"exp": datetime.now(UTC) + timedelta(days=400)},
        "no-family": {"sid": None},
        "family-not-a-string": {"sid": 42},
        "no-token-id": {"jti": None},
{%- if revocation %}
        "no-version": {"ver": None},
        "version-not-an-integer": {"ver": "0"},
{%- endif %}
    }


@pytest.mark.parametrize("defect", list(refresh_defects()))
def test_refresh_token_with_a_claim_defect_is_refused(
    client: TestClient, pair: Pair, forge_refresh: Callable[..., str], defect: str
) -> None:
    # The family is alice's live one, so only the defect can be refused.
    family = unverified_claims(pair["refresh_token"])["sid"]

    token = forge_refresh({"sid": family, **refresh_defects()[defect]})

    assert_token_refused(refresh(client, token))


def test_refresh_token_typed_as_an_access_token_is_refused(
    client: TestClient, forge_refresh: Callable[..., str]
) -> None:
    token = forge_refresh(token_type=ACCESS_TOKEN_TYPE)

    assert_token_refused(refresh(client, token))


@pytest.mark.parametrize(
    "token",
    ["", "not-a-jwt", "a.b.c", "x" * 9000],
    ids=["empty", "one-segment", "garbage-segments", "oversized"],
)
def test_malformed_refresh_token_is_refused(client: TestClient, token: str) -> None:
    assert_token_refused(refresh(client, token))


@pytest.mark.parametrize(
    "body",
    [None, {}, {"refresh_token": 42}, {"refresh_token": "a.b.c", "scope": "admin"}],
    ids=["no-body", "no-field", "not-a-string", "unknown-field"],
)
def test_refresh_with_a_malformed_body_is_a_validation_error(
    client: TestClient, body: dict[str, Any] | None
) -> None:
    r = client.post("/auth/refresh", json=body)

    assert r.status_code == 422


def test_refresh_token_of_a_deactivated_user_is_refused(
    client: TestClient, pair: Pair, alice: SeededUser, db: Session
) -> None:
    db.execute(update(User).where(User.id == alice.id).values(is_active=False))
    db.commit()

    assert_token_refused(refresh(client, pair["refresh_token"]))


def test_refresh_token_ttl_not_longer_than_the_access_token_ttl_is_refused(
    monkeypatch: pytest.MonkeyPatch, key_settings: dict[str, Any]
) -> None:
    error = configuration_error(
        monkeypatch,
        key_settings,
        ACCESS_TOKEN_TTL_SECONDS="900",
        REFRESH_TOKEN_TTL_SECONDS="900",
    )

    assert error == (
        "REFRESH_TOKEN_TTL_SECONDS must be longer than ACCESS_TOKEN_TTL_SECONDS"
    )
