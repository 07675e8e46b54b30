{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Access tokens: how they are issued, and every check they must pass."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

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
# The claims every token this service signs carries.
REQUIRED_CLAIMS = ("sub", "exp", "iat", "iss", "aud", "jti")
{%- if revocation and refresh_tokens %}
# ver: the user's token version at issue; sid: the refresh family (session).
ACCESS_CLAIMS = (*REQUIRED_CLAIMS, "ver", "sid")
{%- elif revocation %}
# ver: the user's token version at issue, bumped when credentials change.
ACCESS_CLAIMS = (*REQUIRED_CLAIMS, "ver")
{%- else %}
ACCESS_CLAIMS = REQUIRED_CLAIMS
{%- endif %}
TIME_CLAIMS = ("exp", "iat", "nbf")
{%- if cookiecutter.rbac != "none" %}
ROLE_VALUES = frozenset(role.value for role in Role)
{%- endif %}
# User ids are 64-bit integers; a longer subject cannot name a user.
MAX_ID_DIGITS = 18
# Token and family ids are uuid4 hex strings; allow room, refuse anything huge.
MAX_TOKEN_ID_LENGTH = 64

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
{%- if revocation %}
    token_version: int
{%- endif %}
{%- if revocation and refresh_tokens %}
    session_id: str
{%- endif %}


class TokenSubject(Protocol):
    """Whom a token speaks for: a stored user, or anything shaped like one."""

    @property
    def id(self) -> int: ...
{%- if cookiecutter.rbac != "none" %}

    @property
    def role(self) -> Role: ...
{%- endif %}
{%- if revocation %}

    @property
    def token_version(self) -> int: ...
{%- endif %}


class TokenService:
    """Issues access tokens and validates them with one pinned algorithm."""

    def __init__(self, settings: Settings, keys: KeySet) -> None:
        self._keys = keys
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._ttl = timedelta(seconds=settings.access_token_ttl_seconds)
        self._leeway = settings.jwt_leeway_seconds
        self._options: jwt.types.Options = {
            "require": list(ACCESS_CLAIMS),
            "strict_aud": True,
        }
{%- if revocation and refresh_tokens %}

    def issue_access_token(
        self, subject: TokenSubject, *, session_id: str
    ) -> IssuedToken:
{%- else %}

    def issue_access_token(self, subject: TokenSubject) -> IssuedToken:
{%- endif %}
        now = datetime.now(UTC)
        claims = {
            "sub": str(subject.id),
            "iat": now,
            "exp": now + self._ttl,
            "jti": uuid.uuid4().hex,
            "iss": self._issuer,
            "aud": self._audience,
{%- if cookiecutter.rbac != "none" %}
            "role": subject.role.value,
{%- endif %}
{%- if revocation %}
            "ver": subject.token_version,
{%- endif %}
{%- if revocation and refresh_tokens %}
            "sid": session_id,
{%- endif %}
        }
        token = sign(claims, self._keys, ACCESS_TOKEN_TYPE)
        return IssuedToken(token, int(self._ttl.total_seconds()))

    def decode_access_token(self, token: str) -> AccessClaims:
        """Return the claims of a valid access token; raise InvalidTokenError."""
        header, payload = decode_verified(
            token,
            self._keys,
            issuer=self._issuer,
            audience=self._audience,
            leeway=self._leeway,
            options=self._options,
        )
        check_token_type(header, ACCESS_TOKEN_TYPES)
        check_lifetime(payload, self._ttl)
        return AccessClaims(
            user_id=parse_user_id(payload["sub"]),
            token_id=parse_token_id(payload["jti"]),
            expires_at=int(payload["exp"]),
{%- if cookiecutter.rbac != "none" %}
            role=parse_role(payload.get("role")),
{%- endif %}
{%- if revocation %}
            token_version=parse_token_version(payload["ver"]),
{%- endif %}
{%- if revocation and refresh_tokens %}
            session_id=parse_token_id(payload["sid"]),
{%- endif %}
        )


def sign(claims: Mapping[str, Any], keys: KeySet, token_type: str) -> str:
    """Sign claims with the current key, typed and naming the key's `kid`."""
    return jwt.encode(
        dict(claims),
        keys.signing_key,
        algorithm=keys.algorithm,
        headers={"typ": token_type, **keys.signing_headers},
    )


def decode_verified(
    token: str,
    keys: KeySet,
    *,
    issuer: str,
    audience: str,
    leeway: int,
    options: jwt.types.Options,
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """Check what every token type shares; return the header and the payload.

    That is the pinned algorithm, the signature, the registered claims and their
    types; each token type then checks its own `typ`, lifetime and claims.
    """
    try:
        decoded = jwt.decode_complete(
            token,
            keys.verification_key_for(token),
            algorithms=[keys.algorithm],
            audience=audience,
            issuer=issuer,
            leeway=leeway,
            options=options,
        )
    except jwt.PyJWTError as exc:
        raise InvalidTokenError(reason_for(exc)) from exc

    header: Mapping[str, Any] = decoded["header"]
    payload: Mapping[str, Any] = decoded["payload"]
    check_no_critical_extensions(header)
    check_time_claims_are_numbers(payload)
    return header, payload


def reason_for(exc: jwt.PyJWTError) -> Reason:
    for error_type, reason in PYJWT_REASONS:
        if isinstance(exc, error_type):
            return reason
    return Reason.INVALID


def check_token_type(header: Mapping[str, Any], allowed: frozenset[str]) -> None:
    token_type = header.get("typ")
    if not isinstance(token_type, str) or token_type.lower() not in allowed:
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


def check_lifetime(payload: Mapping[str, Any], ttl: timedelta) -> None:
    # A token living longer than the configured TTL was not issued by us.
    if payload["exp"] - payload["iat"] > ttl.total_seconds():
        raise InvalidTokenError(Reason.LIFETIME_TOO_LONG)


def parse_user_id(subject: object) -> int:
    if not (
        isinstance(subject, str)
        and subject.isascii()
        and subject.isdigit()
        and len(subject) <= MAX_ID_DIGITS
    ):
        raise InvalidTokenError(Reason.BAD_CLAIM_TYPE)
    return int(subject)


def parse_token_id(value: object) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_TOKEN_ID_LENGTH:
        raise InvalidTokenError(Reason.BAD_CLAIM_TYPE)
    return value
{%- if cookiecutter.rbac != "none" %}


def parse_role(value: object) -> Role:
    if not isinstance(value, str) or value not in ROLE_VALUES:
        raise InvalidTokenError(Reason.BAD_CLAIM_TYPE)
    return Role(value)
{%- endif %}
{%- if revocation %}


def parse_token_version(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidTokenError(Reason.BAD_CLAIM_TYPE)
    return value
{%- endif %}
