{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Token pairs: the access and refresh tokens of a login, and their rotation."""

import uuid
from typing import Annotated

from fastapi import Depends, Request

from ..state.families import FamilyStore, Rotation
from ..users.models import User
from .errors import InvalidTokenError, Reason
from .refresh_tokens import RefreshClaims, RefreshTokenService
from .schemas import TokenResponse
from .tokens import TokenService


class TokenPairIssuer:
    """Starts a refresh family at login and moves it on at each refresh."""

    def __init__(
        self,
        tokens: TokenService,
        refresh_tokens: RefreshTokenService,
        families: FamilyStore,
    ) -> None:
        self._tokens = tokens
        self._refresh_tokens = refresh_tokens
        self._families = families

    async def start(self, user: User) -> TokenResponse:
        """Open a new family for a login and return its first pair."""
        family_id = uuid.uuid4().hex
        token_id = uuid.uuid4().hex
        await self._families.start(family_id, token_id)
        return self._pair(user, family_id, token_id)

    async def rotate(self, claims: RefreshClaims, user: User) -> TokenResponse:
        """Spend a refresh token and return the family's next pair."""
        token_id = uuid.uuid4().hex
        rotation = await self._families.rotate(
            claims.family_id, claims.token_id, token_id
        )
        if rotation is Rotation.REUSED:
            # A spent token came back, so two parties hold the family and there
            # is no telling which one is the user: the store has ended it.
            raise InvalidTokenError(Reason.REFRESH_REUSED)
        if rotation is Rotation.UNKNOWN:
            raise InvalidTokenError(Reason.REFRESH_FAMILY_ENDED)

        return self._pair(user, claims.family_id, token_id)

    def _pair(self, user: User, family_id: str, token_id: str) -> TokenResponse:
{%- if revocation %}
        access = self._tokens.issue_access_token(user, session_id=family_id)
{%- else %}
        access = self._tokens.issue_access_token(user)
{%- endif %}
        refresh = self._refresh_tokens.issue(user, family_id, token_id)
        return TokenResponse(
            access_token=access.token,
            expires_in=access.expires_in,
            refresh_token=refresh.token,
        )


def get_token_pairs(request: Request) -> TokenPairIssuer:
    issuer: TokenPairIssuer = request.app.state.token_pairs
    return issuer


TokenPairsDep = Annotated[TokenPairIssuer, Depends(get_token_pairs)]
