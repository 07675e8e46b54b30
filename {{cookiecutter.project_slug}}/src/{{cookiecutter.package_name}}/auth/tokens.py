"""Access tokens: how they are issued, and every check they must pass."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from ..config import Settings
from .errors import InvalidTokenError, Reason
from .keys import KeySet
{%- if cookiecutter.rbac != "none" %}
from .roles import Role
{%- endif %}

# RFC 9068 section 2.1: access tokens are typed so that no other JWT the service
# signs can be replayed as one. "application/" may be omitted (RFC 7515 4.1.9).
ACCESS_TOKEN_TYPES = frozenset({"at+jwt", "application/at+jwt"})
ACCESS_TOKEN_TYPE = "at+jwt"  # noqa: S105 - a media type, not a password
REQUIRED_CLAIMS = ("sub", "exp", "iat", "iss", "aud", "jti")
TIME_CLAIMS = ("exp", "iat", "nbf")
{%- if cookiecutter.rbac != "none" %}
ROLE_VALUES = frozenset(role.value for role in Role)
{%- endif %}
# User ids are 64-bit integers; a longer subject cannot name a user.
MAX_ID_DIGITS = 18

# The most specific PyJWT error wins, so subclasses come before their bases.
PYJWT_REASONS: tuple[tuple[type[jwt.PyJWTError], Reason], ...] = (
    (jwt.ExpiredSignatureError, Reason.EXPIRED),
    (jwt.ImmatureSignatureError, Reason.NOT_YET_VALID),
    (jwt.InvalidAudienceError, Reason.WRONG_AUDIENCE),
    (jwt.InvalidIssuerError, Reason.WRONG_ISSUER),
    (jwt.MissingRequiredClaimError, Reason.MISSING_CLAIM),
    (jwt.InvalidSignatureError, Reason.BAD_SIGNATURE),
    (jwt.InvalidAlgorithmError, Reason.BAD_ALGORITHM),
    (jwt.DecodeError, Reason.MALFORMED),
)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_in: int


@dataclass(frozen=True, slots=True)
class AccessClaims:
    """The claims of an access token that passed every check."""

    user_id: int
    token_id: str
    expires_at: int
{%- if cookiecutter.rbac != "none" %}
    role: Role
{%- endif %}


class TokenService:
    """Issues access tokens and validates them with one pinned algorithm."""

    def __init__(self, settings: Settings, keys: KeySet) -> None:
        self._keys = keys
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._ttl = timedelta(seconds=settings.access_token_ttl_seconds)
        self._leeway = settings.jwt_leeway_seconds
        self._algorithms = [keys.algorithm]
        self._options: jwt.types.Options = {
            "require": list(REQUIRED_CLAIMS),
            "strict_aud": True,
        }
{%- if cookiecutter.rbac != "none" %}

    def issue_access_token(self, user_id: int, role: Role) -> IssuedToken:
{%- else %}

    def issue_access_token(self, user_id: int) -> IssuedToken:
{%- endif %}
        now = datetime.now(UTC)
        claims = {
            "sub": str(user_id),
            "iat": now,
            "exp": now + self._ttl,
            "jti": uuid.uuid4().hex,
            "iss": self._issuer,
            "aud": self._audience,
{%- if cookiecutter.rbac != "none" %}
            "role": role.value,
{%- endif %}
        }
        token = jwt.encode(
            claims,
            self._keys.signing_key,
            algorithm=self._keys.algorithm,
            headers={"typ": ACCESS_TOKEN_TYPE, **self._keys.signing_headers},
        )
        return IssuedToken(token, int(self._ttl.total_seconds()))

    def decode_access_token(self, token: str) -> AccessClaims:
        """Return the claims of a valid access token; raise InvalidTokenError."""
        try:
            decoded = jwt.decode_complete(
                token,
                self._keys.verification_key_for(token),
                algorithms=self._algorithms,
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options=self._options,
            )
        except jwt.PyJWTError as exc:
            raise InvalidTokenError(reason_for(exc)) from exc

        header: Mapping[str, Any] = decoded["header"]
        payload: Mapping[str, Any] = decoded["payload"]
        check_token_type(header)
        check_no_critical_extensions(header)
        check_time_claims_are_numbers(payload)
        self._check_lifetime(payload)
        return AccessClaims(
            user_id=parse_user_id(payload["sub"]),
            token_id=payload["jti"],
            expires_at=int(payload["exp"]),
{%- if cookiecutter.rbac != "none" %}
            role=parse_role(payload.get("role")),
{%- endif %}
        )

    def _check_lifetime(self, payload: Mapping[str, Any]) -> None:
        # A token living longer than the configured TTL was not issued by us.
        if payload["exp"] - payload["iat"] > self._ttl.total_seconds():
            raise InvalidTokenError(Reason.LIFETIME_TOO_LONG)


def reason_for(exc: jwt.PyJWTError) -> Reason:
    for error_type, reason in PYJWT_REASONS:
        if isinstance(exc, error_type):
            return reason
    return Reason.INVALID


def check_token_type(header: Mapping[str, Any]) -> None:
    token_type = header.get("typ")
    if not isinstance(token_type, str) or token_type.lower() not in ACCESS_TOKEN_TYPES:
        raise InvalidTokenError(Reason.WRONG_TYPE)


def check_no_critical_extensions(header: Mapping[str, Any]) -> None:
    # RFC 7515 section 4.1.11: we understand no extensions, so any "crit" fails.
    if "crit" in header:
        raise InvalidTokenError(Reason.CRITICAL_EXTENSION)


def check_time_claims_are_numbers(payload: Mapping[str, Any]) -> None:
    # RFC 7519 section 2: NumericDate is a JSON number. PyJWT also accepts
    # numeric strings, so the type is checked here.
    for claim in TIME_CLAIMS:
        value = payload.get(claim)
        if claim in payload and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            raise InvalidTokenError(Reason.BAD_CLAIM_TYPE)


def parse_user_id(subject: str) -> int:
    if not (subject.isascii() and subject.isdigit() and len(subject) <= MAX_ID_DIGITS):
        raise InvalidTokenError(Reason.BAD_CLAIM_TYPE)
    return int(subject)
{%- if cookiecutter.rbac != "none" %}


def parse_role(value: object) -> Role:
    if not isinstance(value, str) or value not in ROLE_VALUES:
        raise InvalidTokenError(Reason.BAD_CLAIM_TYPE)
    return Role(value)
{%- endif %}
