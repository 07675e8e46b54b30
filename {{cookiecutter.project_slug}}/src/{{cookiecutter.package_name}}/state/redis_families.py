{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Refresh families in Redis: one key per family, holding its current token id."""

from redis.asyncio import Redis

from .families import Rotation

# One round trip, run atomically by Redis, so that two workers can never both
# spend the same refresh token. KEYS[1]: the family. ARGV: the spent token id,
# the next token id, the family's time to live in seconds.
ROTATE_SCRIPT = """
local current = redis.call('GET', KEYS[1])
if not current then
    return 0
end
if current ~= ARGV[1] then
    redis.call('DEL', KEYS[1])
    return -1
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
"""
SCRIPT_OUTCOMES = {1: Rotation.ROTATED, -1: Rotation.REUSED, 0: Rotation.UNKNOWN}


class RedisFamilyStore:
    """Each family's current refresh token id, for a refresh TTL after its use."""

    def __init__(self, client: Redis, key_prefix: str, ttl_seconds: int) -> None:
        self._client = client
        self._prefix = f"{key_prefix}family:"
        self._ttl = ttl_seconds
        self._rotate = client.register_script(ROTATE_SCRIPT)

    async def start(self, family_id: str, token_id: str) -> None:
        await self._client.set(self._key(family_id), token_id, ex=self._ttl)

    async def rotate(self, family_id: str, spent_id: str, next_id: str) -> Rotation:
        outcome = await self._rotate(
            keys=[self._key(family_id)], args=[spent_id, next_id, self._ttl]
        )
        return SCRIPT_OUTCOMES[int(outcome)]
{%- if revocation %}

    async def revoke(self, family_id: str) -> None:
        await self._client.delete(self._key(family_id))

    async def is_active(self, family_id: str) -> bool:
        return bool(await self._client.exists(self._key(family_id)))
{%- endif %}

    def _key(self, family_id: str) -> str:
        return self._prefix + family_id
