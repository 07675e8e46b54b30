{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
{%- set redis = cookiecutter.state_backend == "redis" -%}
{%- set sessions = refresh_tokens and revocation -%}
{%- set state_settings = redis or rate_limiting -%}
"""Fixtures: a fresh application and database for every test, users, tokens."""

{% if cookiecutter.database == "postgresql" or redis -%}
import os
{% endif -%}
import secrets
{%- if cookiecutter.database == "sqlite" %}
import shutil
{%- endif %}
{%- if redis or sessions %}
import uuid
{%- endif %}
{%- if redis %}
from collections.abc import AsyncIterator, Callable, Iterator
{%- else %}
from collections.abc import Callable, Iterator
{%- endif %}
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
{%- if redis %}
import redis
{%- endif %}
from fastapi import FastAPI
from fastapi.testclient import TestClient
{%- if redis %}
from redis.asyncio import Redis
{%- endif %}
{%- if cookiecutter.database == "postgresql" %}
from sqlalchemy import Engine, create_engine, text
{%- else %}
from sqlalchemy import create_engine
{%- endif %}
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
from {{ cookiecutter.package_name }}.database import sync_url
from {{ cookiecutter.package_name }}.migrations import upgrade_to_head
{%- if cookiecutter.database == "postgresql" %}
from {{ cookiecutter.package_name }}.models import metadata
{%- endif %}
{%- if redis %}
from {{ cookiecutter.package_name }}.state.redis_client import connect
{%- endif %}
from {{ cookiecutter.package_name }}.users.models import User
{%- if cookiecutter.rbac != "none" %}

from .helpers import DEFAULT_ROLE, PASSWORD, SeededUser
{%- else %}

from .helpers import PASSWORD, SeededUser
{%- endif %}
{%- if redis %}

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
{%- endif %}
{%- if rate_limiting %}

# So generous that only the rate-limit tests, which set their own, meet a limit.
RELAXED_RATE_LIMITS = {
    "login_rate_limit_per_client": "1000/minute",
    "login_rate_limit_per_username": "1000/minute",
{%- if refresh_tokens %}
    "refresh_rate_limit_per_client": "1000/minute",
{%- endif %}
}
{%- endif %}
{%- if cookiecutter.database == "postgresql" %}

SERVER_URL_VARIABLES = ("TEST_DATABASE_URL", "DATABASE_URL")


def server_url() -> str | None:
    """The PostgreSQL server the tests may create their own database on."""
    return next(
        (os.environ[name] for name in SERVER_URL_VARIABLES if os.environ.get(name)),
        None,
    )


def pytest_configure(config: pytest.Config) -> None:
    if server_url() is None:
        msg = (
            "TEST_DATABASE_URL is not set: point it (or DATABASE_URL) at a "
            "PostgreSQL server where the tests may create a database, e.g. "
            "postgresql://postgres@127.0.0.1:5432/postgres"
        )
        raise pytest.UsageError(msg)
{%- endif %}


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
{%- if cookiecutter.database == "sqlite" %}


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the latest migration, migrated once per test run."""
    path = tmp_path_factory.mktemp("schema") / "migrated.db"
    upgrade_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture
def database_url(migrated_database: Path, tmp_path: Path) -> str:
    """An empty database for this test: a copy of the migrated file."""
    path = tmp_path / "test.db"
    shutil.copyfile(migrated_database, path)
    return f"sqlite:///{path}"
{%- else %}


@pytest.fixture(scope="session")
def test_database() -> Iterator[str]:
    """A database of this test run's own, at the latest migration.

    Named at random and dropped at the end, so that several runs (and pytest-xdist
    workers) can share one server without touching each other's data.
    """
    server = sync_url(str(server_url()))
    name = f"test_{secrets.token_hex(8)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        upgrade_to_head(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def cleaner(test_database: str) -> Iterator[Engine]:
    engine = create_engine(sync_url(test_database))
    yield engine
    engine.dispose()


@pytest.fixture
def database_url(test_database: str, cleaner: Engine) -> str:
    """The run's database, emptied before this test."""
    tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with cleaner.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return test_database
{%- endif %}


{%- if redis %}


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The tests' Redis, REDIS_URL or a local one; the tests fail without it."""
    url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            client.ping()
    except redis.RedisError:
        pytest.fail(
            "no Redis answers at REDIS_URL: start one with "
            "`redis-server --bind 127.0.0.1 --daemonize yes`"
        )
    return url


@pytest.fixture
def redis_key_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of the test's own, so that tests can share one Redis.

    Every key expires by itself, but a refresh family lives for days, so the
    test's keys are deleted when it ends.
    """
    prefix = f"test-{uuid.uuid4().hex}:"
    yield prefix
    with redis.Redis.from_url(redis_url) as client:
        keys = list(client.scan_iter(match=f"{prefix}*"))
        if keys:
            client.delete(*keys)


@pytest.fixture
async def redis_client(settings: Settings) -> AsyncIterator[Redis]:
    """The service's kind of client, for tests that use the stores directly."""
    client = connect(settings)
    yield client
    await client.aclose()
{%- endif %}
{%- if state_settings %}


@pytest.fixture
{%- if redis %}
def state_settings(redis_url: str, redis_key_prefix: str) -> dict[str, Any]:
    return {
        "redis_url": redis_url,
        "redis_key_prefix": redis_key_prefix,
{%- if rate_limiting %}
        **RELAXED_RATE_LIMITS,
{%- endif %}
    }
{%- else %}
def state_settings() -> dict[str, Any]:
    return dict(RELAXED_RATE_LIMITS)
{%- endif %}


@pytest.fixture
def settings(
    key_settings: dict[str, Any], state_settings: dict[str, Any], database_url: str
) -> Settings:
    return Settings(
        _env_file=None, database_url=database_url, **key_settings, **state_settings
    )
{%- else %}


@pytest.fixture
def settings(key_settings: dict[str, Any], database_url: str) -> Settings:
    return Settings(_env_file=None, database_url=database_url, **key_settings)
{%- endif %}


@pytest.fixture
def cli_env(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    key_settings: dict[str, Any],
{%- if state_settings %}
    state_settings: dict[str, Any],
{%- endif %}
    database_url: str,
) -> Settings:
    """Point the CLI, which reads the environment, at the test database."""
    monkeypatch.chdir(tmp_path)
{%- if state_settings %}
    for name, value in {**key_settings, **state_settings}.items():
{%- else %}
    for name, value in key_settings.items():
{%- endif %}
        monkeypatch.setenv(name.upper(), str(value))
    monkeypatch.setenv("DATABASE_URL", database_url)
    return Settings(_env_file=None)


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
def db(settings: Settings) -> Iterator[Session]:
    """A synchronous session on the app's database, for arranging and checking."""
    engine = create_engine(sync_url(settings.database_url))
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
{%- if revocation %}
        return SeededUser(user.id, user.username, Role(user.role), user.token_version)
{%- else %}
        return SeededUser(user.id, user.username, Role(user.role))
{%- endif %}
{%- else %}
    def make(username: str = "alice", *, is_active: bool = True) -> SeededUser:
        user = User(username=username, password_hash=password_hash, is_active=is_active)
        db.add(user)
        db.commit()
{%- if revocation %}
        return SeededUser(user.id, user.username, user.token_version)
{%- else %}
        return SeededUser(user.id, user.username)
{%- endif %}
{%- endif %}

    return make


{%- if sessions %}


@pytest.fixture
def open_family(app: FastAPI, client: TestClient) -> Callable[[], str]:
    """Start a refresh family in the app's store and return its id.

    Access tokens name their family in `sid`, and only a live one lets them in.
    """

    def start() -> str:
        family_id = uuid.uuid4().hex
        assert client.portal is not None
        client.portal.call(app.state.families.start, family_id, uuid.uuid4().hex)
        return family_id

    return start


@pytest.fixture
def token_for(
    app: FastAPI, open_family: Callable[[], str]
) -> Callable[[SeededUser], str]:
    def issue(user: SeededUser) -> str:
        service: TokenService = app.state.token_service
        return service.issue_access_token(user, session_id=open_family()).token

    return issue


@pytest.fixture
def forge_token(
    app: FastAPI, settings: Settings, signing_key: Any, open_family: Callable[[], str]
) -> Callable[..., str]:
{%- else %}


@pytest.fixture
def token_for(app: FastAPI) -> Callable[[SeededUser], str]:
    def issue(user: SeededUser) -> str:
        service: TokenService = app.state.token_service
        return service.issue_access_token(user).token

    return issue


@pytest.fixture
def forge_token(
    app: FastAPI, settings: Settings, signing_key: Any
) -> Callable[..., str]:
{%- endif %}
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
{%- if revocation %}
            "ver": user.token_version,
{%- endif %}
{%- if sessions %}
            "sid": open_family(),
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
