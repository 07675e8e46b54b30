{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
"""Plain helpers shared by the tests."""

import io
from dataclasses import dataclass

import httpx2
import pytest

from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE, Role
from {{ cookiecutter.package_name }}.cli import main

PASSWORD = "correct horse battery staple"
LOW_ROLES = [role for role in Role if role != TOP_ROLE]
DEFAULT_ROLE = LOW_ROLES[0] if LOW_ROLES else TOP_ROLE

NOT_AUTHENTICATED = {"detail": "Not authenticated"}
INVALID_CREDENTIALS = {"detail": "Could not validate credentials"}
FORBIDDEN = {"detail": "Access forbidden: Insufficient permissions"}
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"'
{%- if rate_limiting %}
TOO_MANY_ATTEMPTS = {"detail": "Too many attempts; try again later"}
{%- endif %}


@dataclass(frozen=True)
class SeededUser:
    id: int
    username: str
    role: Role
{%- if revocation %}
    token_version: int
{%- endif %}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def run_cli(monkeypatch: pytest.MonkeyPatch, stdin: str, *args: str) -> int:
    """Run a CLI command with the given standard input; return its exit code."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(args))


def log_in(
    client: httpx2.Client, username: str, password: str = PASSWORD
) -> httpx2.Response:
    """POST /auth/token, through a TestClient or over HTTP to a running server."""
    return client.post("/auth/token", data={"username": username, "password": password})
