from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
{%- if cookiecutter.rbac == "permissions" %}

from ..auth.dependencies import CurrentUser, require_permission
from ..auth.permissions import Permission
{%- else %}

from ..auth.dependencies import CurrentUser
{%- endif %}
from ..database import MAX_ID, IdPath, SessionDep
from . import service
from .models import Item
from .schemas import ItemPatch, ItemRead, ItemWrite

router = APIRouter(prefix="/items", tags=["items"])

ITEM_NOT_FOUND = "Item not found"
{%- if cookiecutter.rbac == "permissions" %}
# Each route declares the permission it needs; auth/permissions.py grants them.
CAN_READ = [Depends(require_permission(Permission.ITEMS_READ))]
CAN_WRITE = [Depends(require_permission(Permission.ITEMS_WRITE))]
{%- endif %}


async def get_item_of_caller(
    item_id: IdPath, caller: CurrentUser, session: SessionDep
) -> Item:
    """The caller's item with this id.

    Another user's item answers exactly like a missing one (OWASP API1), so ids
    cannot be probed for existence.
    """
    item = await service.get_owned_item(session, owner_id=caller.id, item_id=item_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=ITEM_NOT_FOUND)
    return item


OwnedItem = Annotated[Item, Depends(get_item_of_caller)]


@router.get(""{% if cookiecutter.rbac == "permissions" %}, dependencies=CAN_READ{% endif %})
async def list_items(
    caller: CurrentUser,
    session: SessionDep,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> list[ItemRead]:
    """The caller's items, oldest first."""
    items = await service.list_owned_items(
        session, owner_id=caller.id, offset=offset, limit=limit
    )
    return [ItemRead.model_validate(item) for item in items]


@router.post("", status_code=status.HTTP_201_CREATED{% if cookiecutter.rbac == "permissions" %}, dependencies=CAN_WRITE{% endif %})
async def create_item(
    body: ItemWrite, caller: CurrentUser, session: SessionDep
) -> ItemRead:
    item = await service.create_item(
        session, owner_id=caller.id, fields=body.model_dump()
    )
    return ItemRead.model_validate(item)


@router.get("/{item_id}"{% if cookiecutter.rbac == "permissions" %}, dependencies=CAN_READ{% endif %})
async def read_item(item: OwnedItem) -> ItemRead:
    return ItemRead.model_validate(item)


@router.put("/{item_id}"{% if cookiecutter.rbac == "permissions" %}, dependencies=CAN_WRITE{% endif %})
async def replace_item(
    item: OwnedItem, body: ItemWrite, session: SessionDep
) -> ItemRead:
    item = await service.update_item(session, item, body.model_dump())
    return ItemRead.model_validate(item)


@router.patch("/{item_id}"{% if cookiecutter.rbac == "permissions" %}, dependencies=CAN_WRITE{% endif %})
async def patch_item(item: OwnedItem, body: ItemPatch, session: SessionDep) -> ItemRead:
    changes = body.model_dump(exclude_unset=True)
    item = await service.update_item(session, item, changes)
    return ItemRead.model_validate(item)


@router.delete(
    "/{item_id}",
    status_code=status.HTTP_204_NO_CONTENT,{% if cookiecutter.rbac == "permissions" %}
    dependencies=CAN_WRITE,{% endif %}
)
async def delete_item(item: OwnedItem, session: SessionDep) -> None:
    await service.delete_item(session, item)
