"""The ASGI entry point: `uvicorn <package>.main:app`."""

import logging

from .app import create_app
from .config import ConfigurationError


def configure_logging() -> None:
    """Send this package's INFO and above to stderr, unless already configured."""
    package_logger = logging.getLogger(__package__)
    if not package_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        package_logger.addHandler(handler)
        package_logger.setLevel(logging.INFO)


configure_logging()
try:
    app = create_app()
except ConfigurationError as exc:
    # One readable line instead of a traceback; the message names the setting.
    message = f"Refusing to start: {exc}"
    raise SystemExit(message) from None
