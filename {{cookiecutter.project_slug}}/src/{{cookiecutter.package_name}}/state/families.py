{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Refresh token families: each login starts one, each refresh moves it on.

A family remembers only which of its refresh tokens is current. Presenting the
current one rotates it; presenting an older one means that a copy is in other
hands, so the whole family ends (reuse detection, RFC 9700 section 4.14).
"""

from enum import Enum
from typing import Protocol


class Rotation(Enum):
    """What spending a refresh token did to its family."""

    ROTATED = "rotated"
    REUSED = "reused"
    UNKNOWN = "unknown"


class FamilyStore(Protocol):
    """Where families live; every family expires a refresh TTL after its last use."""

    async def start(self, family_id: str, token_id: str) -> None:
        """Open a family whose current refresh token is token_id."""

    async def rotate(self, family_id: str, spent_id: str, next_id: str) -> Rotation:
        """Atomically replace spent_id by next_id, if spent_id is current.

        ROTATED: it was current. REUSED: it was spent before, and the family is
        now revoked. UNKNOWN: no such family (expired, revoked or logged out).
        """
{%- if revocation %}

    async def revoke(self, family_id: str) -> None:
        """End the family: none of its tokens works any more."""

    async def is_active(self, family_id: str) -> bool:
        """Tell whether the family still exists."""
{%- endif %}
