"""RFC 7519, the time claims: exp, nbf and iat, with the configured leeway.

The leeway (JWT_LEEWAY_SECONDS, 30 by default) absorbs clock skew between the
issuer and this service, as RFC 7519 sections 4.1.4 and 4.1.5 allow; nothing
else gets past it.
"""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import SeededUser, ago, ahead, assert_invalid_token, bearer

Forge = Callable[..., str]
Claims = Callable[[Settings], dict[str, Any]]

# A margin past the leeway that no test run is slow enough to eat.
MARGIN = 10


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


def within_leeway(settings: Settings) -> float:
    return max(settings.jwt_leeway_seconds - MARGIN, 0)


def past_leeway(settings: Settings) -> float:
    return settings.jwt_leeway_seconds + MARGIN


# Each time claim, skewed by a number of seconds in the direction that fails.
SKEWED: dict[str, Callable[[float], dict[str, Any]]] = {
    "exp-in-the-past": lambda skew: {"iat": ago(minutes=5), "exp": ago(seconds=skew)},
    "nbf-in-the-future": lambda skew: {"nbf": ahead(seconds=skew)},
    "iat-in-the-future": lambda skew: {
        "iat": ahead(seconds=skew),
        "exp": ahead(seconds=skew + 60),
    },
}
TOO_LONG_LIVED: dict[str, Claims] = {
    "over-ttl": lambda s: {"exp": ahead(seconds=s.access_token_ttl_seconds + MARGIN)},
    "ancient-iat": lambda s: {"iat": 0},
    "exp-far-away": lambda s: {"exp": 10**20},
}
NOT_NUMERIC_DATES: dict[str, dict[str, Any]] = {
    "exp-string": {"exp": str(int(ahead(minutes=5).timestamp()))},
    "exp-boolean": {"exp": True},
    "exp-null": {"exp": None},
    "exp-list": {"exp": [int(ahead(minutes=5).timestamp())]},
    "iat-string": {"iat": "now"},
    "iat-boolean": {"iat": True},
    "nbf-string": {"nbf": "0"},
    "nbf-object": {"nbf": {"seconds": 0}},
}
# JSON has no NaN or Infinity, but Python's json module reads and writes them.
ABSURD_NUMBERS: dict[str, dict[str, Any]] = {
    "exp-infinity": {"exp": float("inf")},
    "exp-nan": {"exp": float("nan")},
    "exp-huge-float": {"exp": 1e308},
    "exp-huge-integer": {"exp": 10**400},
    "iat-nan": {"iat": float("nan")},
    "iat-minus-infinity": {"iat": float("-inf")},
    "nbf-nan": {"nbf": float("nan")},
    "nbf-infinity": {"nbf": float("inf")},
}


@pytest.mark.parametrize("skewed", SKEWED.values(), ids=SKEWED.keys())
def test_time_claim_holds_with_the_leeway_and_not_past_it(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    settings: Settings,
    skewed: Callable[[float], dict[str, Any]],
) -> None:
    """RFC 7519 sections 4.1.4 to 4.1.6: exp, nbf and iat, with a small leeway.

    Clock skew within JWT_LEEWAY_SECONDS is tolerated; beyond it the token is
    expired, not yet valid, or dated in the future.
    """
    tolerated = forge_token(alice, claims=skewed(within_leeway(settings)))
    refused = forge_token(alice, claims=skewed(past_leeway(settings)))

    r = client.get("/users/me", headers=bearer(tolerated))

    assert r.status_code == 200
    assert_invalid_token(client, refused)


@pytest.mark.parametrize("claims", TOO_LONG_LIVED.values(), ids=TOO_LONG_LIVED.keys())
def test_token_living_longer_than_the_ttl_is_refused(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    settings: Settings,
    claims: Claims,
) -> None:
    """RFC 7519 section 4.1.6: iat dates the token; ours live one TTL at most.

    A lifetime longer than ACCESS_TOKEN_TTL_SECONDS means we did not issue it.
    """
    assert_invalid_token(client, forge_token(alice, claims=claims(settings)))


NO_DATES = {**NOT_NUMERIC_DATES, **ABSURD_NUMBERS}


@pytest.mark.parametrize("claims", NO_DATES.values(), ids=NO_DATES.keys())
def test_time_claim_that_is_no_numeric_date_is_refused(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    claims: dict[str, Any],
) -> None:
    """RFC 7519 section 2: a NumericDate is a finite JSON number.

    Strings and booleans, which PyJWT alone would coerce, are refused; so are
    NaN, the infinities and numbers too large for a date.
    """
    assert_invalid_token(client, forge_token(alice, claims=claims))
