"""Database engine, sessions and the declarative base for all models."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
{%- if cookiecutter.database == "postgresql" %}
from typing import Annotated, Any, ClassVar
{%- else %}
from typing import Annotated
{%- endif %}

from fastapi import Depends, Path, Request
from pydantic import AfterValidator
{%- if cookiecutter.database == "sqlite" %}
from sqlalchemy import URL, MetaData, event, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
{%- else %}
from sqlalchemy import URL, BigInteger, MetaData, make_url
{%- endif %}
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
{%- if cookiecutter.database == "sqlite" %}
from sqlalchemy.pool import ConnectionPoolEntry
{%- endif %}

# Primary keys are 64-bit integers; a larger path parameter is a 422, not a
# driver overflow.
MAX_ID = 2**63 - 1

{%- if cookiecutter.database == "sqlite" %}

# The app talks to the database through aiosqlite; Alembic and the tests'
# arranging sessions use the standard library's sqlite3 on the same file.
SYNC_DRIVER = "sqlite"
{%- else %}

# psycopg 3 drives both the app's async engine and the synchronous one that
# Alembic and the tests' arranging sessions use.
SYNC_DRIVER = "postgresql+psycopg"
{%- endif %}

# Every constraint gets a predictable name, so that a later migration can drop or
# alter it by name on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
{%- if cookiecutter.database == "postgresql" %}
    # 64-bit keys, the range MAX_ID promises; PostgreSQL's INTEGER has 32 bits.
    type_annotation_map: ClassVar[dict[Any, Any]] = {int: BigInteger}
{%- endif %}


def sync_url(database_url: str) -> URL:
    """The same database, addressed through the synchronous driver."""
    return make_url(database_url).set(drivername=SYNC_DRIVER)


def create_engine(database_url: str) -> AsyncEngine:
{%- if cookiecutter.database == "sqlite" %}
    engine = create_async_engine(database_url, pool_pre_ping=True)
    event.listen(engine.sync_engine, "connect", _enable_sqlite_foreign_keys)
    return engine
{%- else %}
    return create_async_engine(database_url, pool_pre_ping=True)
{%- endif %}
{%- if cookiecutter.database == "sqlite" %}


def _enable_sqlite_foreign_keys(
    dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry
) -> None:
    # SQLite ignores foreign keys unless each connection asks for them.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
{%- endif %}


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    session_factory: async_sessionmaker[AsyncSession] = request.app.state.sessions
    async with session_factory() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


def as_utc(moment: datetime) -> datetime:
    """Attach UTC to a timestamp that SQLite stored without its zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# Stored timestamps are UTC; this type hands them out zone-aware on every database.
UtcDatetime = Annotated[datetime, AfterValidator(as_utc)]
