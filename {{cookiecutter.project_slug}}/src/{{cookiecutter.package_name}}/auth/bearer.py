"""Reading the bearer token from the Authorization header (RFC 6750 2.1)."""

import re
{%- if cookiecutter.auth_integration == "dependency" %}
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
{%- else %}

from fastapi import Request
from fastapi.security import HTTPBearer
{%- endif %}

from .errors import InvalidTokenError, NotAuthenticatedError, Reason

# Tokens are compact JWS: three base64url segments. Anything else is refused
# before it reaches the JWT library, and so is anything oversized.
COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
MAX_TOKEN_LENGTH = 8192


def read_bearer_token(request: Request) -> str:
    """Return the token of the request's Authorization header, or raise."""
    headers = request.headers.getlist("authorization")
    if not headers:
        raise NotAuthenticatedError(Reason.MISSING_CREDENTIALS)
    if len(headers) > 1:
        raise InvalidTokenError(Reason.DUPLICATE_AUTHORIZATION_HEADER)

    # RFC 7235 section 2.1: the scheme is case-insensitive and is followed by
    # one or more spaces.
    scheme, _, credentials = headers[0].partition(" ")
    if scheme.lower() != "bearer":
        raise NotAuthenticatedError(Reason.NOT_BEARER_SCHEME)

    token = credentials.lstrip(" ")
    if not token:
        raise NotAuthenticatedError(Reason.MISSING_CREDENTIALS)
    return check_token_syntax(token)


def check_token_syntax(token: str) -> str:
    """Return the token when it is compact JWS of a sane size, or raise."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidTokenError(Reason.OVERSIZED)
    if not COMPACT_JWS.fullmatch(token):
        raise InvalidTokenError(Reason.MALFORMED)
    return token


# Declares the scheme in OpenAPI so Swagger UI's Authorize accepts a token; the
# header itself is parsed by read_bearer_token, which is stricter.
openapi_bearer = HTTPBearer(bearerFormat="JWT", auto_error=False)

{%- if cookiecutter.auth_integration == "dependency" %}


async def bearer_token(
    request: Request,
    _documented: Annotated[
        HTTPAuthorizationCredentials | None, Security(openapi_bearer)
    ],
) -> str:
    return read_bearer_token(request)
{%- endif %}
