"""Dependencies that authenticate the caller and check what it may do."""

{% if cookiecutter.rbac != "none" -%}
from collections.abc import Awaitable, Callable
{% endif -%}
from typing import Annotated

from fastapi import Depends, Request

from ..database import SessionDep
from ..users.models import User
from ..users.service import get_user
from .bearer import bearer_token
{%- if cookiecutter.rbac != "none" %}
from .errors import InvalidTokenError, PermissionDeniedError, Reason
{%- else %}
from .errors import InvalidTokenError, Reason
{%- endif %}
from .passwords import PasswordHasher
{%- if cookiecutter.rbac == "roles" %}
from .roles import Role
{%- elif cookiecutter.rbac == "permissions" %}
from .permissions import Permission, has_permission
{%- endif %}
from .tokens import TokenService


def get_token_service(request: Request) -> TokenService:
    service: TokenService = request.app.state.token_service
    return service


def get_password_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.password_hasher
    return hasher


TokenServiceDep = Annotated[TokenService, Depends(get_token_service)]
PasswordHasherDep = Annotated[PasswordHasher, Depends(get_password_hasher)]


async def get_current_user(
    token: Annotated[str, Depends(bearer_token)],
    tokens: TokenServiceDep,
    session: SessionDep,
) -> User:
    claims = tokens.decode_access_token(token)

    user = await get_user(session, claims.user_id)
    if user is None or not user.is_active:
        raise InvalidTokenError(Reason.UNKNOWN_OR_INACTIVE_USER)
{%- if cookiecutter.rbac != "none" %}
    # A token minted before a role change carries a stale role: refuse it.
    if user.role != claims.role:
        raise InvalidTokenError(Reason.STALE_ROLE)
{%- endif %}
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
{%- if cookiecutter.rbac == "roles" %}


def require_roles(*roles: Role) -> Callable[[User], Awaitable[User]]:
    """Build a dependency that lets through only users holding one of `roles`."""
    allowed = frozenset(roles)

    async def check_role(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise PermissionDeniedError(Reason.ROLE_NOT_ALLOWED)
        return user

    return check_role
{%- elif cookiecutter.rbac == "permissions" %}


def require_permission(permission: Permission) -> Callable[[User], Awaitable[User]]:
    """Build a dependency that lets through only roles granted `permission`."""

    async def check_permission(user: CurrentUser) -> User:
        if not has_permission(user.role, permission):
            raise PermissionDeniedError(Reason.PERMISSION_MISSING)
        return user

    return check_permission
{%- endif %}
