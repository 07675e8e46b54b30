{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
{%- set redis = cookiecutter.state_backend == "redis" -%}
"""The application factory: routers, error handlers, and start-up state."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
{%- if redis %}
from redis.exceptions import RedisError
{%- endif %}

from . import PROJECT_NAME
from .auth.errors import AuthError, handle_auth_error
{%- if cookiecutter.jwt_algorithm != "HS256" %}
from .auth.jwks import router as jwks_router
{%- endif %}
from .auth.keys import load_keys
{%- if revocation %}
from .auth.logout import router as logout_router
{%- endif %}
{%- if cookiecutter.auth_integration == "middleware" %}
from .auth.middleware import AuthenticationMiddleware
{%- endif %}
from .auth.passwords import PasswordHasher
{%- if refresh_tokens %}
from .auth.refresh import router as refresh_router
from .auth.refresh_tokens import RefreshTokenService
{%- endif %}
{%- if revocation %}
from .auth.revocation import Revocations
{%- endif %}
from .auth.router import router as auth_router
{%- if rate_limiting %}
from .auth.throttle import Throttle, create_storage
{%- endif %}
{%- if refresh_tokens %}
from .auth.token_pairs import TokenPairIssuer
{%- endif %}
from .auth.tokens import TokenService
from .body_limit import BodySizeLimitMiddleware
from .config import Settings, load_settings
from .database import create_engine, create_session_factory
from .items.router import router as items_router
{%- if revocation and not redis %}
from .state.memory_denylist import MemoryDenylist
{%- endif %}
{%- if refresh_tokens and not redis %}
from .state.memory_families import MemoryFamilyStore
{%- endif %}
{%- if redis %}
from .state.redis_client import connect, handle_state_error
{%- endif %}
{%- if revocation and redis %}
from .state.redis_denylist import RedisDenylist
{%- endif %}
{%- if refresh_tokens and redis %}
from .state.redis_families import RedisFamilyStore
{%- endif %}
{%- if cookiecutter.rbac != "none" %}
from .users.admin import router as admin_router
{%- endif %}
from .users.router import router as users_router
from .validation import handle_validation_error


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application. Keys and settings are loaded here, once."""
    settings = settings or load_settings()
    engine = create_engine(settings.database_url)
{%- if redis %}
    redis = connect(settings)
{%- endif %}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The migrations own the schema (the `migrate` command); start-up leaves it.
        yield
{%- if redis %}
        await redis.aclose()
{%- endif %}
        await engine.dispose()

    app = FastAPI(title=PROJECT_NAME, lifespan=lifespan)
    app.state.settings = settings
    keys = load_keys(settings)
    app.state.keys = keys
    app.state.token_service = TokenService(settings, keys)
    app.state.password_hasher = PasswordHasher()
    app.state.sessions = create_session_factory(engine)
{%- if refresh_tokens %}
{%- if redis %}
    families = RedisFamilyStore(
        redis, settings.redis_key_prefix, settings.refresh_token_ttl_seconds
    )
{%- else %}
    families = MemoryFamilyStore(settings.refresh_token_ttl_seconds)
{%- endif %}
    app.state.families = families
    app.state.refresh_tokens = RefreshTokenService(settings, keys)
    app.state.token_pairs = TokenPairIssuer(
        app.state.token_service, app.state.refresh_tokens, families
    )
{%- endif %}
{%- if revocation %}
    app.state.revocations = Revocations(
{%- if redis %}
        RedisDenylist(redis, settings.redis_key_prefix),
{%- else %}
        MemoryDenylist(),
{%- endif %}
{%- if refresh_tokens %}
        families,
{%- endif %}
        settings.jwt_leeway_seconds,
    )
{%- endif %}
{%- if rate_limiting %}
{%- if redis %}
    app.state.throttle = Throttle(create_storage(settings, redis), settings)
{%- else %}
    app.state.throttle = Throttle(create_storage(), settings)
{%- endif %}
{%- endif %}

    app.add_exception_handler(AuthError, handle_auth_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
{%- if redis %}
    app.add_exception_handler(RedisError, handle_state_error)
{%- endif %}
    app.add_middleware(BodySizeLimitMiddleware)
{%- if cookiecutter.auth_integration == "middleware" %}
    # Added after the size limit, so it wraps it: a stranger's body is never read.
    app.add_middleware(AuthenticationMiddleware)
{%- endif %}
    if settings.cors_origins:
        # Added last, so it wraps authentication and answers preflights first.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.include_router(auth_router)
{%- if refresh_tokens %}
    app.include_router(refresh_router)
{%- endif %}
{%- if revocation %}
    app.include_router(logout_router)
{%- endif %}
{%- if cookiecutter.jwt_algorithm != "HS256" %}
    app.include_router(jwks_router)
{%- endif %}
    app.include_router(users_router)
{%- if cookiecutter.rbac != "none" %}
    app.include_router(admin_router)
{%- endif %}
    app.include_router(items_router)

    @app.get("/health", tags=["health"])
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
