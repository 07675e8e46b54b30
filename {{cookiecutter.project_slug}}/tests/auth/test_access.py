{%- set has_roles = cookiecutter.rbac != "none" -%}
"""Function-level authorization: every role against every protected route."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

{% if cookiecutter.rbac == "permissions" -%}
from {{ cookiecutter.package_name }}.auth.permissions import (
    Permission,
    has_permission,
)
{% endif -%}
{% if cookiecutter.rbac == "roles" -%}
from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE, Role
{% elif cookiecutter.rbac == "permissions" -%}
from {{ cookiecutter.package_name }}.auth.roles import Role
{% endif -%}
from {{ cookiecutter.package_name }}.items.models import Item

from ..helpers import FORBIDDEN, SeededUser, bearer

# method, path, body, status when allowed
ROUTES: list[tuple[str, str, dict[str, str] | None, int]] = [
    ("GET", "/users/me", None, 200),
    ("GET", "/users/{other_id}", None, 200),
{%- if has_roles %}
    ("GET", "/admin/users", None, 200),
{%- endif %}
    ("GET", "/items", None, 200),
    ("POST", "/items", {"title": "new"}, 201),
    ("GET", "/items/{item_id}", None, 200),
    ("PUT", "/items/{item_id}", {"title": "renamed"}, 200),
    ("PATCH", "/items/{item_id}", {"title": "renamed"}, 200),
    ("DELETE", "/items/{item_id}", None, 204),
]
{%- if cookiecutter.rbac == "roles" %}
TOP_ROLE_ONLY = {"/users/{other_id}", "/admin/users"}


def may(role: Role, path: str) -> bool:
    return role == TOP_ROLE or path not in TOP_ROLE_ONLY
{%- elif cookiecutter.rbac == "permissions" %}
NEEDS = {
    ("GET", "/users/{other_id}"): Permission.USERS_READ,
    ("GET", "/admin/users"): Permission.USERS_LIST,
    ("GET", "/items"): Permission.ITEMS_READ,
    ("POST", "/items"): Permission.ITEMS_WRITE,
    ("GET", "/items/{item_id}"): Permission.ITEMS_READ,
    ("PUT", "/items/{item_id}"): Permission.ITEMS_WRITE,
    ("PATCH", "/items/{item_id}"): Permission.ITEMS_WRITE,
    ("DELETE", "/items/{item_id}"): Permission.ITEMS_WRITE,
}


def may(role: Role, method: str, path: str) -> bool:
    needed = NEEDS.get((method, path))
    return needed is None or has_permission(role, needed)
{%- else %}


def may(path: str) -> bool:
    # Without roles, another user's profile is the one thing out of reach.
    return path != "/users/{other_id}"
{%- endif %}


{% if has_roles -%}
@pytest.mark.parametrize("role", list(Role), ids=str)
{% endif -%}
@pytest.mark.parametrize(
    ("method", "path", "body", "allowed_status"),
    ROUTES,
    ids=[f"{method} {path}" for method, path, _, _ in ROUTES],
)
def test_route_answers_by_the_callers_rights(
    client: TestClient,
    db: Session,
    make_user: Callable[..., SeededUser],
    token_for: Callable[[SeededUser], str],
{%- if has_roles %}
    role: Role,
{%- endif %}
    method: str,
    path: str,
    body: dict[str, Any] | None,
    allowed_status: int,
) -> None:
{%- if has_roles %}
    caller = make_user("caller", role)
{%- else %}
    caller = make_user("caller")
{%- endif %}
    other = make_user("other")
    item = Item(owner_id=caller.id, title="mine")
    db.add(item)
    db.commit()
    url = path.format(other_id=other.id, item_id=item.id)

    r = client.request(method, url, json=body, headers=bearer(token_for(caller)))

{%- if cookiecutter.rbac == "roles" %}
    if may(role, path):
{%- elif cookiecutter.rbac == "permissions" %}
    if may(role, method, path):
{%- else %}
    if may(path):
{%- endif %}
        assert r.status_code == allowed_status, r.text
    else:
        assert r.status_code == 403, r.text
        assert r.json() == FORBIDDEN
