import logging
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ..helpers import SeededUser, bearer


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno == logging.WARNING]


def test_auth_failure_is_logged_once_with_reason_method_path_and_client(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    forge_token: Callable[..., str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = forge_token(make_user("alice"), claims={"aud": "another-api"})

    client.get("/users/me", headers=bearer(token))

    [record] = warnings_of(caplog)
    message = record.getMessage()
    assert "reason=wrong_audience" in message
    assert "method=GET" in message
    assert "path=/users/me" in message
    assert "client=testclient" in message
    assert token not in caplog.text
    for segment in token.split("."):
        assert segment not in caplog.text


def test_crafted_path_and_client_address_cannot_forge_log_fields(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # Behind a trusted proxy, the address is whatever X-Forwarded-For said.
    with TestClient(app, client=("6.6.6.6 reason=none", 50000)) as crafty:
        # Decoded, the path is '/items/1 user_id=1\u202e" forged'.
        crafty.get("/items/1%20user_id=1%E2%80%AE%22%20forged")

    [record] = warnings_of(caplog)
    fields = record.getMessage().removeprefix("auth failure ")
    assert fields == (
        "reason=missing_credentials method=GET "
        "path='/items/1 user_id=1\\u202e\" forged' "
        "client='6.6.6.6 reason=none'"
    )


def test_missing_credentials_are_logged_with_their_reason(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    client.get("/items")

    [record] = warnings_of(caplog)
    assert "reason=missing_credentials" in record.getMessage()


def test_failed_login_log_holds_no_password(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    caplog: pytest.LogCaptureFixture,
) -> None:
    make_user("alice")

    client.post("/auth/token", data={"username": "alice", "password": "hunter2-oops"})

    [record] = warnings_of(caplog)
    assert "reason=bad_credentials" in record.getMessage()
    assert "hunter2-oops" not in caplog.text
