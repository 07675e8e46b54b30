"""The migrations build exactly the schema the models describe."""

{% if cookiecutter.database == "sqlite" -%}
import stat
{% endif -%}
from collections.abc import Iterator
from io import StringIO
{%- if cookiecutter.database == "sqlite" %}
from pathlib import Path
{%- endif %}

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from {{ cookiecutter.package_name }}.database import sync_url
{%- if cookiecutter.database == "sqlite" %}
from {{ cookiecutter.package_name }}.migrations import (
    alembic_config,
    upgrade_to_head,
)
{%- else %}
from {{ cookiecutter.package_name }}.migrations import alembic_config
{%- endif %}
from {{ cookiecutter.package_name }}.models import metadata


def schema_differences(database_url: str) -> list[object]:
    """What autogenerate would write into a new migration for this database."""
    engine = create_engine(sync_url(database_url))
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    return list(differences)


def current_revision(database_url: str) -> str | None:
    engine = create_engine(sync_url(database_url))
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    return revision


def table_names(database_url: str) -> set[str]:
    engine = create_engine(sync_url(database_url))
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    return names


@pytest.fixture
def head(database_url: str) -> str:
    script = ScriptDirectory.from_config(alembic_config(database_url))
    revision = script.get_current_head()
    assert revision is not None
    return revision


def test_migration_head_matches_the_models(database_url: str, head: str) -> None:
    assert current_revision(database_url) == head
    assert schema_differences(database_url) == []


def test_migrations_have_a_single_head(database_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(database_url))

    assert len(script.get_heads()) == 1


@pytest.fixture
def downgraded(database_url: str) -> Iterator[str]:
    """The test database taken back to an empty schema, migrated again after."""
    command.downgrade(alembic_config(database_url), "base")
    yield database_url
    command.upgrade(alembic_config(database_url), "head")


def test_downgrade_to_base_removes_every_table(downgraded: str) -> None:
    assert table_names(downgraded) <= {"alembic_version"}


def test_upgrade_after_downgrade_matches_the_models_again(
    downgraded: str, head: str
) -> None:
    command.upgrade(alembic_config(downgraded), "head")

    assert current_revision(downgraded) == head
    assert schema_differences(downgraded) == []


def test_offline_upgrade_prints_the_sql(database_url: str) -> None:
    config = alembic_config(database_url)
    config.output_buffer = StringIO()

    command.upgrade(config, "head", sql=True)

    sql = config.output_buffer.getvalue()
    assert "CREATE TABLE users" in sql
    assert "CREATE TABLE items" in sql
{%- if cookiecutter.database == "sqlite" %}


def test_new_database_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"

    upgrade_to_head(f"sqlite+aiosqlite:///{path}")

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "users" in table_names(f"sqlite+aiosqlite:///{path}")
{%- endif %}
