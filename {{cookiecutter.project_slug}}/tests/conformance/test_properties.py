{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Properties over generated input: nothing answers 500, and a changed token
never authenticates. The strategies and settings are in fuzzing.py.
"""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from {{ cookiecutter.package_name }}.auth.passwords import PasswordHasher

from ..helpers import INVALID_CREDENTIALS, NOT_AUTHENTICATED, SeededUser, bearer
from .fuzzing import FUZZ, authorization_values, json_values, mutate

AUTH_FAILURES = (NOT_AUTHENTICATED, INVALID_CREDENTIALS)
# Where the Authorization header is read: a resource route
{%- if revocation %}, and logout, which must
# read a token before it can revoke one
{%- endif %}.
HEADER_READERS = [
    ("GET", "/users/me"),
{%- if revocation %}
    ("POST", "/auth/logout"),
{%- endif %}
]


@pytest.mark.parametrize(
    ("method", "path"), HEADER_READERS, ids=[path for _, path in HEADER_READERS]
)
@FUZZ
@given(value=authorization_values)
def test_any_authorization_header_answers_401_or_400(
    client: TestClient, method: str, path: str, value: bytes
) -> None:
    """RFC 6750 section 3.1: any header value is refused cleanly, never a 500."""
    r = client.request(method, path, headers={b"Authorization": value})

    assert r.status_code in {400, 401}, r.text
    if r.status_code == 401:
        assert r.json() in AUTH_FAILURES


@pytest.fixture
def token(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> str:
    return token_for(make_user("alice"))


def test_unchanged_token_authenticates(client: TestClient, token: str) -> None:
    """The control case for the mutation property below."""
    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 200


@FUZZ
@given(data=st.data())
def test_token_with_one_character_changed_never_authenticates(
    client: TestClient, token: str, data: st.DataObject
) -> None:
    """RFC 8725 section 3.3: any change to header, payload or signature fails.

    PyJWT refuses base64url with stray trailing bits, so even a change that
    decodes to the same bytes does not get through.
    """
    mutated = mutate(token, data)

    r = client.get("/users/me", headers=bearer(mutated))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS


@FUZZ
@given(body=json_values)
def test_any_json_body_for_a_new_item_answers_201_or_422(
    client: TestClient, token: str, body: Any
) -> None:
    """OWASP API3:2023 and API4:2023: odd JSON is a validation error, never a 500."""
    r = client.post("/items", json=body, headers=bearer(token))

    assert r.status_code in {201, 422}, r.text


@FUZZ
@given(raw=st.binary(max_size=300))
def test_any_raw_body_for_a_new_item_answers_201_400_or_422(
    client: TestClient, token: str, raw: bytes
) -> None:
    """OWASP API4:2023: bytes that are not JSON are refused as a bad request."""
    headers = {**bearer(token), "Content-Type": "application/json"}

    r = client.post("/items", content=raw, headers=headers)

    assert r.status_code in {201, 400, 422}, r.text


@pytest.fixture
def quick_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 costs tens of milliseconds a call; the property is about parsing."""

    async def mismatch(*_args: object) -> bool:
        return False

    monkeypatch.setattr(PasswordHasher, "verify", mismatch)


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(["username", "password", "grant_type", "scope", "client_id"]),
        st.text(max_size=300),
    )
)
@pytest.mark.usefixtures("quick_hasher")
def test_any_login_form_answers_401_or_422(
    client: TestClient, form: dict[str, str]
) -> None:
    """OWASP API4:2023: a malformed login form is refused cleanly, never a 500."""
    r = client.post("/auth/token", data=form)

    assert r.status_code in {401, 422}, r.text
