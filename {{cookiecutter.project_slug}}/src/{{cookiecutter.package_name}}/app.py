"""The application factory: routers, error handlers, and start-up state."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from . import PROJECT_NAME
from .auth.errors import AuthError, handle_auth_error
{%- if cookiecutter.jwt_algorithm != "HS256" %}
from .auth.jwks import router as jwks_router
{%- endif %}
from .auth.keys import load_keys
{%- if cookiecutter.auth_integration == "middleware" %}
from .auth.middleware import AuthenticationMiddleware
{%- endif %}
from .auth.passwords import PasswordHasher
from .auth.router import router as auth_router
from .auth.tokens import TokenService
from .config import Settings, load_settings
from .database import create_engine, create_session_factory
from .items.router import router as items_router
{%- if cookiecutter.rbac != "none" %}
from .users.admin import router as admin_router
{%- endif %}
from .users.router import router as users_router


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application. Keys and settings are loaded here, once."""
    settings = settings or load_settings()
    engine = create_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The migrations own the schema (the `migrate` command); start-up leaves it.
        yield
        await engine.dispose()

    app = FastAPI(title=PROJECT_NAME, lifespan=lifespan)
    app.state.settings = settings
    keys = load_keys(settings)
    app.state.keys = keys
    app.state.token_service = TokenService(settings, keys)
    app.state.password_hasher = PasswordHasher()
    app.state.sessions = create_session_factory(engine)

    app.add_exception_handler(AuthError, handle_auth_error)
{%- if cookiecutter.auth_integration == "middleware" %}
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
