{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
"""OWASP API Security Top 10 (2023): API1, API3, API4 and API5.

Most checks here read the OpenAPI document, so a route added later is held to
them without a new test. Checks that need a route's own setting out live beside
that route; tests/conformance/test_clauses.py lists them.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

{% if refresh_tokens -%}
from {{ cookiecutter.package_name }}.auth import refresh_tokens
{% endif -%}
from {{ cookiecutter.package_name }}.auth.passwords import PasswordHasher
from {{ cookiecutter.package_name }}.auth.tokens import TokenService

from ..helpers import INVALID_CREDENTIALS, SeededUser, bearer

Headers = dict[str, str]
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Property names that must never appear in what the API sends back.
SECRET_PROPERTY = re.compile(r"password|hash|secret", re.IGNORECASE)
MAX_PAGE_SIZE = 100
# Token fields are bounded by the token syntax check, which answers 401 like any
# token defect rather than 422; the oversized-token tests below prove it.
TOKEN_FIELDS = frozenset({"refresh_token"})


def operations(app: FastAPI) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in app.openapi()["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


def resolve(schema: dict[str, Any], app: FastAPI) -> dict[str, Any]:
    """Follow a local $ref into components/schemas."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        resolved: dict[str, Any] = app.openapi()["components"]["schemas"][name]
        return resolved
    return schema


def object_schemas(schema: dict[str, Any], app: FastAPI) -> Iterator[dict[str, Any]]:
    """Every object schema reachable from schema: arrays, unions, nesting."""
    schema = resolve(schema, app)
    yield schema
    nested = [
        *schema.get("properties", {}).values(),
        *schema.get("anyOf", []),
        *schema.get("allOf", []),
    ]
    if "items" in schema:
        nested.append(schema["items"])
    for child in nested:
        yield from object_schemas(child, app)


def json_bodies(app: FastAPI) -> Iterator[tuple[str, dict[str, Any]]]:
    for method, path, operation in operations(app):
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            schema = resolve(content["application/json"]["schema"], app)
            yield f"{method} {path}", schema


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


@pytest.fixture
def alice_headers(alice: SeededUser, token_for: Callable[[SeededUser], str]) -> Headers:
    return bearer(token_for(alice))


# API1:2023, broken object level authorization


def test_every_item_operation_answers_a_stranger_like_a_missing_item(
    app: FastAPI,
    client: TestClient,
    alice_headers: Headers,
    make_user: Callable[..., SeededUser],
    token_for: Callable[[SeededUser], str],
) -> None:
    """OWASP API1:2023: another user's object is out of reach, by any method.

    Every operation on an {item_id} path in the schema, today's and tomorrow's,
    answers another user exactly as it answers an id that does not exist.
    """
    item = client.post("/items", json={"title": "mine"}, headers=alice_headers).json()
    stranger = bearer(token_for(make_user("mallory")))
    item_operations = [
        (method, path) for method, path, _ in operations(app) if "{item_id}" in path
    ]
    assert item_operations

    for method, path in item_operations:
        body = {"title": "hijacked"} if method in {"PUT", "PATCH", "POST"} else None
        theirs = client.request(
            method, path.format(item_id=item["id"]), json=body, headers=stranger
        )
        missing = client.request(
            method, path.format(item_id=999_999), json=body, headers=stranger
        )

        assert theirs.status_code in {403, 404}, (method, path)
        assert (theirs.status_code, theirs.json()) == (
            missing.status_code,
            missing.json(),
        ), (method, path)
    after = client.get(f"/items/{item['id']}", headers=alice_headers)
    assert after.json() == item


# API3:2023, broken object property level authorization


def test_every_json_body_refuses_properties_it_does_not_declare(app: FastAPI) -> None:
    """OWASP API3:2023, mass assignment: no body takes an undeclared property."""
    bodies = dict(json_bodies(app))
    assert bodies

    for operation, schema in bodies.items():
        assert schema.get("additionalProperties") is False, operation


def test_no_response_schema_exposes_a_secret_property(app: FastAPI) -> None:
    """OWASP API3:2023, excessive data exposure: no hash or secret goes out."""
    exposed = []
    for method, path, operation in operations(app):
        for response in operation.get("responses", {}).values():
            for media in response.get("content", {}).values():
                for schema in object_schemas(media.get("schema", {}), app):
                    exposed += [
                        f"{method} {path}: {name}"
                        for name in schema.get("properties", {})
                        if SECRET_PROPERTY.search(name)
                    ]

    assert exposed == []


# API4:2023, unrestricted resource consumption


def test_oversized_token_is_refused_before_decoding(
    client: TestClient,
    alice: SeededUser,
    token_for: Callable[[SeededUser], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OWASP API4:2023: an oversized token costs no base64, JSON or signature work."""
    padded = token_for(alice) + "A" * 9000

    def no_decoding(*_args: object) -> None:
        pytest.fail("an oversized token reached the decoder")

    monkeypatch.setattr(TokenService, "decode_access_token", no_decoding)

    r = client.get("/users/me", headers=bearer(padded))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS


{%- if refresh_tokens %}


def test_oversized_refresh_token_is_refused_before_decoding(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OWASP API4:2023: the refresh route caps its token like the header does."""

    def no_decoding(*_args: object, **_kwargs: object) -> None:
        pytest.fail("an oversized refresh token reached the decoder")

    monkeypatch.setattr(refresh_tokens, "decode_verified", no_decoding)

    r = client.post("/auth/refresh", json={"refresh_token": "e30.e30." + "A" * 9000})

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
{%- endif %}


def test_oversized_password_is_refused_before_hashing(
    client: TestClient, alice: SeededUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OWASP API4:2023: Argon2 never runs on a password past the length cap."""

    async def no_hashing(*_args: object) -> None:
        pytest.fail("an oversized password reached Argon2")

    monkeypatch.setattr(PasswordHasher, "verify", no_hashing)

    r = client.post(
        "/auth/token", data={"username": alice.username, "password": "x" * 100_000}
    )

    assert r.status_code == 401


def test_every_page_size_is_capped(app: FastAPI) -> None:
    """OWASP API4:2023: no list can be asked for more than a page at once."""
    limits = {
        f"{method} {path}": parameter["schema"].get("maximum")
        for method, path, operation in operations(app)
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "limit"
    }
    assert limits

    for operation, maximum in limits.items():
        assert maximum is not None, operation
        assert maximum <= MAX_PAGE_SIZE, operation


def test_every_string_in_a_json_body_has_a_maximum_length(app: FastAPI) -> None:
    """OWASP API4:2023: each text field a client sends is bounded."""
    unbounded = [
        f"{operation}: {name}"
        for operation, body in json_bodies(app)
        for schema in object_schemas(body, app)
        for name, field in schema.get("properties", {}).items()
        if name not in TOKEN_FIELDS
        for variant in [field, *field.get("anyOf", [])]
        if variant.get("type") == "string" and "maxLength" not in variant
    ]

    assert unbounded == []


# API5:2023, broken function level authorization


def test_undeclared_methods_are_not_allowed_on_any_path(
    app: FastAPI, client: TestClient, alice_headers: Headers
) -> None:
    """OWASP API5:2023: a method the schema does not list never reaches a handler."""
    declared: dict[str, set[str]] = {}
    for method, path, _ in operations(app):
        declared.setdefault(path, set()).add(method)

    for path, methods in declared.items():
        url = re.sub(r"\{\w+\}", "1", path)
        for method in set(HTTP_METHODS) - methods:
            r = client.request(method, url, headers=alice_headers)

            assert r.status_code == 405, (method, path)


@pytest.mark.parametrize(
    "header",
    ["X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"],
)
def test_method_override_headers_are_ignored(
    client: TestClient, alice_headers: Headers, header: str
) -> None:
    """OWASP API5:2023: a GET stays a GET, whatever a header asks for."""
    item = client.post("/items", json={"title": "kept"}, headers=alice_headers).json()

    client.get(f"/items/{item['id']}", headers={**alice_headers, header: "DELETE"})

    after = client.get(f"/items/{item['id']}", headers=alice_headers)
    assert after.status_code == 200


@pytest.mark.parametrize("header", ["X-Original-URL", "X-Rewrite-URL"])
def test_path_rewrite_headers_are_ignored(
    client: TestClient, alice_headers: Headers, header: str
) -> None:
    """OWASP API5:2023: access is decided on the path requested, never a header's."""
    r = client.get("/users/me", headers={**alice_headers, header: "/admin/users"})

    assert r.status_code == 200
    assert isinstance(r.json(), dict)
