{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
"""Plain helpers shared by the tests."""

import io
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest

{% if cookiecutter.rbac != "none" -%}
from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE, Role
{% endif -%}
from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import (
    ConfigurationError,
    load_settings,
)

PASSWORD = "correct horse battery staple"
{%- if cookiecutter.rbac != "none" and "," in cookiecutter.roles %}
LOW_ROLES = [role for role in Role if role != TOP_ROLE]
DEFAULT_ROLE = LOW_ROLES[0]
{%- elif cookiecutter.rbac != "none" %}
DEFAULT_ROLE = TOP_ROLE
{%- endif %}

NOT_AUTHENTICATED = {"detail": "Not authenticated"}
INVALID_CREDENTIALS = {"detail": "Could not validate credentials"}
FORBIDDEN = {"detail": "Access forbidden: Insufficient permissions"}
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"'
INSUFFICIENT_SCOPE_CHALLENGE = 'Bearer error="insufficient_scope"'
{%- if rate_limiting %}
TOO_MANY_ATTEMPTS = {"detail": "Too many attempts; try again later"}
{%- endif %}


@dataclass(frozen=True)
class SeededUser:
    id: int
    username: str
{%- if cookiecutter.rbac != "none" %}
    role: Role
{%- endif %}
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


def assert_token_refused(r: httpx2.Response) -> None:
    """The answer to any token defect: 401, one body, the invalid_token challenge."""
    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
    assert r.headers["www-authenticate"] == INVALID_TOKEN_CHALLENGE


def configuration_error(
    monkeypatch: pytest.MonkeyPatch, key_settings: dict[str, Any], **variables: str
) -> str:
    """The one-line error that loading the settings from these variables raises."""
    for name, value in {**key_settings, **variables}.items():
        monkeypatch.setenv(name.upper(), str(value))

    with pytest.raises(ConfigurationError) as excinfo:
        load_settings()
    return str(excinfo.value)
