"""Properties over generated input: nothing answers 500, and a changed token
never authenticates.

Hypothesis runs derandomized, with no example database and a fixed number of
examples, so every run tries the same inputs in the same time, in CI too.
"""

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from {{ cookiecutter.package_name }}.auth.passwords import PasswordHasher

from ..helpers import INVALID_CREDENTIALS, NOT_AUTHENTICATED, SeededUser, bearer

# The client, app and users are made once per test and only read by the
# examples, so sharing function-scoped fixtures between examples is safe.
FUZZ = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
AUTH_FAILURES = (NOT_AUTHENTICATED, INVALID_CREDENTIALS)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def json_segment(value: Any) -> str:
    return b64url(json.dumps(value).encode())


# Tokens that parse a little or a lot: JSON in the first two segments, with
# JOSE header names the service reads, and any signature.
jose_headers = st.fixed_dictionaries(
    {},
    optional={
        "alg": st.sampled_from(["HS256", "RS256", "ES256", "EdDSA", "none", ""])
        | json_values,
        "typ": st.sampled_from(["at+jwt", "JWT"]) | json_values,
        "kid": st.text(max_size=20) | json_values,
        "crit": json_values,
    },
)
jwt_shaped = st.builds(
    lambda header, payload, signature: (
        f"{json_segment(header)}.{json_segment(payload)}.{b64url(signature)}"
    ),
    jose_headers | json_values,
    json_values,
    st.binary(max_size=64),
)
authorization_values = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.binary(max_size=200).map(lambda raw: b"Bearer " + raw),
    st.text(alphabet=BASE64URL + ". ", max_size=200).map(
        lambda text: f"Bearer {text}".encode()
    ),
    jwt_shaped.map(lambda token: f"Bearer {token}".encode()),
    st.integers(min_value=8_000, max_value=70_000).map(
        lambda size: b"Bearer " + b"A" * size
    ),
)


@FUZZ
@given(value=authorization_values)
def test_any_authorization_header_answers_401_or_400(
    client: TestClient, value: bytes
) -> None:
    """RFC 6750 section 3.1: any header value is refused cleanly, never a 500."""
    r = client.get("/users/me", headers={b"Authorization": value})

    assert r.status_code in {400, 401}, r.text
    if r.status_code == 401:
        assert r.json() in AUTH_FAILURES


@pytest.fixture
def token(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> str:
    return token_for(make_user("alice"))


def mutate(token: str, data: st.DataObject) -> str:
    """Change one character of one segment: replace, delete or insert one."""
    segments = token.split(".")
    index = data.draw(st.integers(0, len(segments) - 1), label="segment")
    segment = segments[index]
    position = data.draw(st.integers(0, len(segment) - 1), label="position")
    kind = data.draw(st.sampled_from(["replace", "delete", "insert"]), label="kind")
    other = st.sampled_from(BASE64URL).filter(lambda c: c != segment[position])
    if kind == "replace":
        segment = segment[:position] + data.draw(other) + segment[position + 1 :]
    elif kind == "delete":
        segment = segment[:position] + segment[position + 1 :]
    else:
        segment = segment[:position] + data.draw(other) + segment[position:]
    segments[index] = segment
    return ".".join(segments)


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
