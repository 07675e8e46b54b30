import logging
from collections.abc import Callable

import httpx2
import jwt
import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.auth.keys import ALGORITHM
from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import PASSWORD, SeededUser, bearer


def login(client: TestClient, username: str, password: str) -> httpx2.Response:
    return client.post("/auth/token", data={"username": username, "password": password})


def test_login_returns_a_bearer_token_that_opens_users_me(
    client: TestClient, make_user: Callable[..., SeededUser], settings: Settings
) -> None:
    user = make_user("alice")

    r = login(client, "alice", PASSWORD)

    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_ttl_seconds
    me = client.get("/users/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["id"] == user.id


def test_token_response_is_kept_out_of_caches(
    client: TestClient, make_user: Callable[..., SeededUser]
) -> None:
    """RFC 6749 section 5.1: a response that carries a token forbids caching."""
    make_user("alice")

    r = login(client, "alice", PASSWORD)

    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["pragma"] == "no-cache"


def test_login_token_is_typed_and_carries_the_contract_claims(
    client: TestClient, make_user: Callable[..., SeededUser], settings: Settings
) -> None:
    user = make_user("alice")

    token = login(client, "alice", PASSWORD).json()["access_token"]

    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert header["typ"] == "at+jwt"
    assert header["alg"] == ALGORITHM
    assert claims["sub"] == str(user.id)
    assert claims["iss"] == settings.jwt_issuer
    assert claims["aud"] == settings.jwt_audience
{%- if cookiecutter.rbac != "none" %}
    assert claims["role"] == user.role.value
{%- else %}
    assert "role" not in claims
{%- endif %}
    assert claims["exp"] - claims["iat"] == settings.access_token_ttl_seconds
    assert {"jti", "iat", "exp"} <= claims.keys()


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("alice", "wrong password!"),
        ("nobody", PASSWORD),
        ("alice", "x" * 10_000),
        ("a" * 10_000, PASSWORD),
        ("ali\x00ce", PASSWORD),
    ],
    ids=[
        "wrong-password",
        "unknown-user",
        "oversized-password",
        "oversized-username",
        "nul-in-username",
    ],
)
def test_login_failure_gives_one_answer_for_every_cause(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    username: str,
    password: str,
) -> None:
    make_user("alice")

    r = login(client, username, password)

    assert r.status_code == 401
    assert r.json() == {"detail": "Incorrect username or password"}
    assert r.headers["www-authenticate"] == "Bearer"


def test_login_of_an_inactive_user_fails(
    client: TestClient, make_user: Callable[..., SeededUser]
) -> None:
    make_user("alice", is_active=False)

    r = login(client, "alice", PASSWORD)

    assert r.status_code == 401


def test_login_without_a_password_is_a_validation_error(client: TestClient) -> None:
    r = client.post("/auth/token", data={"username": "alice"})

    assert r.status_code == 422


def test_login_success_is_logged_at_info_without_the_password(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    caplog: pytest.LogCaptureFixture,
) -> None:
    user = make_user("alice")
    caplog.set_level(logging.INFO)

    token = login(client, "alice", PASSWORD).json()["access_token"]

    infos = [r for r in caplog.records if r.levelno == logging.INFO]
    assert any(f"user_id={user.id}" in r.getMessage() for r in infos)
    assert PASSWORD not in caplog.text
    assert token not in caplog.text
