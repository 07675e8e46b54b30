"""Logout against the standards: a changed token revokes nothing.

Any Authorization header at logout is fuzzed with the resource routes, in
test_properties.py.
"""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from ..helpers import INVALID_CREDENTIALS, SeededUser, bearer
from .fuzzing import FUZZ, mutate


@pytest.fixture
def token(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> str:
    return token_for(make_user("alice"))


@FUZZ
@given(data=st.data())
def test_changed_token_never_logs_the_real_one_out(
    client: TestClient, token: str, data: st.DataObject
) -> None:
    """RFC 8725 section 3.3: only the token itself, verified, can revoke it."""
    r = client.post("/auth/logout", headers=bearer(mutate(token, data)))
    still_in = client.get("/users/me", headers=bearer(token))

    assert (r.status_code, r.json()) == (401, INVALID_CREDENTIALS)
    assert still_in.status_code == 200
