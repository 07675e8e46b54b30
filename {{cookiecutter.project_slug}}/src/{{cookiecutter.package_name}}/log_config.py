"""Logging for the running service, set up by the entry point only."""

import logging


class HideQueryStrings(logging.Filter):
    """Drop query strings from uvicorn's access log.

    Tokens are only read from the Authorization header, but a client may still
    put one in the URL; the log must not keep it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            path = str(record.args[2]).split("?", 1)[0]
            record.args = (*record.args[:2], path, *record.args[3:])
        return True


def configure_logging() -> None:
    """Send this package's INFO and above to stderr, unless already configured."""
    package_logger = logging.getLogger(__package__ or __name__)
    if not package_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        package_logger.addHandler(handler)
        package_logger.setLevel(logging.INFO)
    logging.getLogger("uvicorn.access").addFilter(HideQueryStrings())
