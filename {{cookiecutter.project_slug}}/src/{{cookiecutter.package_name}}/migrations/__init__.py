"""Schema migrations (Alembic), and running them from code."""

from alembic import command
from alembic.config import Config

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
    command.upgrade(alembic_config(database_url), "head")
