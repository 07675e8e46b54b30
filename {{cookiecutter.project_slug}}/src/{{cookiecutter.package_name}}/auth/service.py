"""Checking a username and password against the user store."""

from sqlalchemy.ext.asyncio import AsyncSession

from ..users.models import User
from ..users.service import get_user_by_username
from .passwords import MAX_PASSWORD_LENGTH, PasswordHasher


async def authenticate(
    session: AsyncSession, hasher: PasswordHasher, username: str, password: str
) -> User | None:
    """Return the active user these credentials belong to, or None."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return None

    user = await get_user_by_username(session, username)
    if user is None:
        # An unknown username costs one verification too, so response time
        # does not reveal which usernames exist.
        await hasher.verify_dummy(password)
        return None
    if not await hasher.verify(password, user.password_hash) or not user.is_active:
        return None

    if hasher.needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
        await session.commit()
    return user
