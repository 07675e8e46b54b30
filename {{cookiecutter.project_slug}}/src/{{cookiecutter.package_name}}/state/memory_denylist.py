"""The denylist in this process's memory (one worker only)."""

import time

from .memory import Clock, ExpiringMap


class MemoryDenylist:
    """Revoked token ids, each kept until its token would have expired."""

    def __init__(self, clock: Clock = time.time) -> None:
        self._denied: ExpiringMap[bool] = ExpiringMap(clock)

    async def add(self, token_id: str, ttl_seconds: int) -> None:
        self._denied.put(token_id, True, ttl_seconds)

    async def contains(self, token_id: str) -> bool:
        return self._denied.get(token_id) is not None
