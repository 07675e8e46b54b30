"""The one Redis client of a worker, shared by everything that keeps state."""

import logging
from typing import cast

from fastapi import Request, status
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from ..auth.errors import log_value
from ..config import Settings

logger = logging.getLogger(__name__)

# A Redis that stops answering fails the request instead of hanging it.
SOCKET_TIMEOUT_SECONDS = 5.0
STATE_UNAVAILABLE = "Service temporarily unavailable"
RETRY_AFTER_SECONDS = 5


def connect(settings: Settings) -> Redis:
    """A client for REDIS_URL. It connects on first use, from the running loop.

    A pooled connection that Redis has closed (a restart, an idle `timeout`, a
    CLIENT KILL) fails its next command; one immediate retry on a fresh
    connection keeps that from reaching a client as a 503.
    """
    return Redis.from_url(
        settings.redis_url,
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
        retry=Retry(NoBackoff(), retries=1),
    )


def state_unavailable_response(request: Request, exc: RedisError) -> JSONResponse:
    """Refuse the request with 503 when Redis fails: never let it through unchecked.

    Only the error's class is logged: its message can name the server.
    """
    logger.error(
        "state backend unavailable error=%s method=%s path=%s",
        type(exc).__name__,
        request.method,
        log_value(request.url.path),
    )
    return JSONResponse(
        {"detail": STATE_UNAVAILABLE},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def handle_state_error(request: Request, exc: Exception) -> JSONResponse:
    # Registered for RedisError only, so nothing else arrives here.
    return state_unavailable_response(request, cast("RedisError", exc))
