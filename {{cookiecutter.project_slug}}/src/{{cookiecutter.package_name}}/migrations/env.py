"""How Alembic reaches the database: `alembic upgrade head`, or `migrate`.

The URL comes from the caller (the CLI and the tests hand it over) or else from
the service's own settings, so `.env` and the environment apply here too.
"""

from alembic import context
from sqlalchemy import create_engine, pool

from {{ cookiecutter.package_name }}.config import load_settings
from {{ cookiecutter.package_name }}.database import sync_url
from {{ cookiecutter.package_name }}.models import metadata

config = context.config


def database_url() -> str:
    url = config.attributes.get("database_url")
    if isinstance(url, str):
        return url
    return load_settings().database_url


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (`alembic upgrade head --sql`)."""
    context.configure(
        url=sync_url(database_url()),
        target_metadata=metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # Migrations run once and exit: a synchronous engine without a pool is enough.
    engine = create_engine(sync_url(database_url()), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
{%- if cookiecutter.database == "sqlite" %}
            # SQLite alters a table by copying it; batch mode writes migrations
            # that do so, instead of ALTER statements it does not support.
            render_as_batch=True,
{%- endif %}
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
