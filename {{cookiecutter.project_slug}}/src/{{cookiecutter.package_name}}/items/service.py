"""Item queries. Every one is scoped to its owner: there is no unscoped lookup."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Item


async def get_owned_item(
    session: AsyncSession, *, owner_id: int, item_id: int
) -> Item | None:
    query = select(Item).where(Item.id == item_id, Item.owner_id == owner_id)
    return await session.scalar(query)


async def list_owned_items(
    session: AsyncSession, *, owner_id: int, offset: int, limit: int
) -> Sequence[Item]:
    query = (
        select(Item)
        .where(Item.owner_id == owner_id)
        .order_by(Item.id)
        .offset(offset)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def create_item(
    session: AsyncSession, *, owner_id: int, fields: dict[str, Any]
) -> Item:
    item = Item(owner_id=owner_id, **fields)
    session.add(item)
    await session.commit()
    await session.refresh(item)
    return item


async def update_item(
    session: AsyncSession, item: Item, fields: dict[str, Any]
) -> Item:
    for name, value in fields.items():
        setattr(item, name, value)
    await session.commit()
    await session.refresh(item)
    return item


async def delete_item(session: AsyncSession, item: Item) -> None:
    await session.delete(item)
    await session.commit()
