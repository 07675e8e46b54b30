"""RFC 6750, bearer token usage: where a token may travel, and the challenges.

The header syntax comes from RFC 7235 section 2.1, which RFC 6750 builds on.
"""

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


def test_request_without_credentials_gets_a_bare_bearer_challenge(
    client: TestClient,
) -> None:
    """RFC 6750 section 3.1: no credentials, so no error code in the challenge."""
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
        "Bearer\tabc.def.ghi",
    ],
    ids=["basic", "other-scheme", "scheme-only", "empty-token", "no-space", "tab"],
)
def test_other_schemes_or_no_token_get_a_bare_bearer_challenge(
    client: TestClient, value: str
) -> None:
    """RFC 6750 section 3: another scheme counts as no credentials at all."""
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
    """RFC 7235 section 2.1: the scheme is case-insensitive; 1*SP separates."""
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
        "a+b.c/d.e~f",
        "x" * 9000,
    ],
    ids=[
        "one-segment",
        "two-segments",
        "four-segments",
        "trailing-word",
        "padding",
        "empty-signature",
        "b64token-not-base64url",
        "oversized",
    ],
)
def test_credentials_that_are_no_compact_jws_get_invalid_token(
    client: TestClient, credentials: str
) -> None:
    """RFC 6750 section 2.1 and 3.1: a malformed b64token answers invalid_token."""
    r = client.get("/users/me", headers={"Authorization": f"Bearer {credentials}"})

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
    assert r.headers["www-authenticate"] == INVALID_TOKEN_CHALLENGE


def test_duplicate_authorization_headers_are_refused(
    client: TestClient, token: str
) -> None:
    """RFC 9110 section 5.3: Authorization is a singleton; two are ambiguous."""
    headers = [("Authorization", f"Bearer {token}"), ("Authorization", "Bearer x.y.z")]

    r = client.get("/users/me", headers=headers)

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
    assert r.headers["www-authenticate"] == INVALID_TOKEN_CHALLENGE


def test_token_in_the_query_string_is_ignored(client: TestClient, token: str) -> None:
    """RFC 6750 section 2.3: URI query tokens leak into logs, so none is read."""
    r = client.get("/users/me", params={"access_token": token})

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED


def test_token_in_a_form_body_is_ignored(client: TestClient, token: str) -> None:
    """RFC 6750 section 2.2: the form-encoded body parameter is not supported."""
    r = client.post("/items", data={"access_token": token})

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED
