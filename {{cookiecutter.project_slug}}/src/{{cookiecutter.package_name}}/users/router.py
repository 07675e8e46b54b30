from fastapi import APIRouter, HTTPException, status

from ..auth.dependencies import CurrentUser
from ..auth.errors import PermissionDeniedError, Reason
{%- if cookiecutter.rbac == "roles" %}
from ..auth.roles import TOP_ROLE
{%- elif cookiecutter.rbac == "permissions" %}
from ..auth.permissions import Permission, has_permission
{%- endif %}
from ..database import IdPath, SessionDep
from .schemas import UserRead
from .service import get_user

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me")
async def read_me(user: CurrentUser) -> UserRead:
    """The caller's own profile."""
    return UserRead.model_validate(user)


@router.get("/{user_id}")
async def read_user(
    user_id: IdPath, caller: CurrentUser, session: SessionDep
) -> UserRead:
{%- if cookiecutter.rbac == "roles" %}
    """A user's profile: the caller's own, or anyone's for the top role."""
    if user_id != caller.id and caller.role != TOP_ROLE:
        raise PermissionDeniedError(Reason.NOT_OWNER)
{%- elif cookiecutter.rbac == "permissions" %}
    """A user's profile: the caller's own, or anyone's with users:read."""
    if user_id != caller.id and not has_permission(caller.role, Permission.USERS_READ):
        raise PermissionDeniedError(Reason.NOT_OWNER)
{%- else %}
    """A user's profile: the caller's own only."""
    if user_id != caller.id:
        raise PermissionDeniedError(Reason.NOT_OWNER)
{%- endif %}

    user = await get_user(session, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="User not found")
    return UserRead.model_validate(user)
