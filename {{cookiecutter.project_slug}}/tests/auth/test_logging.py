import logging
from collections.abc import Callable

import pytest
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
