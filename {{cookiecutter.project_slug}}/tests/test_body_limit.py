"""Request bodies over the cap are refused before the service buffers them."""

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.body_limit import MAX_BODY_BYTES

from .helpers import SeededUser, bearer

TOO_LARGE = {"detail": "Request body too large"}
CHUNK_BYTES = 64 * 1024


@pytest.fixture
def headers(
    make_user: Callable[..., SeededUser], token_for: Callable[[SeededUser], str]
) -> dict[str, str]:
    return {**bearer(token_for(make_user("alice"))), "Content-Type": "application/json"}


def padded_item(size: int) -> bytes:
    """A valid item, padded with JSON whitespace to exactly `size` bytes."""
    item = b'{"title": "padded"}'
    return item + b" " * (size - len(item))


def test_body_at_the_cap_is_read(client: TestClient, headers: dict[str, str]) -> None:
    r = client.post("/items", content=padded_item(MAX_BODY_BYTES), headers=headers)

    assert r.status_code == 201


def test_declared_length_over_the_cap_is_refused_unread(
    client: TestClient, headers: dict[str, str]
) -> None:
    """OWASP API4:2023: a body over the cap is refused, not buffered."""
    body = padded_item(MAX_BODY_BYTES + 1)

    r = client.post("/items", content=body, headers=headers)

    assert r.status_code == 413
    assert r.json() == TOO_LARGE


def test_chunked_body_is_refused_once_it_passes_the_cap(
    client: TestClient, headers: dict[str, str]
) -> None:
    """OWASP API4:2023: without a declared length, the body is counted as it comes."""

    def chunks() -> Iterator[bytes]:
        yield b'{"title": "padded"'
        for _ in range(MAX_BODY_BYTES // CHUNK_BYTES + 1):
            yield b" " * CHUNK_BYTES
        yield b"}"

    r = client.post("/items", content=chunks(), headers=headers)

    assert "content-length" not in r.request.headers
    assert r.status_code == 413
    assert r.json() == TOO_LARGE
{%- if cookiecutter.auth_integration == "middleware" %}


def test_a_strangers_body_is_refused_for_its_credentials_first(
    client: TestClient,
) -> None:
    r = client.post("/items", content=padded_item(MAX_BODY_BYTES + 1))

    assert r.status_code == 401
{%- endif %}
