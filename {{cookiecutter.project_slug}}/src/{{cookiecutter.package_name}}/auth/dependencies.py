{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Dependencies that authenticate the caller and check what it may do."""

{% if cookiecutter.rbac != "none" -%}
from collections.abc import Awaitable, Callable
{% endif -%}
from typing import Annotated
{%- if cookiecutter.auth_integration == "dependency" %}

from fastapi import Depends, Request, Response

from ..database import SessionDep
from ..users.models import User
from .bearer import bearer_token
{%- if cookiecutter.rbac != "none" %}
from .errors import PermissionDeniedError, Reason
{%- endif %}
{%- else %}

from fastapi import Depends, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials

from ..users.models import User
from .bearer import openapi_bearer, openapi_password_flow
{%- if cookiecutter.rbac != "none" %}
from .errors import NotAuthenticatedError, PermissionDeniedError, Reason
{%- else %}
from .errors import NotAuthenticatedError, Reason
{%- endif %}
{%- endif %}
from .passwords import PasswordHasher
{%- if cookiecutter.rbac == "permissions" %}
from .permissions import Permission, has_permission
{%- endif %}
{%- if revocation and cookiecutter.auth_integration == "dependency" %}
from .revocation import RevocationsDep
{%- endif %}
{%- if cookiecutter.rbac == "roles" %}
from .roles import Role
{%- endif %}
{%- if cookiecutter.auth_integration == "dependency" %}
from .service import user_for_claims
{%- endif %}
{%- if cookiecutter.auth_integration == "dependency" or revocation %}
from .tokens import AccessClaims, TokenService
{%- else %}
from .tokens import TokenService
{%- endif %}


def get_token_service(request: Request) -> TokenService:
    service: TokenService = request.app.state.token_service
    return service


def get_password_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.password_hasher
    return hasher


def no_store(response: Response) -> None:
    """Keep a response that carries tokens out of every cache (RFC 6749 5.1)."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"


TokenServiceDep = Annotated[TokenService, Depends(get_token_service)]
PasswordHasherDep = Annotated[PasswordHasher, Depends(get_password_hasher)]
{%- if cookiecutter.auth_integration == "dependency" %}


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
    return await user_for_claims(session, claims)
{%- else %}
{%- if revocation %}


async def get_access_claims(request: Request) -> AccessClaims:
    """The claims of the access token that the authentication middleware took."""
    claims: AccessClaims | None = getattr(request.state, "access_claims", None)
    if claims is None:
        raise NotAuthenticatedError(Reason.MISSING_CREDENTIALS)
    return claims


AccessClaimsDep = Annotated[AccessClaims, Depends(get_access_claims)]
{%- endif %}


async def get_current_user(
    request: Request,
    _documented: Annotated[
        HTTPAuthorizationCredentials | None, Security(openapi_bearer)
    ],
    _signed_in: Annotated[str | None, Security(openapi_password_flow)],
) -> User:
    """The user that the authentication middleware found for this request."""
    user: User | None = getattr(request.state, "user", None)
    if user is None:
        # Only public paths pass the middleware without a user, and a route on
        # them that asks for one still gets the contract's answer.
        raise NotAuthenticatedError(Reason.MISSING_CREDENTIALS)
    return user
{%- endif %}


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
