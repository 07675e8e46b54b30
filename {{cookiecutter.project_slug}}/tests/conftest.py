"""Fixtures: a fresh application and database for every test, users, tokens."""

import logging
import os
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
{%- if cookiecutter.jwt_algorithm != "HS256" %}
from pathlib import Path
{%- endif %}
from typing import Any

import jwt
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url
from sqlalchemy.orm import Session

from {{ cookiecutter.package_name }}.app import create_app
{%- if cookiecutter.jwt_algorithm == "HS256" %}
from {{ cookiecutter.package_name }}.auth.keys import ALGORITHM
{%- else %}
from {{ cookiecutter.package_name }}.auth.keys import (
    ALGORITHM,
    PRIVATE_KEY_NAME,
    PUBLIC_KEY_NAME,
    PrivateKey,
    generate_private_key,
    write_key_pair,
)
{%- endif %}
from {{ cookiecutter.package_name }}.auth.passwords import PasswordHasher
{%- if cookiecutter.rbac != "none" %}
from {{ cookiecutter.package_name }}.auth.roles import Role
{%- endif %}
from {{ cookiecutter.package_name }}.auth.tokens import TokenService
from {{ cookiecutter.package_name }}.config import Settings
from {{ cookiecutter.package_name }}.users.models import User
{%- if cookiecutter.rbac != "none" %}

from .helpers import DEFAULT_ROLE, PASSWORD, SeededUser
{%- else %}

from .helpers import PASSWORD, SeededUser
{%- endif %}
from .log_guard import find_leaks, log_lines, record_passwords, secrets_of

SYNC_DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}


{% if cookiecutter.jwt_algorithm == "HS256" -%}
@pytest.fixture
def signing_key() -> str:
    return secrets.token_urlsafe(64)


@pytest.fixture
def key_settings(signing_key: str) -> dict[str, Any]:
    return {"jwt_secret_key": signing_key}


@pytest.fixture
def foreign_key() -> str:
    """A key the service does not know, of the right kind for its algorithm."""
    return secrets.token_urlsafe(64)
{%- else -%}
@pytest.fixture(scope="session")
def key_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("keys")
    write_key_pair(directory)
    return directory


@pytest.fixture
def key_settings(key_dir: Path) -> dict[str, Any]:
    return {
        "jwt_private_key_file": key_dir / PRIVATE_KEY_NAME,
        "jwt_public_key_file": key_dir / PUBLIC_KEY_NAME,
    }


@pytest.fixture
def signing_key(app: FastAPI) -> PrivateKey:
    key: PrivateKey = app.state.keys.signing_key
    return key


@pytest.fixture
def foreign_key() -> PrivateKey:
    """A key the service does not know, of the right kind for its algorithm."""
    return generate_private_key()
{%- endif %}


@pytest.fixture
def database_url(tmp_path: Any) -> str:
    return os.environ.get("TEST_DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")


@pytest.fixture
def settings(key_settings: dict[str, Any], database_url: str) -> Settings:
    return Settings(_env_file=None, database_url=database_url, **key_settings)


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="session")
def password_hash() -> str:
    return PasswordHasher().hash(PASSWORD)


@pytest.fixture
def db(settings: Settings, client: TestClient) -> Iterator[Session]:
    """A synchronous session on the app's database, for arranging and checking."""
    url = make_url(settings.database_url)
    url = url.set(drivername=SYNC_DRIVERS[url.get_backend_name()])
    engine = create_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


@pytest.fixture
def make_user(db: Session, password_hash: str) -> Callable[..., SeededUser]:
{%- if cookiecutter.rbac != "none" %}
    def make(
        username: str = "alice", role: Role = DEFAULT_ROLE, *, is_active: bool = True
    ) -> SeededUser:
        user = User(
            username=username,
            password_hash=password_hash,
            role=role,
            is_active=is_active,
        )
        db.add(user)
        db.commit()
        return SeededUser(user.id, user.username, Role(user.role))
{%- else %}
    def make(username: str = "alice", *, is_active: bool = True) -> SeededUser:
        user = User(username=username, password_hash=password_hash, is_active=is_active)
        db.add(user)
        db.commit()
        return SeededUser(user.id, user.username)
{%- endif %}

    return make


@pytest.fixture
def token_for(app: FastAPI) -> Callable[[SeededUser], str]:
    def issue(user: SeededUser) -> str:
        service: TokenService = app.state.token_service
{%- if cookiecutter.rbac != "none" %}
        return service.issue_access_token(user.id, user.role).token
{%- else %}
        return service.issue_access_token(user.id).token
{%- endif %}

    return issue


@pytest.fixture
def forge_token(
    app: FastAPI, settings: Settings, signing_key: Any
) -> Callable[..., str]:
    """Sign arbitrary claims and headers, for tokens the service must refuse."""

    def forge(
        user: SeededUser,
        *,
        claims: dict[str, Any] | None = None,
        drop: tuple[str, ...] = (),
        headers: dict[str, Any] | None = None,
        key: Any = None,
        algorithm: str = ALGORITHM,
    ) -> str:
        now = datetime.now(UTC)
        payload: dict[str, Any] = {
            "sub": str(user.id),
            "iat": now,
            "exp": now + timedelta(minutes=5),
            "jti": secrets.token_hex(16),
            "iss": settings.jwt_issuer,
            "aud": settings.jwt_audience,
{%- if cookiecutter.rbac != "none" %}
            "role": user.role.value,
{%- endif %}
        }
        payload.update(claims or {})
        for claim in drop:
            del payload[claim]
        return jwt.encode(
            payload,
            signing_key if key is None else key,
            algorithm=algorithm,
            headers={
                "typ": "at+jwt",
                **app.state.keys.signing_headers,
                **(headers or {}),
            },
        )

    return forge


@pytest.fixture(autouse=True)
def log_guard(
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[None]:
    """Fail a test whose captured logs hold a token, a password or the secret."""
    caplog.set_level(logging.DEBUG, logger="{{ cookiecutter.package_name }}")
    passwords = {PASSWORD}
    record_passwords(monkeypatch, passwords)

    yield

    # funcargs keeps the test's fixture values, so this is the test's own secret.
    settings = request.node.funcargs.get("settings")
    signing_secrets = secrets_of(settings) if isinstance(settings, Settings) else []
    records = [*caplog.get_records("setup"), *caplog.get_records("call")]
    leaks = find_leaks(log_lines(records), passwords, signing_secrets)
    if leaks:
        pytest.fail("log guard: " + "; ".join(leaks), pytrace=False)
