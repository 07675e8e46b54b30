"""Every token defect answers 401 with one body and the invalid_token challenge."""

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ..helpers import (
    INVALID_CREDENTIALS,
    INVALID_TOKEN_CHALLENGE,
    SeededUser,
    bearer,
)

Forge = Callable[..., str]


def b64url(data: dict[str, Any]) -> str:
    raw = json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def assert_invalid_token(client: TestClient, token: str) -> None:
    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
    assert r.headers["www-authenticate"] == INVALID_TOKEN_CHALLENGE


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


def test_valid_token_is_accepted(
    client: TestClient, alice: SeededUser, forge_token: Forge
) -> None:
    r = client.get("/users/me", headers=bearer(forge_token(alice)))

    assert r.status_code == 200


def ago(**delta: float) -> datetime:
    return datetime.now(UTC) - timedelta(**delta)


def ahead(**delta: float) -> datetime:
    return datetime.now(UTC) + timedelta(**delta)


# Built when each test runs, so that times are relative to that moment.
CLAIM_DEFECTS: dict[str, Callable[[], dict[str, Any]]] = {
    "expired": lambda: {"iat": ago(minutes=10), "exp": ago(minutes=5)},
    "not-yet-valid-nbf": lambda: {"nbf": ahead(minutes=5)},
    "issued-in-the-future": lambda: {
        "iat": ahead(minutes=5),
        "exp": ahead(minutes=10),
    },
    "wrong-issuer": lambda: {"iss": "https://evil.example"},
    "wrong-audience": lambda: {"aud": "another-api"},
    "audience-list": lambda: {"aud": ["another-api"]},
    "string-exp": lambda: {"exp": str(int(ahead(minutes=5).timestamp()))},
    "boolean-iat": lambda: {"iat": True},
    "lifetime-too-long": lambda: {"exp": ahead(days=30)},
    "non-numeric-sub": lambda: {"sub": "alice"},
    "integer-sub": lambda: {"sub": 1},
    "huge-sub": lambda: {"sub": "9" * 40},
    "unknown-user": lambda: {"sub": "987654"},
{%- if cookiecutter.rbac != "none" %}
    "unknown-role": lambda: {"role": "superuser"},
    "missing-role": lambda: {"role": None},
{%- endif %}
}


@pytest.mark.parametrize("defect", CLAIM_DEFECTS.values(), ids=CLAIM_DEFECTS.keys())
def test_token_with_a_claim_defect_is_refused(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    defect: Callable[[], dict[str, Any]],
) -> None:
    assert_invalid_token(client, forge_token(alice, claims=defect()))


@pytest.mark.parametrize("claim", ["sub", "exp", "iat", "iss", "aud", "jti"])
def test_token_missing_a_required_claim_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, claim: str
) -> None:
    assert_invalid_token(client, forge_token(alice, drop=(claim,)))


@pytest.mark.parametrize(
    "headers",
    [{"typ": None}, {"typ": "JWT"}, {"typ": "rt+jwt"}, {"crit": ["exp"]}],
    ids=["no-typ", "plain-jwt-typ", "refresh-typ", "crit-header"],
)
def test_token_with_a_header_defect_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, headers: dict[str, Any]
) -> None:
    assert_invalid_token(client, forge_token(alice, headers=headers))


def test_token_signed_with_another_key_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, foreign_key: Any
) -> None:
    token = forge_token(alice, key=foreign_key)

    assert_invalid_token(client, token)


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE"])
def test_unsigned_token_is_refused_in_every_spelling(
    app: FastAPI, client: TestClient, alice: SeededUser, forge_token: Forge, alg: str
) -> None:
    signed = forge_token(alice)
    _, payload, _ = signed.split(".")
    header = b64url({"alg": alg, "typ": "at+jwt", **app.state.keys.signing_headers})

    for token in (f"{header}.{payload}.", f"{header}.{payload}.e30"):
        assert_invalid_token(client, token)


def test_token_with_a_tampered_payload_is_refused(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    alice: SeededUser,
    forge_token: Forge,
) -> None:
    bob = make_user("bob")
    header, _, signature = forge_token(alice).split(".")
    _, bob_payload, _ = forge_token(bob).split(".")

    assert_invalid_token(client, f"{header}.{bob_payload}.{signature}")


def test_token_of_a_deactivated_user_is_refused(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    forge_token: Forge,
) -> None:
    carol = make_user("carol", is_active=False)

    assert_invalid_token(client, forge_token(carol))


def test_clock_skew_within_the_leeway_is_tolerated(
    client: TestClient, alice: SeededUser, forge_token: Forge
) -> None:
    # The default leeway is 30 seconds.
    token = forge_token(alice, claims={"iat": ago(minutes=5), "exp": ago(seconds=10)})

    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 200
