{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set set_role = revocation and cookiecutter.rbac != "none" -%}
"""Administrative commands, run as `python -m <package> COMMAND`."""

import argparse
import asyncio
import getpass
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
{%- if cookiecutter.jwt_algorithm != "HS256" %}
from pathlib import Path
{%- endif %}

from sqlalchemy.ext.asyncio import AsyncSession

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
{%- if set_role %}
from .users.credentials import set_password, set_role
{%- elif revocation %}
from .users.credentials import set_password
{%- endif %}
from .users.models import USERNAME_MAX_LENGTH
{%- if revocation %}
from .users.service import UsernameTakenError, create_user, get_user_by_username
{%- else %}
from .users.service import UsernameTakenError, create_user
{%- endif %}


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
    add_password_stdin_option(create)
    create.set_defaults(handler=create_user_command)

    migrate = commands.add_parser(
        "migrate", help="bring the database schema up to the latest migration"
    )
    migrate.set_defaults(handler=migrate_command)
{%- if revocation %}

    new_password = commands.add_parser(
        "set-password", help="change a user's password, ending its earlier tokens"
    )
    new_password.add_argument("username")
    add_password_stdin_option(new_password)
    new_password.set_defaults(handler=set_password_command)
{%- endif %}
{%- if set_role %}

    new_role = commands.add_parser(
        "set-role", help="change a user's role, ending its earlier tokens"
    )
    new_role.add_argument("username")
    new_role.add_argument("role", choices=[role.value for role in Role])
    new_role.set_defaults(handler=set_role_command)
{%- endif %}
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


def add_password_stdin_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )


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
{%- if cookiecutter.rbac != "none" %}
    user_id = asyncio.run(add_user(username, password, Role(args.role)))
    return f"Created user {username!r} (id {user_id}), role {args.role}"
{%- else %}
    user_id = asyncio.run(add_user(username, password))
    return f"Created user {username!r} (id {user_id})"
{%- endif %}
{%- if revocation %}


def set_password_command(args: argparse.Namespace) -> str:
    password = read_password(from_stdin=args.password_stdin)
    asyncio.run(change_password(args.username, PasswordHasher().hash(password)))
    return f"Changed the password of {args.username!r}; its earlier tokens are void"
{%- endif %}
{%- if set_role %}


def set_role_command(args: argparse.Namespace) -> str:
    asyncio.run(change_role(args.username, Role(args.role)))
    return (
        f"Changed the role of {args.username!r} to {args.role}; "
        "its earlier tokens are void"
    )
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
    if (
        not username
        or username != username.strip()
        or len(username) > USERNAME_MAX_LENGTH
    ):
        msg = (
            f"the username must be 1 to {USERNAME_MAX_LENGTH} characters, "
            "without spaces at either end"
        )
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
    async with database_session() as session:
        try:
            user = await create_user(
                session,
                username=username,
                password_hash=PasswordHasher().hash(password),
{%- if cookiecutter.rbac != "none" %}
                role=role,
{%- endif %}
            )
        except UsernameTakenError as exc:
            raise CommandError(str(exc)) from None
        return user.id
{%- if revocation %}


async def change_password(username: str, password_hash: str) -> None:
    async with database_session() as session:
        user_id = await find_user_id(session, username)
        await set_password(session, user_id, password_hash)
{%- endif %}
{%- if set_role %}


async def change_role(username: str, role: Role) -> None:
    async with database_session() as session:
        user_id = await find_user_id(session, username)
        await set_role(session, user_id, role)
{%- endif %}
{%- if revocation %}


async def find_user_id(session: AsyncSession, username: str) -> int:
    user = await get_user_by_username(session, username)
    if user is None:
        msg = f"there is no user named {username!r}"
        raise CommandError(msg)
    return user.id
{%- endif %}


@asynccontextmanager
async def database_session() -> AsyncIterator[AsyncSession]:
    """A session on DATABASE_URL, its schema migrated to the latest first.

    A first user on a fresh database needs the tables; migrating is a no-op once
    they are there.
    """
    settings = load_settings()
    upgrade_to_head(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as session:
            yield session
    finally:
        await engine.dispose()
