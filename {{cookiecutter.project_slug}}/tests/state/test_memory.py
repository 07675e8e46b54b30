{%- set refresh_tokens = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] -%}
{%- set revocation = cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""State in memory expires by itself, so that it never grows without bound."""

import pytest

{% if refresh_tokens -%}
from {{ cookiecutter.package_name }}.state.families import Rotation
{% endif -%}
from {{ cookiecutter.package_name }}.state.memory import (
    SWEEP_INTERVAL_SECONDS,
    ExpiringMap,
)
{%- if revocation %}
from {{ cookiecutter.package_name }}.state.memory_denylist import (
    MemoryDenylist,
)
{%- endif %}
{%- if refresh_tokens %}
from {{ cookiecutter.package_name }}.state.memory_families import (
    MemoryFamilyStore,
)
{%- endif %}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_entry_is_there_until_its_time_to_live_ends(clock: FakeClock) -> None:
    entries: ExpiringMap[str] = ExpiringMap(clock)
    entries.put("key", "value", 10)

    clock.advance(9.9)

    assert entries.get("key") == "value"


def test_entry_is_gone_once_its_time_to_live_ends(clock: FakeClock) -> None:
    entries: ExpiringMap[str] = ExpiringMap(clock)
    entries.put("key", "value", 10)

    clock.advance(10)

    assert entries.get("key") is None
    assert len(entries) == 0


def test_expired_entries_never_read_again_are_swept_away(clock: FakeClock) -> None:
    entries: ExpiringMap[str] = ExpiringMap(clock)
    for number in range(100):
        entries.put(f"old-{number}", "value", 10)

    clock.advance(SWEEP_INTERVAL_SECONDS)
    entries.put("new", "value", 10)

    assert len(entries) == 1


def test_discarded_entry_is_gone(clock: FakeClock) -> None:
    entries: ExpiringMap[str] = ExpiringMap(clock)
    entries.put("key", "value", 10)

    entries.discard("key")

    assert entries.get("key") is None
{%- if revocation %}


@pytest.mark.anyio
async def test_denylist_forgets_a_token_once_its_time_to_live_ends(
    clock: FakeClock,
) -> None:
    denylist = MemoryDenylist(clock)
    await denylist.add("token-id", 930)

    clock.advance(930)

    assert not await denylist.contains("token-id")
{%- endif %}
{%- if refresh_tokens %}


@pytest.mark.anyio
async def test_family_expires_a_ttl_after_its_last_rotation(clock: FakeClock) -> None:
    families = MemoryFamilyStore(ttl_seconds=100, clock=clock)
    await families.start("family", "first")
    clock.advance(90)
    await families.rotate("family", "first", "second")

    clock.advance(90)
    assert await families.rotate("family", "second", "third") is Rotation.ROTATED
    clock.advance(100)

    assert await families.rotate("family", "third", "fourth") is Rotation.UNKNOWN
{%- endif %}
