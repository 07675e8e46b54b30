from typing import Any

import pytest

from {{ cookiecutter.package_name }}.config import (
    ConfigurationError,
    Settings,
    load_settings,
)


def test_database_url_uses_the_async_driver(key_settings: dict[str, Any]) -> None:
{%- if cookiecutter.database == "sqlite" %}
    url, expected = "sqlite:///./app.db", "sqlite+aiosqlite:///./app.db"
{%- else %}
    url, expected = "postgresql://u:p@db/app", "postgresql+psycopg://u:p@db/app"
{%- endif %}

    settings = Settings(_env_file=None, database_url=url, **key_settings)

    assert settings.database_url == expected


@pytest.mark.parametrize(
    ("url", "problem"),
    [("mysql://db/app", "must be a"), ("not a url", "is not a database URL")],
    ids=["other-database", "garbage"],
)
def test_database_url_problems_are_one_line(
    monkeypatch: pytest.MonkeyPatch,
    key_settings: dict[str, Any],
    url: str,
    problem: str,
) -> None:
    for name, value in key_settings.items():
        monkeypatch.setenv(name.upper(), str(value))
    monkeypatch.setenv("DATABASE_URL", url)

    with pytest.raises(ConfigurationError, match=f"^DATABASE_URL {problem}"):
        load_settings()


def test_settings_problems_are_one_line_naming_each_variable(
    monkeypatch: pytest.MonkeyPatch, key_settings: dict[str, Any]
) -> None:
    for name, value in key_settings.items():
        monkeypatch.setenv(name.upper(), str(value))
    monkeypatch.setenv("ACCESS_TOKEN_TTL_SECONDS", "0")
    monkeypatch.setenv("JWT_LEEWAY_SECONDS", "many")

    with pytest.raises(ConfigurationError) as excinfo:
        load_settings()

    message = str(excinfo.value)
    assert "\n" not in message
    assert "ACCESS_TOKEN_TTL_SECONDS" in message
    assert "JWT_LEEWAY_SECONDS" in message
