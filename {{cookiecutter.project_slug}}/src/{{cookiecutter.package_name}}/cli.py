"""Administrative commands, run as `python -m <package> COMMAND`."""

import argparse
import asyncio
import getpass
import sys
from collections.abc import Sequence
{%- if cookiecutter.jwt_algorithm != "HS256" %}
from pathlib import Path
{%- endif %}

{% if cookiecutter.jwt_algorithm != "HS256" -%}
from .auth.keys import write_key_pair
{% endif -%}
from .auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PasswordHasher
{%- if cookiecutter.rbac != "none" %}
from .auth.roles import Role
{%- endif %}
from .config import ConfigurationError, load_settings
from .database import create_engine, create_session_factory
from .migrations import upgrade_to_head
from .users.models import USERNAME_MAX_LENGTH
from .users.service import UsernameTakenError, create_user


class CommandError(Exception):
    """Raised when a command cannot do what was asked; the message says why."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m {{ cookiecutter.package_name }}",
        description="Administer the service's users.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create-user", help="create a user account")
    create.add_argument("username")
{%- if cookiecutter.rbac != "none" %}
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
{%- endif %}
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )
    create.set_defaults(handler=create_user_command)

    migrate = commands.add_parser(
        "migrate", help="bring the database schema up to the latest migration"
    )
    migrate.set_defaults(handler=migrate_command)
{%- if cookiecutter.jwt_algorithm != "HS256" %}

    keys = commands.add_parser(
        "generate-keys", help="write a new signing key pair for {{ cookiecutter.jwt_algorithm }}"
    )
    keys.add_argument(
        "--dir",
        type=Path,
        default=Path("keys"),
        help="folder for private.pem and public.pem (default: keys)",
    )
    keys.add_argument(
        "--force", action="store_true", help="replace a key pair already there"
    )
    keys.set_defaults(handler=generate_keys_command)
{%- endif %}
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        message: str = args.handler(args)
    except (CommandError, ConfigurationError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1

    sys.stdout.write(message + "\n")
    return 0


def migrate_command(_args: argparse.Namespace) -> str:
    upgrade_to_head(load_settings().database_url)
    return "The database schema is up to date"


def create_user_command(args: argparse.Namespace) -> str:
    username = check_username(args.username)
    password = read_password(from_stdin=args.password_stdin)
    # A first user on a fresh database needs the tables; migrating is a no-op
    # once they are there.
    upgrade_to_head(load_settings().database_url)
{%- if cookiecutter.rbac != "none" %}
    user_id = asyncio.run(add_user(username, password, Role(args.role)))
    return f"Created user {username!r} (id {user_id}), role {args.role}"
{%- else %}
    user_id = asyncio.run(add_user(username, password))
    return f"Created user {username!r} (id {user_id})"
{%- endif %}
{%- if cookiecutter.jwt_algorithm != "HS256" %}


def generate_keys_command(args: argparse.Namespace) -> str:
    try:
        private_path, public_path = write_key_pair(args.dir, overwrite=args.force)
    except FileExistsError as exc:
        raise CommandError(str(exc)) from None
    return f"Wrote {private_path} (mode 0600) and {public_path}"
{%- endif %}


def check_username(username: str) -> str:
    if not username.strip() or len(username) > USERNAME_MAX_LENGTH:
        msg = f"the username must be 1 to {USERNAME_MAX_LENGTH} characters"
        raise CommandError(msg)
    return username


def read_password(*, from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            msg = "the passwords do not match"
            raise CommandError(msg)

    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        msg = (
            f"the password must be {MIN_PASSWORD_LENGTH} to "
            f"{MAX_PASSWORD_LENGTH} characters"
        )
        raise CommandError(msg)
    return password


{%- if cookiecutter.rbac != "none" %}


async def add_user(username: str, password: str, role: Role) -> int:
{%- else %}


async def add_user(username: str, password: str) -> int:
{%- endif %}
    settings = load_settings()
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            user = await create_user(
                session,
                username=username,
                password_hash=PasswordHasher().hash(password),
{%- if cookiecutter.rbac != "none" %}
                role=role,
{%- endif %}
            )
            return user.id
    except UsernameTakenError as exc:
        raise CommandError(str(exc)) from None
    finally:
        await engine.dispose()
