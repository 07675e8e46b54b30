{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
"""Deny by default: every operation needs credentials unless listed as public."""

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .helpers import NOT_AUTHENTICATED

PUBLIC_OPERATIONS = {
    ("GET", "/health"),
    ("POST", "/auth/token"),
{%- if refresh_tokens %}
    # Authenticated by the refresh token in its body, not by a bearer header.
    ("POST", "/auth/refresh"),
{%- endif %}
{%- if cookiecutter.jwt_algorithm != "HS256" %}
    ("GET", "/.well-known/jwks.json"),
{%- endif %}
}


def operations(app: FastAPI) -> set[tuple[str, str]]:
    paths = app.openapi()["paths"]
    return {(method.upper(), path) for path, item in paths.items() for method in item}


def test_public_operations_are_in_the_schema(app: FastAPI) -> None:
    assert operations(app) >= PUBLIC_OPERATIONS


def test_every_other_operation_refuses_a_request_without_credentials(
    app: FastAPI, client: TestClient
) -> None:
    protected = operations(app) - PUBLIC_OPERATIONS
    assert ("GET", "/users/me") in protected

    for method, path in sorted(protected):
        r = client.request(method, re.sub(r"\{\w+\}", "1", path))

        assert (r.status_code, r.json()) == (401, NOT_AUTHENTICATED), (method, path)


def test_every_other_operation_declares_the_bearer_scheme(app: FastAPI) -> None:
    paths = app.openapi()["paths"]

    for method, path in operations(app) - PUBLIC_OPERATIONS:
        assert paths[path][method.lower()]["security"] == [{"HTTPBearer": []}]
