"""RFC 8725, JSON Web Token best current practices, with the JOSE clauses it
points to (RFC 7515 for headers, RFC 9068 for the access token profile).
"""

import base64
import functools
{%- if cookiecutter.jwt_algorithm != "HS256" %}
import hashlib
import hmac
{%- endif %}
import json
import secrets
from collections.abc import Callable
from typing import Any

import jwt
import pytest
{%- if cookiecutter.jwt_algorithm != "HS256" %}
from cryptography.hazmat.primitives import serialization
{%- endif %}
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.auth.keys import ALGORITHM
from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import SeededUser, assert_invalid_token, bearer

Forge = Callable[..., str]

# A fresh key for each family; other algorithms than ours must all be refused.
KEY_MAKERS: dict[str, Callable[[], Any]] = {
    "HS256": lambda: secrets.token_urlsafe(64),
    "HS512": lambda: secrets.token_urlsafe(64),
    "RS256": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "PS256": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "ES256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "ES384": lambda: ec.generate_private_key(ec.SECP384R1()),
    "EdDSA": ed25519.Ed25519PrivateKey.generate,
}
# Algorithms that accept our own key: the classic downgrade within a family.
SIBLINGS = {
    "HS256": ("HS384", "HS512"),
    "RS256": ("RS384", "RS512", "PS256"),
    "ES256": (),
    "EdDSA": (),
}
OTHER_ALGORITHMS = [
    *((algorithm, "fresh-key") for algorithm in KEY_MAKERS if algorithm != ALGORITHM),
    *((algorithm, "our-key") for algorithm in SIBLINGS[ALGORITHM]),
]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def json_segment(data: dict[str, Any]) -> str:
    return b64url(json.dumps(data).encode())


@functools.cache
def fresh_key(algorithm: str) -> Any:
    return KEY_MAKERS[algorithm]()


def public_part(key: Any) -> Any:
    """What a verifier holds: the public half of a pair, or the HMAC secret."""
    return key.public_key() if hasattr(key, "public_key") else key


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


@pytest.fixture
def bob(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("bob")


def test_token_as_issued_is_accepted(
    client: TestClient, alice: SeededUser, forge_token: Forge
) -> None:
    """The control case: every refusal below changes one thing of this token."""
    r = client.get("/users/me", headers=bearer(forge_token(alice)))

    assert r.status_code == 200


# Section 3.1: perform algorithm verification


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE"])
def test_unsigned_token_is_refused_in_every_spelling(
    app: FastAPI, client: TestClient, alice: SeededUser, forge_token: Forge, alg: str
) -> None:
    """RFC 8725 section 3.1: "none" is never on the allow-list."""
    _, payload, _ = forge_token(alice).split(".")
    header = json_segment(
        {"alg": alg, "typ": "at+jwt", **app.state.keys.signing_headers}
    )

    for token in (f"{header}.{payload}.", f"{header}.{payload}.e30"):
        assert_invalid_token(client, token)


@pytest.mark.parametrize(
    ("algorithm", "whose"),
    OTHER_ALGORITHMS,
    ids=[f"{algorithm}-{whose}" for algorithm, whose in OTHER_ALGORITHMS],
)
def test_token_under_another_algorithm_is_refused(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    signing_key: Any,
    algorithm: str,
    whose: str,
) -> None:
    """RFC 8725 section 3.1: one pinned algorithm per key, whatever the header says."""
    key = signing_key if whose == "our-key" else fresh_key(algorithm)

    assert_invalid_token(client, forge_token(alice, algorithm=algorithm, key=key))
{%- if cookiecutter.jwt_algorithm != "HS256" %}


@pytest.mark.parametrize(
    "encoding",
    [serialization.Encoding.PEM, serialization.Encoding.DER],
    ids=["pem", "der"],
)
def test_hmac_token_keyed_with_our_public_key_is_refused(
    app: FastAPI,
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    encoding: serialization.Encoding,
) -> None:
    """RFC 8725 section 2.1: the public key must never serve as an HMAC secret."""
    public_key = app.state.keys.signing_key.public_key().public_bytes(
        encoding, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    _, payload, _ = forge_token(alice).split(".")
    header = json_segment(
        {"alg": "HS256", "typ": "at+jwt", **app.state.keys.signing_headers}
    )
    signing_input = f"{header}.{payload}".encode()
    signature = hmac.new(public_key, signing_input, hashlib.sha256).digest()

    assert_invalid_token(client, f"{header}.{payload}.{b64url(signature)}")
{%- endif %}


# Section 3.3: validate all cryptographic operations


def test_token_signed_with_another_key_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, foreign_key: Any
) -> None:
    """RFC 8725 section 3.3: the signature must verify with our own key."""
    assert_invalid_token(client, forge_token(alice, key=foreign_key))


def test_token_with_a_tampered_payload_is_refused(
    client: TestClient, alice: SeededUser, bob: SeededUser, forge_token: Forge
) -> None:
    """RFC 8725 section 3.3: a signature covers exactly the payload it came with."""
    header, _, signature = forge_token(alice).split(".")
    _, bob_payload, _ = forge_token(bob).split(".")

    assert_invalid_token(client, f"{header}.{bob_payload}.{signature}")


# Sections 3.8 and 3.9: validate issuer and audience, exactly


ISSUER_AUDIENCE_DEFECTS: dict[str, Callable[[Settings], dict[str, Any]]] = {
    "other-issuer": lambda s: {"iss": "https://evil.example"},
    "issuer-with-suffix": lambda s: {"iss": s.jwt_issuer + "/"},
    "issuer-in-upper-case": lambda s: {"iss": s.jwt_issuer.upper()},
    "other-audience": lambda s: {"aud": "another-api"},
    "audience-prefix": lambda s: {"aud": s.jwt_audience[:-1]},
    "audience-in-upper-case": lambda s: {"aud": s.jwt_audience.upper()},
    "audience-list-with-others": lambda s: {"aud": [s.jwt_audience, "another-api"]},
}


@pytest.mark.parametrize(
    "defect", ISSUER_AUDIENCE_DEFECTS.values(), ids=ISSUER_AUDIENCE_DEFECTS.keys()
)
def test_issuer_and_audience_must_match_exactly(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    settings: Settings,
    defect: Callable[[Settings], dict[str, Any]],
) -> None:
    """RFC 8725 sections 3.8 and 3.9: exact iss and aud, no list, no prefix."""
    assert_invalid_token(client, forge_token(alice, claims=defect(settings)))


@pytest.mark.parametrize("claim", ["iss", "aud"])
def test_issuer_or_audience_as_a_list_is_refused(
    app: FastAPI,
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    signing_key: Any,
    claim: str,
) -> None:
    """RFC 8725 sections 3.8 and 3.9: a list holding our value is still no match."""
    _, payload, _ = forge_token(alice).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims[claim] = [claims[claim]]

    # Signed as raw JWS: PyJWT's JWT encoder refuses a list issuer.
    token = jwt.api_jws.encode(
        json.dumps(claims).encode(),
        signing_key,
        algorithm=ALGORITHM,
        headers={"typ": "at+jwt", **app.state.keys.signing_headers},
    )

    assert_invalid_token(client, token)


# Section 3.10: do not trust received claims that name keys


@pytest.mark.parametrize(
    "member",
    ["jwk", "jku", "x5u", "x5c", "kid-path", "kid-url"],
)
def test_key_named_by_the_token_is_never_used(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    foreign_key: Any,
    member: str,
) -> None:
    """RFC 8725 section 3.10: jwk, jku, x5u, x5c and kid never pick the key."""
    foreign_jwk = jwt.get_algorithm_by_name(ALGORITHM).to_jwk(
        public_part(foreign_key), as_dict=True
    )
    pointers: dict[str, tuple[str, Any]] = {
        "jwk": ("jwk", foreign_jwk),
        "jku": ("jku", "https://evil.example/jwks.json"),
        "x5u": ("x5u", "https://evil.example/cert.pem"),
        "x5c": ("x5c", ["MIIBmock"]),
        "kid-path": ("kid", "../../../../dev/null"),
        "kid-url": ("kid", "https://evil.example/key"),
    }
    name, value = pointers[member]

    token = forge_token(alice, key=foreign_key, headers={name: value})

    assert_invalid_token(client, token)


# Sections 3.11 and 3.12: explicit typing, so kinds of JWT cannot be swapped


@pytest.mark.parametrize(
    "typ",
    [None, "JWT", "rt+jwt", "application/jwt", "at+jwt+x", "xat+jwt"],
    ids=["absent", "plain-jwt", "refresh", "generic-media-type", "suffix", "prefix"],
)
def test_token_of_another_type_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, typ: str | None
) -> None:
    """RFC 8725 sections 3.11 and 3.12: only typ at+jwt (RFC 9068) is accepted."""
    assert_invalid_token(client, forge_token(alice, headers={"typ": typ}))


@pytest.mark.parametrize("typ", ["at+jwt", "application/at+jwt", "AT+JWT"])
def test_access_token_type_is_read_as_a_media_type(
    client: TestClient, alice: SeededUser, forge_token: Forge, typ: str
) -> None:
    """RFC 7515 section 4.1.9: "application/" may be left out; case is ignored."""
    token = forge_token(alice, headers={"typ": typ})

    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 200


# RFC 7515 section 4.1.11 and RFC 9068 section 2.2: headers and claims


@pytest.mark.parametrize(
    "crit", [["exp"], ["b64"], []], ids=["claim-name", "b64", "empty"]
)
def test_token_with_critical_extensions_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, crit: list[str]
) -> None:
    """RFC 7515 section 4.1.11: we understand no extension, so crit always fails."""
    assert_invalid_token(client, forge_token(alice, headers={"crit": crit}))


@pytest.mark.parametrize("claim", ["sub", "exp", "iat", "iss", "aud", "jti"])
def test_token_missing_a_required_claim_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, claim: str
) -> None:
    """RFC 9068 section 2.2: iss, exp, aud, sub, iat and jti are all required."""
    assert_invalid_token(client, forge_token(alice, drop=(claim,)))
