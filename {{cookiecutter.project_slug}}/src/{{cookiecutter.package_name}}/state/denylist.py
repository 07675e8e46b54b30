"""The denylist: access tokens revoked before they expire, by `jti`."""

from typing import Protocol


class Denylist(Protocol):
    """Where revoked token ids live; each entry expires on its own."""

    async def add(self, token_id: str, ttl_seconds: int) -> None:
        """Deny token_id for ttl_seconds (positive), then forget it."""

    async def contains(self, token_id: str) -> bool:
        """Tell whether token_id is denied."""
