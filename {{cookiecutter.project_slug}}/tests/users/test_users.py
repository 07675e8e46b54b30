from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE
from {{ cookiecutter.package_name }}.users.models import User

from ..helpers import (
    FORBIDDEN,
    INVALID_CREDENTIALS,
    LOW_ROLES,
    SeededUser,
    bearer,
)

TokenFor = Callable[[SeededUser], str]


def test_users_me_returns_the_profile_without_the_password_hash(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    alice = make_user("alice")

    r = client.get("/users/me", headers=bearer(token_for(alice)))

    assert r.status_code == 200
    body = r.json()
    assert body["id"] == alice.id
    assert body["username"] == "alice"
    assert body["role"] == alice.role.value
    assert "password_hash" not in body
    assert "$argon2" not in r.text


def test_user_reads_own_profile_by_id(
    client: TestClient, make_user: Callable[..., SeededUser], token_for: TokenFor
) -> None:
    alice = make_user("alice")

    r = client.get(f"/users/{alice.id}", headers=bearer(token_for(alice)))

    assert r.status_code == 200
    assert r.json()["id"] == alice.id


@pytest.mark.parametrize("role", LOW_ROLES, ids=str)
def test_user_below_top_role_cannot_read_another_profile(
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


@pytest.mark.parametrize("user_id", ["0", "-1", str(2**63), "abc"])
def test_out_of_range_user_id_is_a_validation_error(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    token_for: TokenFor,
    user_id: str,
) -> None:
    alice = make_user("alice", TOP_ROLE)

    r = client.get(f"/users/{user_id}", headers=bearer(token_for(alice)))

    assert r.status_code == 422


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
