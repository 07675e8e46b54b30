"""A map whose entries expire, for the state kept in this process's memory."""

import time
from collections.abc import Callable
from typing import Generic, TypeVar

Value = TypeVar("Value")
Clock = Callable[[], float]

# An expired entry is invisible at once, and dropped from memory by a sweep at
# most this often, so that writes do not each pay for a scan of the whole map.
SWEEP_INTERVAL_SECONDS = 60.0


class ExpiringMap(Generic[Value]):
    """String keys to values, each entry living for its own time to live."""

    def __init__(self, clock: Clock = time.time) -> None:
        self._entries: dict[str, tuple[Value, float]] = {}
        self._clock = clock
        self._next_sweep = clock() + SWEEP_INTERVAL_SECONDS

    def __len__(self) -> int:
        """Entries held in memory, including expired ones not yet swept."""
        return len(self._entries)

    def get(self, key: str) -> Value | None:
        entry = self._entries.get(key)
        if entry is None:
            return None

        value, deadline = entry
        if deadline <= self._clock():
            del self._entries[key]
            return None
        return value

    def put(self, key: str, value: Value, ttl_seconds: float) -> None:
        now = self._clock()
        self._sweep_if_due(now)
        self._entries[key] = (value, now + ttl_seconds)

    def discard(self, key: str) -> None:
        self._entries.pop(key, None)

    def _sweep_if_due(self, now: float) -> None:
        if now < self._next_sweep:
            return

        self._entries = {
            key: entry for key, entry in self._entries.items() if entry[1] > now
        }
        self._next_sweep = now + SWEEP_INTERVAL_SECONDS
