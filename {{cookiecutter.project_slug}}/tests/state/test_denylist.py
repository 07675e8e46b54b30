{%- set redis = cookiecutter.state_backend == "redis" -%}
"""The denylist store."""

import uuid

import pytest
{%- if redis %}
from redis.asyncio import Redis
{%- endif %}

{% if redis -%}
from {{ cookiecutter.package_name }}.config import Settings
{% endif -%}
from {{ cookiecutter.package_name }}.state.denylist import Denylist
{%- if redis %}
from {{ cookiecutter.package_name }}.state.redis_denylist import RedisDenylist
{%- else %}
from {{ cookiecutter.package_name }}.state.memory_denylist import (
    MemoryDenylist,
)
{%- endif %}

pytestmark = pytest.mark.anyio


@pytest.fixture
{%- if redis %}
def denylist(redis_client: Redis, settings: Settings) -> Denylist:
    return RedisDenylist(redis_client, settings.redis_key_prefix)
{%- else %}
def denylist() -> Denylist:
    return MemoryDenylist()
{%- endif %}


async def test_added_token_id_is_denied(denylist: Denylist) -> None:
    token_id = uuid.uuid4().hex

    await denylist.add(token_id, 60)

    assert await denylist.contains(token_id)


async def test_other_token_ids_are_not_denied(denylist: Denylist) -> None:
    await denylist.add(uuid.uuid4().hex, 60)

    assert not await denylist.contains(uuid.uuid4().hex)
