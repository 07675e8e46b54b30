{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
"""Authentication and authorization failures, and the responses they become.

Every failure carries a short reason code for the logs. The response body never
says which check failed, so a client learns nothing that helps it forge a token.
"""

import logging
import re
from enum import StrEnum
from typing import cast

from fastapi import Request, status
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)

# Printable ASCII without spaces or quotes goes into a log line as it is.
PLAIN_LOG_VALUE = re.compile(r"[!#-&(-~]+")

NOT_AUTHENTICATED = "Not authenticated"
INVALID_CREDENTIALS = "Could not validate credentials"
LOGIN_FAILED = "Incorrect username or password"
FORBIDDEN = "Access forbidden: Insufficient permissions"
{%- if rate_limiting %}
TOO_MANY_ATTEMPTS = "Too many attempts; try again later"
{%- endif %}


class Reason(StrEnum):
    """Why a request was refused. Logged, never sent to the client."""

    MISSING_CREDENTIALS = "missing_credentials"
    NOT_BEARER_SCHEME = "not_bearer_scheme"
    DUPLICATE_AUTHORIZATION_HEADER = "duplicate_authorization_header"
    OVERSIZED = "oversized"
    MALFORMED = "malformed"
    BAD_SIGNATURE = "bad_signature"
    BAD_ALGORITHM = "bad_algorithm"
{%- if cookiecutter.jwt_algorithm != "HS256" %}
    UNKNOWN_KEY = "unknown_key"
{%- endif %}
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    WRONG_ISSUER = "wrong_issuer"
    WRONG_AUDIENCE = "wrong_audience"
    WRONG_TYPE = "wrong_type"
    CRITICAL_EXTENSION = "critical_extension"
    MISSING_CLAIM = "missing_claim"
    BAD_CLAIM_TYPE = "bad_claim_type"
    LIFETIME_TOO_LONG = "lifetime_too_long"
    UNKNOWN_OR_INACTIVE_USER = "unknown_or_inactive_user"
{%- if cookiecutter.rbac != "none" %}
    STALE_ROLE = "stale_role"
{%- endif %}
{%- if revocation %}
    CREDENTIALS_CHANGED = "credentials_changed"
    REVOKED = "revoked"
{%- endif %}
{%- if refresh_tokens %}
    REFRESH_REUSED = "refresh_reused"
    REFRESH_FAMILY_ENDED = "refresh_family_ended"
{%- endif %}
{%- if refresh_tokens and revocation %}
    SESSION_ENDED = "session_ended"
{%- endif %}
    INVALID = "invalid"
    BAD_CREDENTIALS = "bad_credentials"
{%- if cookiecutter.rbac == "roles" %}
    ROLE_NOT_ALLOWED = "role_not_allowed"
{%- elif cookiecutter.rbac == "permissions" %}
    PERMISSION_MISSING = "permission_missing"
{%- endif %}
    NOT_OWNER = "not_owner"
{%- if rate_limiting %}
    LOGIN_LIMIT_CLIENT = "login_limit_client"
    LOGIN_LIMIT_USERNAME = "login_limit_username"
{%- if refresh_tokens %}
    REFRESH_LIMIT_CLIENT = "refresh_limit_client"
{%- endif %}
{%- endif %}


class AuthError(Exception):
    """Base class for the failures that end a request with a contract answer."""

    status_code = status.HTTP_401_UNAUTHORIZED
    detail = INVALID_CREDENTIALS
    # RFC 6750 section 3: the challenge a client receives with the error.
    challenge = 'Bearer error="invalid_token"'

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": self.challenge}


class NotAuthenticatedError(AuthError):
    """Raised when a request carries no bearer credentials at all."""

    detail = NOT_AUTHENTICATED
    # RFC 6750 section 3.1: no error code when the request had no credentials.
    challenge = "Bearer"


class InvalidTokenError(AuthError):
    """Raised when a bearer token is malformed, forged, expired or revoked."""


class LoginFailedError(AuthError):
    """Raised when a username and password do not match an active user."""

    detail = LOGIN_FAILED
    challenge = "Bearer"


class PermissionDeniedError(AuthError):
    """Raised when a valid token's user may not do what the request asks."""

    status_code = status.HTTP_403_FORBIDDEN
    detail = FORBIDDEN
    challenge = 'Bearer error="insufficient_scope"'
{%- if rate_limiting %}


class TooManyAttemptsError(AuthError):
    """Raised when a client or a username has used up its attempts for now."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    detail = TOO_MANY_ATTEMPTS

    def __init__(self, reason: Reason, retry_after: int) -> None:
        super().__init__(reason)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        # RFC 9110 section 10.2.3: the delay in whole seconds. No challenge: the
        # credentials are not the problem, the pace is.
        return {"Retry-After": str(self.retry_after)}
{%- endif %}


def log_value(text: str) -> str:
    """The text, quoted and escaped unless it is plain.

    The path and the client address come from the request (the address from
    X-Forwarded-For behind a trusted proxy): quoted, they cannot pose as extra
    fields or lines, nor hide behind control or look-alike characters.
    """
    return text if PLAIN_LOG_VALUE.fullmatch(text) else ascii(text)


def auth_error_response(request: Request, exc: AuthError) -> JSONResponse:
    """Log the failure once, with its reason, and build the contract's answer."""
    client = request.client.host if request.client else "-"
    logger.warning(
        "auth failure reason=%s method=%s path=%s client=%s",
        exc.reason,
        request.method,
        log_value(request.url.path),
        log_value(client),
    )
    return JSONResponse(
        {"detail": exc.detail},
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def handle_auth_error(request: Request, exc: Exception) -> JSONResponse:
    # Registered for AuthError only, so Starlette never passes anything else.
    return auth_error_response(request, cast("AuthError", exc))
