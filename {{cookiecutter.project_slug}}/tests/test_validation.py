"""422 answers name the field and the problem, never the rejected input."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from .helpers import SeededUser, bearer


@pytest.fixture
def headers(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> dict[str, str]:
    return {**bearer(token_for(make_user("alice"))), "Content-Type": "application/json"}


@pytest.mark.parametrize(
    "raw_body",
    ['{"title": NaN}', '{"title": Infinity}', '{"title": "\\ud800"}', '{"\\udfff": 1}'],
    ids=["nan", "infinity", "lone-surrogate-value", "lone-surrogate-key"],
)
def test_values_json_cannot_carry_get_422_not_500(
    client: TestClient, headers: dict[str, str], raw_body: str
) -> None:
    r = client.post("/items", content=raw_body, headers=headers)

    assert r.status_code == 422
    assert r.json()["detail"]


def test_422_names_the_field_without_echoing_the_input(
    client: TestClient, headers: dict[str, str]
) -> None:
    r = client.post("/items", json={"title": "x" * 500}, headers=headers)

    assert r.status_code == 422
    [error] = r.json()["detail"]
    assert error["loc"] == ["body", "title"]
    assert set(error) == {"type", "loc", "msg"}
    assert "xxxx" not in r.text


def test_login_validation_error_never_repeats_the_password(client: TestClient) -> None:
    r = client.post("/auth/token", data={"password": "hunter2-but-longer"})

    assert r.status_code == 422
    assert "hunter2" not in r.text
