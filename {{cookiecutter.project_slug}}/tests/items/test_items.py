"""Items belong to their owner: nobody else can see, change or delete them."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
{%- if cookiecutter.rbac != "none" %}

from {{ cookiecutter.package_name }}.auth.roles import TOP_ROLE
{%- endif %}

from ..helpers import NOT_AUTHENTICATED, SeededUser, bearer

ITEM_NOT_FOUND = {"detail": "Item not found"}


@pytest.fixture
def alice_headers(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> dict[str, str]:
    return bearer(token_for(make_user("alice")))


@pytest.fixture
def bob_headers(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> dict[str, str]:
{%- if cookiecutter.rbac != "none" %}
    # Bob holds the top role: ownership applies to every role.
    return bearer(token_for(make_user("bob", TOP_ROLE)))
{%- else %}
    return bearer(token_for(make_user("bob")))
{%- endif %}


def create_item(
    client: TestClient, headers: dict[str, str], title: str = "First"
) -> dict[str, Any]:
    r = client.post("/items", json={"title": title}, headers=headers)
    assert r.status_code == 201, r.text
    item: dict[str, Any] = r.json()
    return item


def test_owner_creates_reads_updates_and_deletes_an_item(
    client: TestClient, alice_headers: dict[str, str]
) -> None:
    item = create_item(client, alice_headers)
    url = f"/items/{item['id']}"

    assert client.get(url, headers=alice_headers).json()["title"] == "First"
    put = client.put(url, json={"title": "Second"}, headers=alice_headers)
    assert put.json()["title"] == "Second"
    patch = client.patch(url, json={"description": "notes"}, headers=alice_headers)
    assert (patch.json()["title"], patch.json()["description"]) == ("Second", "notes")
    assert client.delete(url, headers=alice_headers).status_code == 204
    assert client.get(url, headers=alice_headers).status_code == 404


def test_item_timestamps_are_sent_in_utc_with_their_offset(
    client: TestClient, alice_headers: dict[str, str]
) -> None:
    """RFC 3339 section 5.6, the OpenAPI date-time format: the offset is required."""
    item = create_item(client, alice_headers)

    for name in ("created_at", "updated_at"):
        assert datetime.fromisoformat(item[name]).utcoffset() == timedelta(0), name


def test_list_holds_only_the_callers_items(
    client: TestClient, alice_headers: dict[str, str], bob_headers: dict[str, str]
) -> None:
    """OWASP API1:2023: a list holds the caller's own objects only."""
    create_item(client, alice_headers, "alice's")
    create_item(client, bob_headers, "bob's")

    r = client.get("/items", headers=alice_headers)

    assert [item["title"] for item in r.json()] == ["alice's"]


REQUESTS = {
    "get": ("GET", None),
    "put": ("PUT", {"title": "hijacked"}),
    "patch": ("PATCH", {"title": "hijacked"}),
    "delete": ("DELETE", None),
}


@pytest.mark.parametrize(("method", "body"), REQUESTS.values(), ids=REQUESTS.keys())
def test_another_users_item_answers_like_a_missing_one_and_stays_unchanged(
    client: TestClient,
    alice_headers: dict[str, str],
    bob_headers: dict[str, str],
    method: str,
    body: dict[str, str] | None,
) -> None:
    """OWASP API1:2023: another user's item cannot be read, changed or deleted."""
    item = create_item(client, alice_headers)

    theirs = client.request(
        method, f"/items/{item['id']}", json=body, headers=bob_headers
    )
    missing = client.request(method, "/items/999999", json=body, headers=bob_headers)

    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json() == ITEM_NOT_FOUND
    after = client.get(f"/items/{item['id']}", headers=alice_headers)
    assert after.json() == item


@pytest.mark.parametrize(
    "body",
    [
        {"title": "x", "owner_id": 1},
        {"title": "x", "id": 5},
        {"title": "x", "created_at": "2000-01-01T00:00:00Z"},
    ],
    ids=["owner_id", "id", "created_at"],
)
def test_client_cannot_set_fields_it_does_not_own(
    client: TestClient, alice_headers: dict[str, str], body: dict[str, Any]
) -> None:
    """OWASP API3:2023: the owner, id and timestamps cannot be mass-assigned."""
    item = create_item(client, alice_headers)

    created = client.post("/items", json=body, headers=alice_headers)
    patched = client.patch(f"/items/{item['id']}", json=body, headers=alice_headers)

    assert created.status_code == 422
    assert patched.status_code == 422


@pytest.mark.parametrize(
    "body",
    [{"title": None}, {"title": ""}, {"title": "x" * 201}, {"title": "a\x00b"}],
    ids=["null-title", "empty-title", "long-title", "nul-in-title"],
)
def test_invalid_patch_is_refused(
    client: TestClient, alice_headers: dict[str, str], body: dict[str, Any]
) -> None:
    item = create_item(client, alice_headers)

    r = client.patch(f"/items/{item['id']}", json=body, headers=alice_headers)

    assert r.status_code == 422


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/items"),
        ("POST", "/items"),
        ("GET", "/items/1"),
        ("DELETE", "/items/1"),
    ],
)
def test_items_need_credentials(client: TestClient, method: str, path: str) -> None:
    r = client.request(method, path, json={"title": "x"})

    assert r.status_code == 401
    assert r.json() == NOT_AUTHENTICATED
