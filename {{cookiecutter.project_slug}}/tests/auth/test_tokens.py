"""A well-signed token must still speak for an active user, in the right shape.

The standards' checks (algorithm, signature, iss, aud, typ, time claims) are in
tests/conformance; these are the service's own rules for what a token names.
"""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ..helpers import SeededUser, assert_invalid_token

Forge = Callable[..., str]


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


SUBJECT_DEFECTS: dict[str, dict[str, Any]] = {
    "non-numeric-sub": {"sub": "alice"},
    "integer-sub": {"sub": 1},
    "huge-sub": {"sub": "9" * 40},
    "unknown-user": {"sub": "987654"},
{%- if cookiecutter.rbac != "none" %}
    "unknown-role": {"role": "superuser"},
    "missing-role": {"role": None},
{%- endif %}
}


@pytest.mark.parametrize("claims", SUBJECT_DEFECTS.values(), ids=SUBJECT_DEFECTS.keys())
def test_token_that_names_no_user_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, claims: dict[str, Any]
) -> None:
    assert_invalid_token(client, forge_token(alice, claims=claims))


def test_token_of_a_deactivated_user_is_refused(
    client: TestClient, make_user: Callable[..., SeededUser], forge_token: Forge
) -> None:
    assert_invalid_token(client, forge_token(make_user("carol", is_active=False)))
