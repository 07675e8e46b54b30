{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Refresh families in this process's memory (one worker only)."""

import asyncio
import time

from .families import Rotation
from .memory import Clock, ExpiringMap


class MemoryFamilyStore:
    """Each family's current refresh token id, for a refresh TTL after its use."""

    def __init__(self, ttl_seconds: int, clock: Clock = time.time) -> None:
        self._current: ExpiringMap[str] = ExpiringMap(clock)
        self._ttl = ttl_seconds
        # Rotation reads, compares and writes; the lock keeps two requests from
        # interleaving there, even if a later change adds an await in between.
        self._lock = asyncio.Lock()

    async def start(self, family_id: str, token_id: str) -> None:
        self._current.put(family_id, token_id, self._ttl)

    async def rotate(self, family_id: str, spent_id: str, next_id: str) -> Rotation:
        async with self._lock:
            current = self._current.get(family_id)
            if current is None:
                return Rotation.UNKNOWN
            if current != spent_id:
                self._current.discard(family_id)
                return Rotation.REUSED

            self._current.put(family_id, next_id, self._ttl)
            return Rotation.ROTATED
{%- if revocation %}

    async def revoke(self, family_id: str) -> None:
        self._current.discard(family_id)

    async def is_active(self, family_id: str) -> bool:
        return self._current.get(family_id) is not None
{%- endif %}
