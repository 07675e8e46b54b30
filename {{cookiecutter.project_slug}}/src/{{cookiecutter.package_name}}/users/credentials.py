{%- if cookiecutter.rbac != "none" -%}
"""Changing a user's password or role, which ends every token issued before."""
{%- else -%}
"""Changing a user's password, which ends every token issued before."""
{%- endif %}

from sqlalchemy import Update, update
from sqlalchemy.ext.asyncio import AsyncSession

{% if cookiecutter.rbac != "none" -%}
from ..auth.roles import Role
{% endif -%}
from .models import User


async def set_password(session: AsyncSession, user_id: int, password_hash: str) -> None:
    query = bump_token_version(user_id).values(password_hash=password_hash)
    await session.execute(query)
    await session.commit()
{%- if cookiecutter.rbac != "none" %}


async def set_role(session: AsyncSession, user_id: int, role: Role) -> None:
    query = bump_token_version(user_id).values(role=role)
    await session.execute(query)
    await session.commit()
{%- endif %}


def bump_token_version(user_id: int) -> Update:
    """An UPDATE of the user that also bumps its token version.

    One statement, so that two changes at the same time still bump it twice.
    """
    return (
        update(User)
        .where(User.id == user_id)
        .values(token_version=User.token_version + 1)
    )
