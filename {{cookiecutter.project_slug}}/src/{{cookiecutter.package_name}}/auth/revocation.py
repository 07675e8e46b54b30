{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
"""Ending tokens before they expire: what logout writes and every request checks."""

import math
import time
from typing import Annotated

from fastapi import Depends, Request

from ..state.denylist import Denylist
{%- if refresh_tokens %}
from ..state.families import FamilyStore
{%- endif %}
from .errors import InvalidTokenError, Reason
from .tokens import AccessClaims


class Revocations:
    """Revokes access tokens by `jti`{% if refresh_tokens %} and ends their refresh families{% endif %}."""

    def __init__(
        self,
        denylist: Denylist,
{%- if refresh_tokens %}
        families: FamilyStore,
{%- endif %}
        leeway_seconds: int,
    ) -> None:
        self._denylist = denylist
{%- if refresh_tokens %}
        self._families = families
{%- endif %}
        self._leeway = leeway_seconds

    async def revoke(self, claims: AccessClaims) -> None:
        """Deny the token for as long as validation would still accept it."""
        # A token passes until exp plus the leeway: its entry lives that long,
        # and not a second longer, so the denylist never grows without bound.
        ttl = math.ceil(claims.expires_at + self._leeway - time.time())
        if ttl > 0:
            await self._denylist.add(claims.token_id, ttl)
{%- if refresh_tokens %}
        await self._families.revoke(claims.session_id)
{%- endif %}

    async def check(self, claims: AccessClaims) -> None:
        """Raise InvalidTokenError when the token was revoked{% if refresh_tokens %} or its session ended{% endif %}."""
        if await self._denylist.contains(claims.token_id):
            raise InvalidTokenError(Reason.REVOKED)
{%- if refresh_tokens %}
        # Logout and reuse detection end the family, and with it every access
        # token issued from it, not only the one presented.
        if not await self._families.is_active(claims.session_id):
            raise InvalidTokenError(Reason.SESSION_ENDED)
{%- endif %}


def get_revocations(request: Request) -> Revocations:
    revocations: Revocations = request.app.state.revocations
    return revocations


RevocationsDep = Annotated[Revocations, Depends(get_revocations)]
