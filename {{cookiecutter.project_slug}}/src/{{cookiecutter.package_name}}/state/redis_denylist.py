"""The denylist in Redis: one key per revoked token id, expiring with the token."""

from redis.asyncio import Redis


class RedisDenylist:
    """Revoked token ids, each kept until its token would have expired."""

    def __init__(self, client: Redis, key_prefix: str) -> None:
        self._client = client
        self._prefix = f"{key_prefix}denied:"

    async def add(self, token_id: str, ttl_seconds: int) -> None:
        await self._client.set(self._prefix + token_id, 1, ex=ttl_seconds)

    async def contains(self, token_id: str) -> bool:
        return bool(await self._client.exists(self._prefix + token_id))
