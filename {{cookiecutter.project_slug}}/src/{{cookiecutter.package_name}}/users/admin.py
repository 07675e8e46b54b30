from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ..auth.dependencies import require_roles
from ..auth.roles import TOP_ROLE
from ..database import MAX_ID, SessionDep
from .schemas import UserRead
from .service import list_users

router = APIRouter(
    prefix="/admin", tags=["admin"], dependencies=[Depends(require_roles(TOP_ROLE))]
)


@router.get("/users")
async def read_users(
    session: SessionDep,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> list[UserRead]:
    """Every user, for the top role only."""
    users = await list_users(session, offset=offset, limit=limit)
    return [UserRead.model_validate(user) for user in users]
