"""Schema migrations (Alembic), and running them from code."""

{% if cookiecutter.database == "sqlite" -%}
import os

{% endif -%}
from alembic import command
from alembic.config import Config
{%- if cookiecutter.database == "sqlite" %}
from sqlalchemy import make_url
{%- endif %}

# A package resource, not a folder path: found wherever the package is installed.
SCRIPT_LOCATION = "{{ cookiecutter.package_name }}:migrations"


def alembic_config(database_url: str) -> Config:
    """Alembic settings for one database, with no alembic.ini needed."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    # Handed over as an attribute: a main option would treat `%` in a password
    # as interpolation syntax.
    config.attributes["database_url"] = database_url
    return config


def upgrade_to_head(database_url: str) -> None:
    """Apply every migration the database has not seen yet."""
{%- if cookiecutter.database == "sqlite" %}
    create_private_file(database_url)
{%- endif %}
    command.upgrade(alembic_config(database_url), "head")
{%- if cookiecutter.database == "sqlite" %}


def create_private_file(database_url: str) -> None:
    """Start a new SQLite file that only its owner can read: it holds password hashes.

    SQLite gives its journal files the database file's permissions. A file that
    exists already keeps the ones it has.
    """
    path = make_url(database_url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except (FileExistsError, FileNotFoundError):
        # Already there, or no such folder: SQLite reports the latter itself.
        return
    os.close(descriptor)
{%- endif %}
