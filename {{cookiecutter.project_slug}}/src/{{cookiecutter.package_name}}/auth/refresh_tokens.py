{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Refresh tokens: a token type of their own, spent once at POST /auth/refresh."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, Request

from ..config import Settings
from .bearer import check_token_syntax
from .keys import KeySet
from .tokens import (
    REQUIRED_CLAIMS,
    IssuedToken,
    TokenSubject,
    check_lifetime,
    check_token_type,
    decode_verified,
    parse_token_id,
{%- if revocation %}
    parse_token_version,
{%- endif %}
    parse_user_id,
    sign,
)

REFRESH_TOKEN_TYPE = "rt+jwt"  # noqa: S105 - a media type, not a password
REFRESH_TOKEN_TYPES = frozenset({REFRESH_TOKEN_TYPE})
{%- if revocation %}
# sid: the family the token belongs to; ver: the user's token version at issue.
REFRESH_CLAIMS = (*REQUIRED_CLAIMS, "sid", "ver")
{%- else %}
# sid: the family the token belongs to.
REFRESH_CLAIMS = (*REQUIRED_CLAIMS, "sid")
{%- endif %}


@dataclass(frozen=True, slots=True)
class RefreshClaims:
    """The claims of a refresh token that passed every check."""

    user_id: int
    token_id: str
    family_id: str
{%- if revocation %}
    token_version: int
{%- endif %}


class RefreshTokenService:
    """Issues refresh tokens and validates them, with the access tokens' keys."""

    def __init__(self, settings: Settings, keys: KeySet) -> None:
        self._keys = keys
        self._issuer = settings.jwt_issuer
        # Addressed to this service itself, not to the API's audience, so that
        # a verifier of access tokens that skips the `typ` check still refuses
        # a refresh token.
        self._audience = settings.jwt_issuer
        self._ttl = timedelta(seconds=settings.refresh_token_ttl_seconds)
        self._leeway = settings.jwt_leeway_seconds
        self._options: jwt.types.Options = {
            "require": list(REFRESH_CLAIMS),
            "strict_aud": True,
        }

    def issue(
        self, subject: TokenSubject, family_id: str, token_id: str
    ) -> IssuedToken:
        now = datetime.now(UTC)
        claims = {
            "sub": str(subject.id),
            "iat": now,
            "exp": now + self._ttl,
            "jti": token_id,
            "iss": self._issuer,
            "aud": self._audience,
            "sid": family_id,
{%- if revocation %}
            "ver": subject.token_version,
{%- endif %}
        }
        token = sign(claims, self._keys, REFRESH_TOKEN_TYPE)
        return IssuedToken(token, int(self._ttl.total_seconds()))

    def decode(self, token: str) -> RefreshClaims:
        """Return the claims of a valid refresh token; raise InvalidTokenError."""
        header, payload = decode_verified(
            check_token_syntax(token),
            self._keys,
            issuer=self._issuer,
            audience=self._audience,
            leeway=self._leeway,
            options=self._options,
        )
        check_token_type(header, REFRESH_TOKEN_TYPES)
        check_lifetime(payload, self._ttl)
        return RefreshClaims(
            user_id=parse_user_id(payload["sub"]),
            token_id=parse_token_id(payload["jti"]),
            family_id=parse_token_id(payload["sid"]),
{%- if revocation %}
            token_version=parse_token_version(payload["ver"]),
{%- endif %}
        )


def get_refresh_token_service(request: Request) -> RefreshTokenService:
    service: RefreshTokenService = request.app.state.refresh_tokens
    return service


RefreshTokenServiceDep = Annotated[
    RefreshTokenService, Depends(get_refresh_token_service)
]
