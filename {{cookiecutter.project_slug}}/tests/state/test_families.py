{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set redis = cookiecutter.state_backend == "redis" -%}
"""The refresh family store: rotation is atomic, reuse ends the family."""

import asyncio
import uuid

import pytest
{%- if redis %}
from redis.asyncio import Redis
{%- endif %}

{% if redis -%}
from {{ cookiecutter.package_name }}.config import Settings
{% endif -%}
from {{ cookiecutter.package_name }}.state.families import (
    FamilyStore,
    Rotation,
)
{%- if redis %}
from {{ cookiecutter.package_name }}.state.redis_families import (
    RedisFamilyStore,
)
{%- else %}
from {{ cookiecutter.package_name }}.state.memory_families import (
    MemoryFamilyStore,
)
{%- endif %}

pytestmark = pytest.mark.anyio

TTL_SECONDS = 60


@pytest.fixture
{%- if redis %}
def families(redis_client: Redis, settings: Settings) -> FamilyStore:
    return RedisFamilyStore(redis_client, settings.redis_key_prefix, TTL_SECONDS)
{%- else %}
def families() -> FamilyStore:
    return MemoryFamilyStore(TTL_SECONDS)
{%- endif %}


def new_id() -> str:
    return uuid.uuid4().hex


async def test_rotating_the_current_token_moves_the_family_on(
    families: FamilyStore,
) -> None:
    family, first, second, third = new_id(), new_id(), new_id(), new_id()
    await families.start(family, first)

    assert await families.rotate(family, first, second) is Rotation.ROTATED
    assert await families.rotate(family, second, third) is Rotation.ROTATED


async def test_rotating_a_spent_token_is_reuse_and_ends_the_family(
    families: FamilyStore,
) -> None:
    family, first, second = new_id(), new_id(), new_id()
    await families.start(family, first)
    await families.rotate(family, first, second)

    assert await families.rotate(family, first, new_id()) is Rotation.REUSED
    assert await families.rotate(family, second, new_id()) is Rotation.UNKNOWN


async def test_rotating_in_an_unknown_family_changes_nothing(
    families: FamilyStore,
) -> None:
    assert await families.rotate(new_id(), new_id(), new_id()) is Rotation.UNKNOWN


async def test_concurrent_rotations_of_one_token_let_exactly_one_through(
    families: FamilyStore,
) -> None:
    family, first = new_id(), new_id()
    await families.start(family, first)

    outcomes = await asyncio.gather(
        *(families.rotate(family, first, new_id()) for _ in range(10))
    )

    assert outcomes.count(Rotation.ROTATED) == 1
    assert Rotation.REUSED in outcomes
{%- if revocation %}


async def test_revoked_family_is_inactive_and_cannot_rotate(
    families: FamilyStore,
) -> None:
    family, first = new_id(), new_id()
    await families.start(family, first)
    assert await families.is_active(family)

    await families.revoke(family)

    assert not await families.is_active(family)
    assert await families.rotate(family, first, new_id()) is Rotation.UNKNOWN
{%- endif %}
