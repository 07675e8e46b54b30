from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

{% if cookiecutter.rbac != "none" -%}
from ..auth.roles import Role
{% endif -%}
from .models import User


class UsernameTakenError(Exception):
    """Raised when a new user's name is already in use."""


async def get_user(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_username(session: AsyncSession, username: str) -> User | None:
    return await session.scalar(select(User).where(User.username == username))


async def list_users(
    session: AsyncSession, *, offset: int, limit: int
) -> Sequence[User]:
    query = select(User).order_by(User.id).offset(offset).limit(limit)
    return (await session.scalars(query)).all()


{%- if cookiecutter.rbac != "none" %}


async def create_user(
    session: AsyncSession, *, username: str, password_hash: str, role: Role
) -> User:
    user = User(username=username, password_hash=password_hash, role=role)
{%- else %}


async def create_user(
    session: AsyncSession, *, username: str, password_hash: str
) -> User:
    user = User(username=username, password_hash=password_hash)
{%- endif %}
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        msg = f"username {username!r} is already taken"
        raise UsernameTakenError(msg) from exc
    return user
