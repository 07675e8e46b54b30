"""Hypothesis settings and strategies shared by the conformance properties.

Hypothesis runs derandomized, with no example database and a fixed number of
examples, so every run tries the same inputs in the same time, in CI too.
"""

import base64
import json
import string
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The client, app and users are made once per test and only read by the
# examples, so sharing function-scoped fixtures between examples is safe.
FUZZ = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
BASE64URL = string.ascii_letters + string.digits + "-_"

# Strictly JSON: the test client refuses to send NaN or the infinities.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def json_segment(value: Any) -> str:
    return b64url(json.dumps(value).encode())


# Tokens that parse a little or a lot: JSON in the first two segments, with
# JOSE header names the service reads, and any signature.
jose_headers = st.fixed_dictionaries(
    {},
    optional={
        "alg": st.sampled_from(["HS256", "RS256", "ES256", "EdDSA", "none", ""])
        | json_values,
        "typ": st.sampled_from(["at+jwt", "JWT"]) | json_values,
        "kid": st.text(max_size=20) | json_values,
        "crit": json_values,
    },
)
jwt_shaped = st.builds(
    lambda header, payload, signature: (
        f"{json_segment(header)}.{json_segment(payload)}.{b64url(signature)}"
    ),
    jose_headers | json_values,
    json_values,
    st.binary(max_size=64),
)
authorization_values = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.binary(max_size=200).map(lambda raw: b"Bearer " + raw),
    st.text(alphabet=BASE64URL + ". ", max_size=200).map(
        lambda text: f"Bearer {text}".encode()
    ),
    jwt_shaped.map(lambda token: f"Bearer {token}".encode()),
    st.integers(min_value=8_000, max_value=70_000).map(
        lambda size: b"Bearer " + b"A" * size
    ),
)


def mutate(token: str, data: st.DataObject) -> str:
    """Change one character of one segment: replace, delete or insert one."""
    segments = token.split(".")
    index = data.draw(st.integers(0, len(segments) - 1), label="segment")
    segment = segments[index]
    position = data.draw(st.integers(0, len(segment) - 1), label="position")
    kind = data.draw(st.sampled_from(["replace", "delete", "insert"]), label="kind")
    other = st.sampled_from(BASE64URL).filter(lambda c: c != segment[position])
    if kind == "replace":
        segment = segment[:position] + data.draw(other) + segment[position + 1 :]
    elif kind == "delete":
        segment = segment[:position] + segment[position + 1 :]
    else:
        segment = segment[:position] + data.draw(other) + segment[position:]
    segments[index] = segment
    return ".".join(segments)
