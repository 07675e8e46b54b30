{%- set multi = "," in cookiecutter.roles -%}
from collections.abc import Callable

{% if multi -%}
import pytest
{% endif -%}
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE

from ..helpers import (
{%- if multi %}
    FORBIDDEN,
    INSUFFICIENT_SCOPE_CHALLENGE,
    LOW_ROLES,
{%- endif %}
    NOT_AUTHENTICATED,
    SeededUser,
    bearer,
)

TokenFor = Callable[[SeededUser], str]


def test_top_role_lists_every_user(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    root = make_user("root", TOP_ROLE)
    make_user("bob")

    r = client.get("/admin/users", headers=bearer(token_for(root)))

    assert r.status_code == 200
    assert [user["username"] for user in r.json()] == ["root", "bob"]
    assert "password_hash" not in r.text
{%- if multi %}


@pytest.mark.parametrize("role", LOW_ROLES, ids=str)
def test_lower_roles_are_forbidden_from_admin_routes(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    token_for: TokenFor,
    role: str,
) -> None:
    user = make_user("bob", role)

    r = client.get("/admin/users", headers=bearer(token_for(user)))

    assert r.status_code == 403
    assert r.json() == FORBIDDEN
    assert r.headers["www-authenticate"] == INSUFFICIENT_SCOPE_CHALLENGE
{%- endif %}


def test_admin_routes_need_credentials(client: TestClient) -> None:
    r = client.get("/admin/users")

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED
