import os
import secrets
import subprocess
import sys

import pytest

from {{ cookiecutter.package_name }}.config import (
    ConfigurationError,
    Settings,
    load_settings,
)


def settings_with_secret(secret: str) -> Settings:
    return Settings(_env_file=None, jwt_secret_key=secret)


def test_settings_accept_a_random_secret() -> None:
    secret = secrets.token_urlsafe(64)

    settings = settings_with_secret(secret)

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


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///./app.db", "sqlite+aiosqlite:///./app.db"),
        ("postgresql://u:p@db/app", "postgresql+psycopg://u:p@db/app"),
    ],
    ids=["sqlite", "postgresql"],
)
def test_database_url_uses_the_async_driver(url: str, expected: str) -> None:
    settings = Settings(
        _env_file=None, jwt_secret_key=secrets.token_urlsafe(64), database_url=url
    )

    assert settings.database_url == expected


def test_database_url_of_another_database_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JWT_SECRET_KEY", secrets.token_urlsafe(64))
    monkeypatch.setenv("DATABASE_URL", "mysql://db/app")

    with pytest.raises(ConfigurationError, match=r"^DATABASE_URL must be a"):
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
