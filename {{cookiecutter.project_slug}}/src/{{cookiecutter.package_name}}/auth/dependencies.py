{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Dependencies that authenticate the caller and check what it may do."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from ..database import SessionDep
from ..users.models import User
from ..users.service import get_user
from .bearer import bearer_token
from .errors import InvalidTokenError, PermissionDeniedError, Reason
from .passwords import PasswordHasher
{%- if revocation %}
from .revocation import RevocationsDep
{%- endif %}
from .roles import Role
from .tokens import AccessClaims, TokenService


def get_token_service(request: Request) -> TokenService:
    service: TokenService = request.app.state.token_service
    return service


def get_password_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.password_hasher
    return hasher


TokenServiceDep = Annotated[TokenService, Depends(get_token_service)]
PasswordHasherDep = Annotated[PasswordHasher, Depends(get_password_hasher)]


async def get_access_claims(
    token: Annotated[str, Depends(bearer_token)],
    tokens: TokenServiceDep,
{%- if revocation %}
    revocations: RevocationsDep,
{%- endif %}
) -> AccessClaims:
    claims = tokens.decode_access_token(token)
{%- if revocation %}
    await revocations.check(claims)
{%- endif %}
    return claims


AccessClaimsDep = Annotated[AccessClaims, Depends(get_access_claims)]


async def get_current_user(claims: AccessClaimsDep, session: SessionDep) -> User:
    user = await get_user(session, claims.user_id)
    if user is None or not user.is_active:
        raise InvalidTokenError(Reason.UNKNOWN_OR_INACTIVE_USER)
    # A token minted before a role change carries a stale role: refuse it.
    if user.role != claims.role:
        raise InvalidTokenError(Reason.STALE_ROLE)
{%- if revocation %}
    # Changing a password or a role bumps the version, ending earlier tokens.
    if user.token_version != claims.token_version:
        raise InvalidTokenError(Reason.CREDENTIALS_CHANGED)
{%- endif %}
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def require_roles(*roles: Role) -> Callable[[User], Awaitable[User]]:
    """Build a dependency that lets through only users holding one of `roles`."""
    allowed = frozenset(roles)

    async def check_role(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise PermissionDeniedError(Reason.ROLE_NOT_ALLOWED)
        return user

    return check_role
