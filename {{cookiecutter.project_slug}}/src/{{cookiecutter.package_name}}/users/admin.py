from typing import Annotated

from fastapi import APIRouter, Depends, Query

{% if cookiecutter.rbac == "roles" -%}
from ..auth.dependencies import require_roles
from ..auth.roles import TOP_ROLE
{% else -%}
from ..auth.dependencies import require_permission
from ..auth.permissions import Permission
{% endif -%}
from ..database import MAX_ID, SessionDep
from .schemas import UserRead
from .service import list_users

{%- if cookiecutter.rbac == "roles" %}

router = APIRouter(
    prefix="/admin", tags=["admin"], dependencies=[Depends(require_roles(TOP_ROLE))]
)
{%- else %}

router = APIRouter(
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(require_permission(Permission.USERS_LIST))],
)
{%- endif %}


@router.get("/users")
async def read_users(
    session: SessionDep,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> list[UserRead]:
{%- if cookiecutter.rbac == "roles" %}
    """Every user, for the top role only."""
{%- else %}
    """Every user, for roles granted users:list."""
{%- endif %}
    users = await list_users(session, offset=offset, limit=limit)
    return [UserRead.model_validate(user) for user in users]
