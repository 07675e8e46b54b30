{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
"""State in Redis: every key the service writes expires by itself."""

import logging
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest
import redis
from fastapi.testclient import TestClient
from redis.asyncio import Redis

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import SeededUser, {% if revocation %}bearer, {% endif %}configuration_error, log_in


def time_to_live_of_keys(url: str, prefix: str) -> dict[str, int]:
    """Each key under the prefix with its TTL in seconds (-1: it never expires)."""
    with redis.Redis.from_url(url, decode_responses=True) as client:
        return {key: client.ttl(key) for key in client.scan_iter(match=f"{prefix}*")}


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


@pytest.fixture
def cut_off(settings: Settings) -> Iterator[TestClient]:
    """A client of the app with its Redis out of reach: nothing listens on port 1."""
    unreachable = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    with TestClient(create_app(unreachable)) as client:
        yield client


def assert_state_unavailable(
    r: httpx2.Response, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    """503 with a retry hint, and one ERROR line that names no server."""
    assert r.status_code == 503
    assert r.json() == {"detail": "Service temporarily unavailable"}
    assert r.headers["retry-after"] == "5"
    [record] = [record for record in caplog.records if record.levelno == logging.ERROR]
    message = record.getMessage()
    assert message.startswith("state backend unavailable error=")
    assert message.endswith(f"method={r.request.method} path={path}")
    assert "127.0.0.1" not in message


def test_every_key_the_service_writes_expires_by_itself(
    client: TestClient, alice: SeededUser, settings: Settings
) -> None:
{%- if refresh_tokens or revocation %}
    pair = log_in(client, alice.username).json()
{%- else %}
    log_in(client, alice.username)
{%- endif %}
    log_in(client, alice.username, "not the password")
{%- if refresh_tokens %}
    client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
{%- endif %}
{%- if revocation %}
    client.post("/auth/logout", headers=bearer(pair["access_token"]))
{%- endif %}

    keys = time_to_live_of_keys(settings.redis_url, settings.redis_key_prefix)

    assert keys, "the service wrote nothing to Redis"
    assert all(ttl > 0 for ttl in keys.values()), keys
{%- if rate_limiting %}


def test_rate_limit_counters_expire_within_their_window(
    client: TestClient, alice: SeededUser, settings: Settings
) -> None:
    log_in(client, alice.username)

    keys = time_to_live_of_keys(settings.redis_url, settings.redis_key_prefix)

    counters = {key: ttl for key, ttl in keys.items() if ":limits:" in key}
    assert counters
    assert all(0 < ttl <= 60 for ttl in counters.values()), counters
{%- endif %}
{%- if revocation %}


def test_denylist_entry_lives_until_the_token_expires_plus_the_leeway(
    client: TestClient, alice: SeededUser, settings: Settings
) -> None:
    access_token = log_in(client, alice.username).json()["access_token"]

    client.post("/auth/logout", headers=bearer(access_token))

    keys = time_to_live_of_keys(settings.redis_url, settings.redis_key_prefix)
    [ttl] = [ttl for key, ttl in keys.items() if ":denied:" in key]
    lifetime = settings.access_token_ttl_seconds + settings.jwt_leeway_seconds
    assert lifetime - 5 <= ttl <= lifetime
{%- endif %}
{%- if refresh_tokens %}


def test_refresh_family_lives_for_the_refresh_ttl(
    client: TestClient, alice: SeededUser, settings: Settings
) -> None:
    log_in(client, alice.username)

    keys = time_to_live_of_keys(settings.redis_url, settings.redis_key_prefix)
    [ttl] = [ttl for key, ttl in keys.items() if ":family:" in key]
    lifetime = settings.refresh_token_ttl_seconds
    assert lifetime - 5 <= ttl <= lifetime
{%- endif %}

{%- if refresh_tokens or rate_limiting %}


def test_login_answers_503_while_redis_is_out_of_reach(
    cut_off: TestClient, alice: SeededUser, caplog: pytest.LogCaptureFixture
) -> None:
    r = log_in(cut_off, alice.username)

    assert_state_unavailable(r, caplog, "/auth/token")
{%- endif %}
{%- if revocation %}


def test_token_check_answers_503_while_redis_is_out_of_reach(
    cut_off: TestClient,
    alice: SeededUser,
    token_for: Callable[[SeededUser], str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    r = cut_off.get("/users/me", headers=bearer(token_for(alice)))

    assert_state_unavailable(r, caplog, "/users/me")
{%- endif %}


@pytest.mark.anyio
async def test_client_reconnects_after_redis_drops_its_connection(
    redis_client: Redis, redis_url: str
) -> None:
    await redis_client.ping()
    connection_id = await redis_client.client_id()
    with redis.Redis.from_url(redis_url) as admin:
        assert admin.client_kill_filter(_id=connection_id) == 1

    assert await redis_client.ping()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:6379/0", "127.0.0.1:6379", "memcached://127.0.0.1"],
    ids=["http", "no-scheme", "other-store"],
)
def test_redis_url_of_another_scheme_is_refused(
    monkeypatch: pytest.MonkeyPatch, key_settings: dict[str, Any], url: str
) -> None:
    error = configuration_error(monkeypatch, key_settings, REDIS_URL=url)

    assert error == "REDIS_URL must be a redis:// or rediss:// URL"
