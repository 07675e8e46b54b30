"""The ASGI application, served with `uvicorn <package>.main:app`."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .auth.errors import AuthError, handle_auth_error
from .auth.keys import load_keys
from .auth.passwords import PasswordHasher
from .auth.router import router as auth_router
from .auth.tokens import TokenService
from .config import ConfigurationError, Settings, load_settings
from .database import create_engine, create_session_factory, create_tables
from .items.router import router as items_router
from .users.admin import router as admin_router
from .users.router import router as users_router

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application. Keys and settings are loaded here, once."""
    settings = settings or load_settings()
    engine = create_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await create_tables(engine)
        yield
        await engine.dispose()

    app = FastAPI(title={{ cookiecutter.project_name | tojson }}, lifespan=lifespan)
    app.state.settings = settings
    app.state.token_service = TokenService(settings, load_keys(settings))
    app.state.password_hasher = PasswordHasher()
    app.state.sessions = create_session_factory(engine)

    app.add_exception_handler(AuthError, handle_auth_error)
    app.include_router(auth_router)
    app.include_router(users_router)
    app.include_router(admin_router)
    app.include_router(items_router)

    @app.get("/health", tags=["health"])
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def configure_logging() -> None:
    """Send this package's INFO and above to stderr, unless already configured."""
    package_logger = logging.getLogger(__package__)
    if not package_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        package_logger.addHandler(handler)
        package_logger.setLevel(logging.INFO)


try:
    app = create_app()
except ConfigurationError as exc:
    # One readable line instead of a traceback; the message names the setting.
    message = f"Refusing to start: {exc}"
    raise SystemExit(message) from None
configure_logging()
