{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
{%- set rate_limiting = cookiecutter.rate_limiting | string | lower in ["yes", "y", "true", "1"] -%}
"""State in Redis: every key the service writes expires by itself."""

from collections.abc import Callable
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import SeededUser, {% if revocation %}bearer, {% endif %}configuration_error, log_in


def time_to_live_of_keys(url: str, prefix: str) -> dict[str, int]:
    """Each key under the prefix with its TTL in seconds (-1: it never expires)."""
    with redis.Redis.from_url(url, decode_responses=True) as client:
        return {key: client.ttl(key) for key in client.scan_iter(match=f"{prefix}*")}


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


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
