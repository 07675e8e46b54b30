{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Who the caller is: from a username and password, or from an access token."""

from sqlalchemy.ext.asyncio import AsyncSession

from ..users.models import USERNAME_MAX_LENGTH, User
from ..users.service import get_user, get_user_by_username
from .errors import InvalidTokenError, Reason
from .passwords import MAX_PASSWORD_LENGTH, PasswordHasher
from .tokens import AccessClaims


async def authenticate(
    session: AsyncSession, hasher: PasswordHasher, username: str, password: str
) -> User | None:
    """Return the active user these credentials belong to, or None."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return None

    # A name no account can have is not looked up: PostgreSQL refuses NUL in
    # any string, and would answer the query with an error.
    could_exist = len(username) <= USERNAME_MAX_LENGTH and "\x00" not in username
    user = await get_user_by_username(session, username) if could_exist else None
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


async def user_for_claims(session: AsyncSession, claims: AccessClaims) -> User:
    """Return the active user an access token speaks for; raise InvalidTokenError."""
    user = await get_user(session, claims.user_id)
    if user is None or not user.is_active:
        raise InvalidTokenError(Reason.UNKNOWN_OR_INACTIVE_USER)
{%- if cookiecutter.rbac != "none" %}
    # A token minted before a role change carries a stale role: refuse it.
    if user.role != claims.role:
        raise InvalidTokenError(Reason.STALE_ROLE)
{%- endif %}
{%- if revocation %}
    # Changing a password or a role bumps the version, ending earlier tokens.
    if user.token_version != claims.token_version:
        raise InvalidTokenError(Reason.CREDENTIALS_CHANGED)
{%- endif %}
    return user
