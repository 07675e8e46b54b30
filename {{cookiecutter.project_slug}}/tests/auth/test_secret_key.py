"""The HMAC secret: strong enough, never echoed, and the only key accepted."""

import os
import secrets
import subprocess
import sys
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import (
    ConfigurationError,
    Settings,
    load_settings,
)

from ..helpers import INVALID_CREDENTIALS, SeededUser, bearer


def test_settings_accept_a_random_secret() -> None:
    secret = secrets.token_urlsafe(64)

    settings = Settings(_env_file=None, jwt_secret_key=secret)

    assert settings.jwt_secret_key.get_secret_value() == secret


@pytest.mark.parametrize(
    "secret",
    [
        "short",
        "x" * 31,
        "a" * 64,
        "changeme-changeme-changeme-changeme",
        "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
    ],
    ids=["short", "31-bytes", "one-character", "placeholder", "tutorial-example"],
)
def test_settings_refuse_a_weak_secret_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("JWT_SECRET_KEY", secret)

    with pytest.raises(ConfigurationError) as excinfo:
        load_settings()

    message = str(excinfo.value)
    assert message.startswith("JWT_SECRET_KEY ")
    assert secret not in message
    assert "\n" not in message


def test_settings_name_a_missing_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JWT_SECRET_KEY", raising=False)
    monkeypatch.chdir("/")

    with pytest.raises(ConfigurationError, match=r"^JWT_SECRET_KEY is not set$"):
        load_settings()


def test_app_refuses_to_start_with_one_line_naming_the_setting() -> None:
    env = {**os.environ, "JWT_SECRET_KEY": "too-short-secret"}

    result = subprocess.run(
        [sys.executable, "-c", "import {{ cookiecutter.package_name }}.main"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )

    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Refusing to start: JWT_SECRET_KEY must be")
    assert "too-short-secret" not in result.stderr


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_token_signed_with_the_secret_under_another_algorithm_is_refused(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    forge_token: Callable[..., str],
    algorithm: str,
) -> None:
    token = forge_token(make_user("alice"), algorithm=algorithm)

    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS
