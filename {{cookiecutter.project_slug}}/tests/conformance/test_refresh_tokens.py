"""Refresh tokens against the standards: no kind of token passes for another,
and a changed refresh token never refreshes nor ends its family.
"""

import re
from collections.abc import Callable
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from ..helpers import INVALID_CREDENTIALS, SeededUser, bearer, log_in
from .fuzzing import FUZZ, json_values, mutate


def refresh(client: TestClient, token: str) -> httpx2.Response:
    return client.post("/auth/refresh", json={"refresh_token": token})


@pytest.fixture
def pair(client: TestClient, make_user: Callable[..., SeededUser]) -> dict[str, Any]:
    """What a login answers: an access token and a refresh token."""
    body: dict[str, Any] = log_in(client, make_user("alice").username).json()
    return body


def test_refresh_token_opens_no_protected_operation(
    app: FastAPI, client: TestClient, pair: dict[str, Any]
) -> None:
    """RFC 8725 section 3.12: a refresh token is no access token, on any route."""
    paths = app.openapi()["paths"]
    protected = [
        (method.upper(), path)
        for path, item in paths.items()
        for method, operation in item.items()
        if operation.get("security")
    ]
    assert protected

    for method, path in protected:
        url = re.sub(r"\{\w+\}", "1", path)
        r = client.request(method, url, headers=bearer(pair["refresh_token"]))

        assert (r.status_code, r.json()) == (401, INVALID_CREDENTIALS), (method, path)


@FUZZ
@given(data=st.data())
def test_refresh_token_with_one_character_changed_never_refreshes(
    client: TestClient, pair: dict[str, Any], data: st.DataObject
) -> None:
    """RFC 8725 section 3.3: a changed refresh token fails its signature."""
    r = refresh(client, mutate(pair["refresh_token"], data))

    assert (r.status_code, r.json()) == (401, INVALID_CREDENTIALS)


def test_forged_refresh_token_does_not_end_the_family(
    client: TestClient, pair: dict[str, Any]
) -> None:
    """RFC 9700 section 4.14.2: only a replayed genuine token ends a family.

    A token with our claims and another token's signature fails its signature
    check first, so an attacker cannot log a user out by guessing.
    """
    header, payload, _ = pair["refresh_token"].split(".")
    _, _, other_signature = pair["access_token"].split(".")

    forged = refresh(client, f"{header}.{payload}.{other_signature}")
    genuine = refresh(client, pair["refresh_token"])

    assert forged.status_code == 401
    assert genuine.status_code == 200


@FUZZ
@given(body=json_values)
def test_any_refresh_body_answers_401_or_422(client: TestClient, body: Any) -> None:
    """OWASP API4:2023: odd JSON at /auth/refresh is refused, never a 500."""
    r = client.post("/auth/refresh", json=body)

    assert r.status_code in {401, 422}, r.text
