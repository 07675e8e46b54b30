{%- set has_roles = cookiecutter.rbac != "none" -%}
{%- set multi = has_roles and "," in cookiecutter.roles -%}
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
{%- if multi %}
from sqlalchemy.orm import Session
{%- endif %}
{%- if cookiecutter.rbac == "roles" %}

from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE
{%- elif cookiecutter.rbac == "permissions" %}

from {{ cookiecutter.package_name }}.auth.permissions import (
    Permission,
    has_permission,
)
from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE, Role
{%- endif %}
{%- if multi %}
from {{ cookiecutter.package_name }}.users.models import User
{%- endif %}

from ..helpers import (
{%- if multi or not has_roles %}
    FORBIDDEN,
{%- endif %}
{%- if multi %}
    INVALID_CREDENTIALS,
    LOW_ROLES,
{%- endif %}
    SeededUser,
    bearer,
)

TokenFor = Callable[[SeededUser], str]
{%- if cookiecutter.rbac == "permissions" %}
PROFILE_READERS = [role for role in Role if has_permission(role, Permission.USERS_READ)]
NON_READERS = [role for role in Role if role not in PROFILE_READERS]
{%- endif %}


def test_users_me_returns_the_profile_without_the_password_hash(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    alice = make_user("alice")

    r = client.get("/users/me", headers=bearer(token_for(alice)))

    assert r.status_code == 200
    body = r.json()
    assert body["id"] == alice.id
    assert body["username"] == "alice"
{%- if has_roles %}
    assert body["role"] == alice.role.value
{%- endif %}
    assert "password_hash" not in body
    assert "$argon2" not in r.text
    assert datetime.fromisoformat(body["created_at"]).utcoffset() == timedelta(0)


def test_user_reads_own_profile_by_id(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    alice = make_user("alice")

    r = client.get(f"/users/{alice.id}", headers=bearer(token_for(alice)))

    assert r.status_code == 200
    assert r.json()["id"] == alice.id
{%- if not has_roles %}


def test_user_cannot_read_another_profile(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    alice = make_user("alice")
    bob = make_user("bob")

    r = client.get(f"/users/{bob.id}", headers=bearer(token_for(alice)))

    assert r.status_code == 403
    assert r.json() == FORBIDDEN
{%- endif %}
{%- if multi %}


{% if cookiecutter.rbac == "roles" -%}
@pytest.mark.parametrize("role", LOW_ROLES, ids=str)
{% else -%}
@pytest.mark.parametrize("role", NON_READERS, ids=str)
{% endif -%}
def test_role_without_the_right_cannot_read_another_profile(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    token_for: TokenFor,
    role: str,
) -> None:
    alice = make_user("alice", role)
    bob = make_user("bob")

    r = client.get(f"/users/{bob.id}", headers=bearer(token_for(alice)))

    assert r.status_code == 403
    assert r.json() == FORBIDDEN
{%- endif %}
{%- if has_roles %}


def test_top_role_reads_another_profile(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    root = make_user("root", TOP_ROLE)
    bob = make_user("bob")

    r = client.get(f"/users/{bob.id}", headers=bearer(token_for(root)))

    assert r.status_code == 200
    assert r.json()["username"] == "bob"


def test_top_role_gets_404_for_a_missing_user(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    root = make_user("root", TOP_ROLE)

    r = client.get("/users/424242", headers=bearer(token_for(root)))

    assert r.status_code == 404
{%- endif %}


@pytest.mark.parametrize("user_id", ["0", "-1", str(2**63), "abc"])
def test_out_of_range_user_id_is_a_validation_error(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    token_for: TokenFor,
    user_id: str,
) -> None:
    alice = make_user("alice")

    r = client.get(f"/users/{user_id}", headers=bearer(token_for(alice)))

    assert r.status_code == 422
{%- if multi %}


def test_token_minted_before_a_role_change_is_refused(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    token_for: TokenFor,
    db: Session,
) -> None:
    alice = make_user("alice", TOP_ROLE)
    token = token_for(alice)
    user = db.get_one(User, alice.id)
    user.role = LOW_ROLES[0]
    db.commit()

    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
{%- endif %}
