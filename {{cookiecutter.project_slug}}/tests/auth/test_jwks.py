"""The JWK set lets other services verify our tokens with nothing else."""

from collections.abc import Callable
from pathlib import Path

{% if cookiecutter.jwt_algorithm == "EdDSA" -%}
import pytest
{% endif -%}
from fastapi.testclient import TestClient
from joserfc import jwt as jose_jwt
from joserfc.jwk import KeySet as JoseKeySet

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.auth.keys import (
    ALGORITHM,
    PUBLIC_KEY_NAME,
    write_key_pair,
)
from {{ cookiecutter.package_name }}.config import Settings

from ..helpers import PASSWORD, SeededUser

PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi"}
{%- if cookiecutter.jwt_algorithm == "EdDSA" %}
# joserfc flags "EdDSA" as superseded by "Ed25519" (RFC 9864); PyJWT and most
# verifiers still name the algorithm EdDSA, so it stays the pinned name here.
pytestmark = pytest.mark.filterwarnings(
    "ignore:EdDSA is deprecated:joserfc.errors.SecurityWarning"
)
{%- endif %}


def test_jwks_is_public_and_holds_only_public_members(client: TestClient) -> None:
    r = client.get("/.well-known/jwks.json")

    assert r.status_code == 200
    assert r.headers["cache-control"] == "public, max-age=300"
    [key] = r.json()["keys"]
    assert key["alg"] == ALGORITHM
    assert key["use"] == "sig"
    assert not PRIVATE_MEMBERS & key.keys()


def test_jwks_kid_is_the_rfc7638_thumbprint_named_in_tokens(
    client: TestClient,
    make_user: Callable[..., SeededUser],
    token_for: Callable[[SeededUser], str],
) -> None:
    token = token_for(make_user("alice"))

    [key] = client.get("/.well-known/jwks.json").json()["keys"]

    jose_key = JoseKeySet.import_key_set({"keys": [key]}).keys[0]
    decoded = jose_jwt.decode(token, jose_key, algorithms=[ALGORITHM])
    assert key["kid"] == jose_key.thumbprint()
    assert decoded.header["kid"] == key["kid"]


def test_token_from_login_verifies_with_another_library_using_only_the_jwks(
    client: TestClient, make_user: Callable[..., SeededUser], settings: Settings
) -> None:
    user = make_user("alice")
    login = client.post("/auth/token", data={"username": "alice", "password": PASSWORD})
    jwks = client.get("/.well-known/jwks.json").json()

    token = jose_jwt.decode(
        login.json()["access_token"],
        JoseKeySet.import_key_set(jwks),
        algorithms=[ALGORITHM],
    )

    jose_jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": settings.jwt_issuer},
        aud={"essential": True, "value": settings.jwt_audience},
        sub={"essential": True, "value": str(user.id)},
        exp={"essential": True},
    ).validate(token.claims)
    assert token.header["typ"] == "at+jwt"


def test_jwks_publishes_retired_keys_after_the_current_one(
    key_dir: Path, tmp_path: Path, settings: Settings
) -> None:
    new_private, new_public = write_key_pair(tmp_path)
    app = create_app(
        settings.model_copy(
            update={
                "jwt_private_key_file": new_private,
                "jwt_public_key_file": new_public,
                "jwt_retired_public_key_files": [key_dir / PUBLIC_KEY_NAME],
            }
        )
    )

    with TestClient(app) as client:
        jwks = client.get("/.well-known/jwks.json").json()

    kids = [key["kid"] for key in jwks["keys"]]
    assert kids[0] == app.state.keys.signing_kid
    assert len(set(kids)) == 2
