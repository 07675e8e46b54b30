"""The one Redis client of a worker, shared by everything that keeps state."""

from redis.asyncio import Redis

from ..config import Settings

# A Redis that stops answering fails the request instead of hanging it.
SOCKET_TIMEOUT_SECONDS = 5.0


def connect(settings: Settings) -> Redis:
    """A client for REDIS_URL. It connects on first use, from the running loop."""
    return Redis.from_url(
        settings.redis_url,
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
    )
