{%- set sessions = cookiecutter.refresh_tokens | string | lower in ["yes", "y", "true", "1"] and cookiecutter.revocation | string | lower in ["yes", "y", "true", "1"] -%}
"""Key files: checked at start-up, loaded once, chosen by `kid`, rotated safely."""

import base64
import hashlib
import hmac
import json
import os
import secrets
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.app import create_app
from {{ cookiecutter.package_name }}.auth.keys import (
    ALGORITHM,
    PRIVATE_KEY_NAME,
    PUBLIC_KEY_NAME,
    load_keys,
    write_key_pair,
)
from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import ConfigurationError, Settings

from ..helpers import INVALID_CREDENTIALS, SeededUser, bearer

Forge = Callable[..., str]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def write_pem(path: Path, key: Any, *, private: bool = True) -> Path:
    if private:
        data = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    else:
        data = key.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        )
    path.write_bytes(data)
    return path


def rotated_settings(
    settings: Settings, rotated: dict[str, Path], *, retire_old: bool
) -> Settings:
    """The test's settings (database, state) with the new key pair in place."""
    return settings.model_copy(
        update={
            "jwt_private_key_file": rotated["private"],
            "jwt_public_key_file": rotated["public"],
            "jwt_retired_public_key_files": [rotated["retired"]] if retire_old else [],
        }
    )


def kid_of(token: str) -> object:
    return jwt.get_unverified_header(token).get("kid")


def settings_for(private: Path, public: Path, *retired: Path, **other: Any) -> Settings:
    return Settings(
        _env_file=None,
        jwt_private_key_file=private,
        jwt_public_key_file=public,
        jwt_retired_public_key_files=list(retired),
        **other,
    )


@pytest.fixture
def alice(make_user: Callable[..., SeededUser]) -> SeededUser:
    return make_user("alice")


def assert_refused(client: TestClient, token: str) -> None:
    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS


# Start-up checks


def test_missing_private_key_file_is_named(key_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pem"

    with pytest.raises(ConfigurationError, match=r"cannot read key file .*nowhere"):
        load_keys(settings_for(missing, key_dir / PUBLIC_KEY_NAME))


def test_unreadable_key_file_is_named(key_dir: Path, tmp_path: Path) -> None:
    # A folder cannot be read as a file, whoever runs the tests (root included).
    with pytest.raises(ConfigurationError, match="cannot read key file"):
        load_keys(settings_for(tmp_path, key_dir / PUBLIC_KEY_NAME))


def test_garbage_private_key_is_refused(key_dir: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n")

    with pytest.raises(ConfigurationError, match="not an unencrypted PEM private"):
        load_keys(settings_for(garbage, key_dir / PUBLIC_KEY_NAME))


def test_encrypted_private_key_is_refused(key_dir: Path, tmp_path: Path) -> None:
    key = serialization.load_pem_private_key(
        (key_dir / PRIVATE_KEY_NAME).read_bytes(), password=None
    )
    encrypted = tmp_path / "encrypted.pem"
    encrypted.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"passphrase"),
        )
    )

    with pytest.raises(ConfigurationError, match="not an unencrypted PEM private"):
        load_keys(settings_for(encrypted, key_dir / PUBLIC_KEY_NAME))


def wrong_type_key() -> Any:
{%- if cookiecutter.jwt_algorithm == "RS256" %}
    return ec.generate_private_key(ec.SECP256R1())
{%- else %}
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)
{%- endif %}


def test_key_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    key = wrong_type_key()
    private = write_pem(tmp_path / "private.pem", key)
    public = write_pem(tmp_path / "public.pem", key, private=False)

    with pytest.raises(ConfigurationError, match=f"which {ALGORITHM} needs"):
        load_keys(settings_for(private, public))
{%- if cookiecutter.jwt_algorithm == "RS256" %}


def test_rsa_key_under_2048_bits_is_refused(tmp_path: Path) -> None:
    # A deliberately weak key: the point is that the service refuses it.
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505
    private = write_pem(tmp_path / "private.pem", key)
    public = write_pem(tmp_path / "public.pem", key, private=False)

    with pytest.raises(ConfigurationError, match="1024-bit RSA key"):
        load_keys(settings_for(private, public))
{%- elif cookiecutter.jwt_algorithm == "ES256" %}


def test_key_on_another_curve_is_refused(tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    private = write_pem(tmp_path / "private.pem", key)
    public = write_pem(tmp_path / "public.pem", key, private=False)

    with pytest.raises(ConfigurationError, match="secp384r1 key; ES256 needs P-256"):
        load_keys(settings_for(private, public))
{%- endif %}


def test_public_key_of_another_pair_is_refused(key_dir: Path, tmp_path: Path) -> None:
    _, other_public = write_key_pair(tmp_path)

    with pytest.raises(ConfigurationError, match="is not the public half"):
        load_keys(settings_for(key_dir / PRIVATE_KEY_NAME, other_public))


def test_app_refuses_to_start_with_one_line_naming_the_file(tmp_path: Path) -> None:
    env = {**os.environ, "JWT_PRIVATE_KEY_FILE": str(tmp_path / "missing.pem")}

    result = subprocess.run(
        [sys.executable, "-c", "import {{ cookiecutter.package_name }}.main"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )

    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Refusing to start: cannot read key file")


def test_keys_are_parsed_once_at_start_up(
    app: FastAPI,
    client: TestClient,
    alice: SeededUser,
    token_for: Callable[[SeededUser], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_parsing(*_args: object, **_kwargs: object) -> None:
        pytest.fail("a PEM key was parsed while serving a request")

    monkeypatch.setattr(serialization, "load_pem_private_key", no_parsing)
    monkeypatch.setattr(serialization, "load_pem_public_key", no_parsing)

    r = client.get("/users/me", headers=bearer(token_for(alice)))

    assert r.status_code == 200
    # The trap works: loading the keys again would have tripped it.
    with pytest.raises(pytest.fail.Exception):
        load_keys(app.state.settings)


# Algorithm confusion (RFC 8725 sections 2.1 and 3.1)


@pytest.mark.parametrize(
    "encoding",
    [serialization.Encoding.PEM, serialization.Encoding.DER],
    ids=["pem", "der"],
)
def test_hs256_token_keyed_with_the_public_key_is_refused(
    app: FastAPI,
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    encoding: serialization.Encoding,
) -> None:
    public_key = app.state.keys.signing_key.public_key().public_bytes(
        encoding, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    _, payload, _ = forge_token(alice).split(".")
    header = b64url(
        json.dumps(
            {"alg": "HS256", "typ": "at+jwt", **app.state.keys.signing_headers}
        ).encode()
    )
    signing_input = f"{header}.{payload}".encode()
    signature = hmac.new(public_key, signing_input, hashlib.sha256).digest()

    assert_refused(client, f"{header}.{payload}.{b64url(signature)}")


def other_algorithms() -> list[tuple[str, Any]]:
    """Algorithms other than ours, each with a key it accepts."""
{%- if cookiecutter.jwt_algorithm == "RS256" %}
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return [
        ("RS512", key),
        ("PS256", key),
        ("ES256", ec.generate_private_key(ec.SECP256R1())),
    ]
{%- elif cookiecutter.jwt_algorithm == "ES256" %}
    return [
        ("ES384", ec.generate_private_key(ec.SECP384R1())),
        ("RS256", rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    ]
{%- else %}
    return [
        ("ES256", ec.generate_private_key(ec.SECP256R1())),
        ("RS256", rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    ]
{%- endif %}


def test_token_of_another_algorithm_is_refused_even_with_our_kid(
    client: TestClient, alice: SeededUser, forge_token: Forge
) -> None:
    for algorithm, key in other_algorithms():
        assert_refused(client, forge_token(alice, algorithm=algorithm, key=key))
{%- if cookiecutter.jwt_algorithm == "RS256" %}


@pytest.mark.parametrize("algorithm", ["RS512", "PS256"])
def test_our_key_under_another_rsa_algorithm_is_refused(
    client: TestClient, alice: SeededUser, forge_token: Forge, algorithm: str
) -> None:
    assert_refused(client, forge_token(alice, algorithm=algorithm))
{%- endif %}


# Key selection (RFC 8725 section 3.10)


def with_header(token: str, key: Any, **changes: object) -> str:
    """Re-sign a token with header members changed (None removes one).

    Signed by hand, because PyJWT refuses to write some of these headers.
    """
    header, payload, _ = token.split(".")
    fields = json.loads(base64.urlsafe_b64decode(header + "=="))
    fields.update(changes)
    fields = {name: value for name, value in fields.items() if value is not None}
    new_header = b64url(json.dumps(fields).encode())
    signing_input = f"{new_header}.{payload}".encode()
    signature = jwt.get_algorithm_by_name(ALGORITHM).sign(signing_input, key)
    return f"{new_header}.{payload}.{b64url(signature)}"


def test_token_resigned_by_hand_is_accepted(
    client: TestClient, alice: SeededUser, forge_token: Forge, signing_key: Any
) -> None:
    token = with_header(forge_token(alice), signing_key, x_note="control case")

    r = client.get("/users/me", headers=bearer(token))

    assert r.status_code == 200


@pytest.mark.parametrize(
    "kid",
    [None, "", "unknown", "../../../../etc/passwd", "https://evil.example/key", 7, []],
    ids=["absent", "empty", "unknown", "path", "url", "number", "list"],
)
def test_token_whose_kid_is_not_configured_is_refused(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    signing_key: Any,
    kid: object,
) -> None:
    assert_refused(client, with_header(forge_token(alice), signing_key, kid=kid))


@pytest.mark.parametrize("member", ["jwk", "jku", "x5u"])
def test_keys_named_inside_the_token_are_never_used(
    tmp_path: Path,
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    member: str,
) -> None:
    attacker_private, _ = write_key_pair(tmp_path)
    attacker_key = serialization.load_pem_private_key(
        attacker_private.read_bytes(), password=None
    )
    public_jwk = jwt.get_algorithm_by_name(ALGORITHM).to_jwk(
        attacker_key.public_key(), as_dict=True
    )
    pointer = public_jwk if member == "jwk" else "https://evil.example/jwks.json"

    token = forge_token(alice, key=attacker_key, headers={member: pointer})

    assert_refused(client, token)


# Rotation


@pytest.fixture
def rotated(key_dir: Path, tmp_path: Path) -> dict[str, Path]:
    """A new current key pair, with the session's pair as the retired one."""
    new_private, new_public = write_key_pair(tmp_path / "new")
    return {
        "private": new_private,
        "public": new_public,
        "retired": key_dir / PUBLIC_KEY_NAME,
    }


def test_token_signed_by_a_retired_key_verifies_while_that_key_is_configured(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    rotated: dict[str, Path],
    settings: Settings,
) -> None:
    old_token = forge_token(alice)  # signed by the session key, soon retired
    rotated_app = create_app(rotated_settings(settings, rotated, retire_old=True))

    with TestClient(rotated_app) as rotated_client:
{%- if sessions and cookiecutter.state_backend == "memory" %}
        # A restarted service starts with no sessions in memory: the old token's
        # must be live there too, so that only the key decides.
        assert rotated_client.portal is not None
        session_id = jwt.decode(old_token, options={"verify_signature": False})["sid"]
        rotated_client.portal.call(
            rotated_app.state.families.start, session_id, secrets.token_hex(16)
        )
{%- endif %}
        r = rotated_client.get("/users/me", headers=bearer(old_token))
    service = rotated_app.state.token_service
{%- if sessions %}
    # Only the key id is checked here, so the session need not exist.
    new_token = service.issue_access_token(alice, session_id="0" * 32)
{%- else %}
    new_token = service.issue_access_token(alice)
{%- endif %}

    assert r.status_code == 200
    assert kid_of(new_token.token) != kid_of(old_token)


def test_token_signed_by_a_dropped_key_is_refused(
    client: TestClient,
    alice: SeededUser,
    forge_token: Forge,
    rotated: dict[str, Path],
    settings: Settings,
) -> None:
    old_token = forge_token(alice)
    rotated_app = create_app(rotated_settings(settings, rotated, retire_old=False))

    with TestClient(rotated_app) as rotated_client:
        r = rotated_client.get("/users/me", headers=bearer(old_token))

    assert r.status_code == 401
    assert r.json() == INVALID_CREDENTIALS


def test_retired_keys_are_read_from_a_comma_separated_variable(
    monkeypatch: pytest.MonkeyPatch, rotated: dict[str, Path]
) -> None:
    monkeypatch.setenv("JWT_RETIRED_PUBLIC_KEY_FILES", f" {rotated['retired']} , ")

    settings = Settings(
        _env_file=None,
        jwt_private_key_file=rotated["private"],
        jwt_public_key_file=rotated["public"],
    )

    assert settings.jwt_retired_public_key_files == [rotated["retired"]]


# Key generation


def test_generate_keys_writes_a_usable_pair_with_a_private_file_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["generate-keys", "--dir", str(tmp_path / "keys")])

    private = tmp_path / "keys" / PRIVATE_KEY_NAME
    public = tmp_path / "keys" / PUBLIC_KEY_NAME
    assert code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert load_keys(settings_for(private, public)).algorithm == ALGORITHM
    assert "BEGIN" not in capsys.readouterr().out


def test_generate_keys_keeps_an_existing_pair_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private, _ = write_key_pair(tmp_path)
    before = private.read_bytes()

    refused = main(["generate-keys", "--dir", str(tmp_path)])
    kept = private.read_bytes()
    forced = main(["generate-keys", "--dir", str(tmp_path), "--force"])

    assert refused == 1
    assert "already holds a key pair" in capsys.readouterr().err
    assert kept == before
    assert forced == 0
    assert private.read_bytes() != before


def test_random_bytes_are_no_key(tmp_path: Path, key_dir: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_bytes(secrets.token_bytes(64))

    with pytest.raises(ConfigurationError):
        load_keys(settings_for(key_dir / PRIVATE_KEY_NAME, junk))
