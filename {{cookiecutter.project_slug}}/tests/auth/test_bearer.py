"""How the Authorization header is read (RFC 6750 section 2.1)."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from ..helpers import (
    INVALID_CREDENTIALS,
    INVALID_TOKEN_CHALLENGE,
    NOT_AUTHENTICATED,
    SeededUser,
)


@pytest.fixture
def token(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> str:
    return token_for(make_user("alice"))


def test_request_without_credentials_is_not_authenticated(client: TestClient) -> None:
    r = client.get("/users/me")

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "value",
    [
        "Basic YWxpY2U6c2VjcmV0",
        "Token abc.def.ghi",
        "Bearer",
        "Bearer   ",
        "Bearerabc.def.ghi",
    ],
    ids=["basic", "other-scheme", "scheme-only", "empty-token", "no-space"],
)
def test_other_schemes_or_no_token_are_not_authenticated(
    client: TestClient, value: str
) -> None:
    r = client.get("/users/me", headers={"Authorization": value})

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "template",
    ["Bearer {}", "bearer {}", "BEARER {}", "bEaReR {}", "Bearer   {}"],
    ids=["canonical", "lower", "upper", "mixed", "several-spaces"],
)
def test_scheme_is_case_insensitive_and_spaces_may_repeat(
    client: TestClient, token: str, template: str
) -> None:
    r = client.get("/users/me", headers={"Authorization": template.format(token)})

    assert r.status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        "not-a-jwt",
        "a.b",
        "a.b.c.d",
        "abc.def.ghi jkl",
        "abc.d=f.ghi",
        "abc.def.",
        "x" * 9000,
    ],
    ids=[
        "one-segment",
        "two-segments",
        "four-segments",
        "trailing-word",
        "padding",
        "empty-signature",
        "oversized",
    ],
)
def test_malformed_bearer_token_is_invalid(
    client: TestClient, credentials: str
) -> None:
    r = client.get("/users/me", headers={"Authorization": f"Bearer {credentials}"})

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
    assert r.headers["www-authenticate"] == INVALID_TOKEN_CHALLENGE


def test_oversized_valid_looking_token_is_refused_before_decoding(
    client: TestClient, token: str
) -> None:
    padded = token + "A" * 9000

    r = client.get("/users/me", headers={"Authorization": f"Bearer {padded}"})

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS


def test_duplicate_authorization_headers_are_refused(
    client: TestClient, token: str
) -> None:
    headers = [("Authorization", f"Bearer {token}"), ("Authorization", "Bearer x.y.z")]

    r = client.get("/users/me", headers=headers)

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS


def test_token_in_the_query_string_is_ignored(client: TestClient, token: str) -> None:
    r = client.get("/users/me", params={"access_token": token})

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED
