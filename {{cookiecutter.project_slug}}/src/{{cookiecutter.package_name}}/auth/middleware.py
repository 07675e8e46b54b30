{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Authentication for every request, in one ASGI middleware.

The middleware settles who the caller is before any route runs, so a route that
forgets to ask for a user is still closed. Routes keep declaring what they need
(`CurrentUser`, a role or permission); those dependencies read the user found
here. Public paths and CORS preflight requests pass through untouched.
"""

{% if revocation and cookiecutter.state_backend == "redis" -%}
from redis.exceptions import RedisError
{% endif -%}
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

{% if revocation and cookiecutter.state_backend == "redis" -%}
from ..state.redis_client import state_unavailable_response
{% endif -%}
from .bearer import read_bearer_token
from .errors import AuthError, auth_error_response
from .service import user_for_claims

PUBLIC_PATHS = frozenset(
    {
        "/health",
        "/auth/token",
{%- if refresh_tokens %}
        # The refresh token travels in the body; the route checks it itself.
        "/auth/refresh",
{%- endif %}
{%- if cookiecutter.jwt_algorithm != "HS256" %}
        "/.well-known/jwks.json",
{%- endif %}
        "/docs",
        "/docs/oauth2-redirect",
        "/redoc",
        "/openapi.json",
    }
)


def is_cors_preflight(request: Request) -> bool:
    # Fetch standard, CORS protocol: browsers send preflights without
    # credentials, so authenticating them would block every cross-origin call.
    return (
        request.method == "OPTIONS"
        and "origin" in request.headers
        and "access-control-request-method" in request.headers
    )


class AuthenticationMiddleware:
    """Attach the authenticated user to the request, or answer 401 at once."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        request = Request(scope)
        if request.url.path in PUBLIC_PATHS or is_cors_preflight(request):
            await self.app(scope, receive, send)
            return

        state = request.app.state
        try:
            token = read_bearer_token(request)
            claims = state.token_service.decode_access_token(token)
{%- if revocation %}
            await state.revocations.check(claims)
{%- endif %}
            async with state.sessions() as session:
                user = await user_for_claims(session, claims)
        except AuthError as exc:
            response = auth_error_response(request, exc)
            await response(scope, receive, send)
            return
{%- if revocation and cookiecutter.state_backend == "redis" %}
        except RedisError as exc:
            # Outside the app's exception handlers: answer here, as for AuthError.
            response = state_unavailable_response(request, exc)
            await response(scope, receive, send)
            return
{%- endif %}
{%- if revocation %}

        # Logout revokes the very token that let the request in.
        scope.setdefault("state", {}).update(user=user, access_claims=claims)
{%- else %}

        scope.setdefault("state", {})["user"] = user
{%- endif %}
        await self.app(scope, receive, send)
