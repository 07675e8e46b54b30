"""Validation errors: 422, never 500, and never the rejected input repeated."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from .helpers import SeededUser, bearer


@pytest.fixture
def alice_headers(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> dict[str, str]:
    token = token_for(make_user("alice"))
    return {**bearer(token), "Content-Type": "application/json"}


def test_validation_error_does_not_repeat_the_input(client: TestClient) -> None:
    r = client.post("/auth/token", data={"password": "hunter2-but-longer"})

    assert r.status_code == 422
    assert "hunter2-but-longer" not in r.text
    [error] = r.json()["detail"]
    assert error["loc"] == ["body", "username"]
    assert "input" not in error


@pytest.mark.parametrize(
    "body",
    [b"1e999", b'{"title": 1e999}', b'{"title": -1e999}', b'{"title": NaN}'],
    ids=["infinity-body", "infinite-title", "minus-infinite-title", "nan-title"],
)
def test_number_json_cannot_carry_is_a_validation_error(
    client: TestClient, alice_headers: dict[str, str], body: bytes
) -> None:
    r = client.post("/items", content=body, headers=alice_headers)

    assert r.status_code == 422


@pytest.mark.parametrize(
    "body",
    [b'{"title": "\\ud800"}', b'{"title": "x", "description": "a\\udfffb"}'],
    ids=["title", "description"],
)
def test_text_with_a_lone_surrogate_is_a_validation_error(
    client: TestClient, alice_headers: dict[str, str], body: bytes
) -> None:
    r = client.post("/items", content=body, headers=alice_headers)

    assert r.status_code == 422
    assert r.json()["detail"][0]["msg"] == "Value error, must be valid Unicode text"
