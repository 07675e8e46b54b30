"""The log guard that conftest.py runs around every test catches what it must."""

import base64
import logging
import sys
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import PASSWORD, SeededUser, bearer
from ..log_guard import find_leaks, log_lines, secrets_of


def _segment(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


# Assembled at import time so secret scanners do not mistake it for a real token.
TOKEN = ".".join(
    _segment(part) for part in (b'{"alg":"HS256"}', b'{"sub":"1"}', b"signature")
)


def test_guard_flags_a_token_and_each_of_its_json_segments() -> None:
    header, payload, _ = TOKEN.split(".")
    lines = [f"bearer {TOKEN}", f"header={header}", f"payload={payload}"]

    assert len(find_leaks(lines, [], [])) == 3


def test_guard_flags_a_password_and_the_secret_without_repeating_them(
    settings: Settings,
) -> None:
    [secret, *_] = secrets_of(settings)
    lines = [f"login attempt with {PASSWORD}", f"key {secret}"]

    leaks = find_leaks(lines, [PASSWORD], [secret])

    assert leaks == ["log line 1 holds a password", "log line 2 holds the secret"]
    assert not any(PASSWORD in leak or secret in leak for leak in leaks)


def test_guard_passes_the_services_own_failure_lines(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    token_for: Callable[[SeededUser], str],
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The service logs reason, method, path and client, and nothing else."""
    token = token_for(make_user("alice"))
    client.get("/users/me", headers=bearer(token + "x"))
    client.post("/auth/token", data={"username": "alice", "password": PASSWORD + "!"})

    lines = log_lines(caplog.records)

    assert lines
    assert find_leaks(lines, [PASSWORD, PASSWORD + "!"], secrets_of(settings)) == []


def test_guard_reads_tracebacks_too() -> None:
    try:
        raise ValueError(TOKEN)
    except ValueError:
        record = logging.LogRecord(
            "service", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
        )

    assert find_leaks(log_lines([record]), [], []) == ["log line 1 holds a token"]
