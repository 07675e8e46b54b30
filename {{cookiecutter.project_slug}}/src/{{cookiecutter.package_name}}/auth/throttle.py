{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
"""Throttling of login{% if refresh_tokens %} and refresh{% endif %}: a moving window per client and per username.

Every attempt counts, successful or not, and is counted before the password is
checked: a refused attempt costs no hashing, and the limit bounds how many
passwords anyone can try, however the attempts are spread over workers.
"""

import hashlib
import math
import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from limits import RateLimitItem, parse
{%- if cookiecutter.state_backend == "redis" %}
from limits.aio.storage import RedisStorage, Storage
{%- else %}
from limits.aio.storage import MemoryStorage, Storage
{%- endif %}
from limits.aio.strategies import MovingWindowRateLimiter
{%- if cookiecutter.state_backend == "redis" %}
from redis.asyncio import Redis
{%- endif %}

from ..config import Settings
from .errors import Reason, TooManyAttemptsError


class Throttle:
    """Counts attempts in a moving window and refuses those over the limit."""

    def __init__(self, storage: Storage, settings: Settings) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._login_per_client = parse(settings.login_rate_limit_per_client)
        self._login_per_username = parse(settings.login_rate_limit_per_username)
{%- if refresh_tokens %}
        self._refresh_per_client = parse(settings.refresh_rate_limit_per_client)
{%- endif %}

    async def check_login(self, client: str, username: str) -> None:
        """Count a login attempt; raise TooManyAttemptsError over either limit."""
        await self._hit(
            self._login_per_client, Reason.LOGIN_LIMIT_CLIENT, "login-client", client
        )
        await self._hit(
            self._login_per_username,
            Reason.LOGIN_LIMIT_USERNAME,
            "login-username",
            fingerprint(username),
        )
{%- if refresh_tokens %}

    async def check_refresh(self, client: str) -> None:
        """Count a refresh attempt; raise TooManyAttemptsError over the limit."""
        await self._hit(
            self._refresh_per_client,
            Reason.REFRESH_LIMIT_CLIENT,
            "refresh-client",
            client,
        )
{%- endif %}

    async def _hit(self, limit: RateLimitItem, reason: Reason, *key: str) -> None:
        if await self._limiter.hit(limit, *key):
            return

        window = await self._limiter.get_window_stats(limit, *key)
        retry_after = max(1, math.ceil(window.reset_time - time.time()))
        raise TooManyAttemptsError(reason, retry_after)
{%- if cookiecutter.state_backend == "redis" %}


def create_storage(settings: Settings, client: Redis) -> Storage:
    """Counters in Redis, through the worker's own connection pool."""
    return RedisStorage(
        f"async+{settings.redis_url}",
        implementation="redispy",
        # limits documents this option but types its options as plain values.
        connection_pool=client.connection_pool,  # type: ignore[arg-type]
        key_prefix=f"{settings.redis_key_prefix}limits",
    )
{%- else %}


def create_storage() -> Storage:
    """Counters in this process's memory: each worker counts on its own."""
    return MemoryStorage()
{%- endif %}


def fingerprint(username: str) -> str:
    # Hashed so that storage keys stay short and hold nothing a client typed.
    return hashlib.sha256(username.encode()).hexdigest()


def client_address(request: Request) -> str:
    # The peer's address, or X-Forwarded-For's when uvicorn trusts the peer as a
    # proxy (FORWARDED_ALLOW_IPS, 127.0.0.1 by default): see the README.
    return request.client.host if request.client else "unknown"


def get_throttle(request: Request) -> Throttle:
    throttle: Throttle = request.app.state.throttle
    return throttle


ThrottleDep = Annotated[Throttle, Depends(get_throttle)]


async def throttle_login(
    request: Request,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    throttle: ThrottleDep,
) -> None:
    await throttle.check_login(client_address(request), form.username)
{%- if refresh_tokens %}


async def throttle_refresh(request: Request, throttle: ThrottleDep) -> None:
    await throttle.check_refresh(client_address(request))
{%- endif %}
