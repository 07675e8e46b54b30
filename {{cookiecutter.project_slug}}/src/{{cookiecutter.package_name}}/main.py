"""The ASGI entry point: `uvicorn <package>.main:app`."""

from .app import create_app
from .config import ConfigurationError
from .log_config import configure_logging

configure_logging()
try:
    app = create_app()
except ConfigurationError as exc:
    # One readable line instead of a traceback; the message names the setting.
    message = f"Refusing to start: {exc}"
    raise SystemExit(message) from None
