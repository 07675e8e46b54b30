"""Plain helpers shared by the tests."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
{%- if cookiecutter.rbac != "none" %}

from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE, Role
{%- endif %}

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


@dataclass(frozen=True)
class SeededUser:
    id: int
    username: str
{%- if cookiecutter.rbac != "none" %}
    role: Role
{%- endif %}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_invalid_token(client: TestClient, token: str) -> None:
    """The token is refused with the contract's answer for a token defect."""
    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
    assert r.headers["www-authenticate"] == INVALID_TOKEN_CHALLENGE


def ago(**delta: float) -> datetime:
    return datetime.now(UTC) - timedelta(**delta)


def ahead(**delta: float) -> datetime:
    return datetime.now(UTC) + timedelta(**delta)
