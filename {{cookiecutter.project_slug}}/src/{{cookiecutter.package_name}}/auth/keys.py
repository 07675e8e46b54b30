{%- if cookiecutter.jwt_algorithm == "HS256" -%}
"""The signing secret, checked and loaded once when the application starts."""

from dataclasses import dataclass, field

from ..config import Settings

ALGORITHM = "HS256"


@dataclass(frozen=True, slots=True)
class KeySet:
    """The pinned algorithm with the one secret that signs and verifies tokens."""

    algorithm: str
    signing_key: bytes = field(repr=False)
    # One secret needs no `kid` to tell keys apart.
    signing_headers: dict[str, str] = field(default_factory=dict)

    def verification_key_for(self, _token: str) -> bytes:
        return self.signing_key


def load_keys(settings: Settings) -> KeySet:
    return KeySet(ALGORITHM, settings.jwt_secret_key.get_secret_value().encode())
{%- else -%}
"""Key pairs: loaded and checked once at start-up, published as a JWK set.

The private key signs every token and names itself in the `kid` header. Each
configured public key verifies the tokens that name its `kid`: the current one,
and retired ones kept for one token lifetime after a rotation.
"""

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import jwt
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
{%- if cookiecutter.jwt_algorithm == "RS256" %}
from cryptography.hazmat.primitives.asymmetric import rsa
{%- elif cookiecutter.jwt_algorithm == "ES256" %}
from cryptography.hazmat.primitives.asymmetric import ec
{%- else %}
from cryptography.hazmat.primitives.asymmetric import ed25519
{%- endif %}

from ..config import ConfigurationError, Settings
from .errors import InvalidTokenError, Reason

{% if cookiecutter.jwt_algorithm == "RS256" -%}
ALGORITHM = "RS256"
# RFC 7518 section 3.3: RSA keys of 2048 bits or more.
MIN_RSA_BITS = 2048
NEW_RSA_BITS = 3072
PrivateKey = rsa.RSAPrivateKey
PublicKey = rsa.RSAPublicKey
# RFC 7638 section 3.2: the members that identify a key of this type.
THUMBPRINT_MEMBERS = ("e", "kty", "n")
{%- elif cookiecutter.jwt_algorithm == "ES256" -%}
ALGORITHM = "ES256"
PrivateKey = ec.EllipticCurvePrivateKey
PublicKey = ec.EllipticCurvePublicKey
# RFC 7638 section 3.2: the members that identify a key of this type.
THUMBPRINT_MEMBERS = ("crv", "kty", "x", "y")
{%- else -%}
ALGORITHM = "EdDSA"
PrivateKey = ed25519.Ed25519PrivateKey
PublicKey = ed25519.Ed25519PublicKey
# RFC 7638 section 3.2 and RFC 8037 section 2: the members that identify the key.
THUMBPRINT_MEMBERS = ("crv", "kty", "x")
{%- endif %}
PRIVATE_KEY_NAME = "private.pem"
PUBLIC_KEY_NAME = "public.pem"


@dataclass(frozen=True, slots=True)
class KeySet:
    """The pinned algorithm, the signing key and every accepted public key."""

    algorithm: str
    signing_key: PrivateKey = field(repr=False)
    signing_kid: str
    verification_keys: dict[str, PublicKey] = field(repr=False)
    jwks: dict[str, list[dict[str, str]]] = field(repr=False)

    @property
    def signing_headers(self) -> dict[str, str]:
        return {"kid": self.signing_kid}

    def verification_key_for(self, token: str) -> PublicKey:
        """The public key named by the token's `kid`, from the configured set only.

        RFC 8725 section 3.10: the `kid` is looked up, never used as a path or
        URL; `jku`, `x5u` and embedded `jwk` headers are ignored.
        """
        kid = unverified_kid(token)
        key = self.verification_keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise InvalidTokenError(Reason.UNKNOWN_KEY)
        return key


def unverified_kid(token: str) -> object:
    """The `kid` header member, read before verification only to pick a key.

    Parsed here rather than with PyJWT's get_unverified_header, which decodes
    every segment and would double the cost of each verification.
    """
    segment = token.partition(".")[0]
    padding = "=" * (-len(segment) % 4)
    try:
        header = json.loads(base64.urlsafe_b64decode(segment + padding))
    except (ValueError, RecursionError):
        raise InvalidTokenError(Reason.MALFORMED) from None
    return header.get("kid") if isinstance(header, dict) else None


def load_keys(settings: Settings) -> KeySet:
    """Read, check and index every configured key; raise ConfigurationError."""
    private_key = load_private_key(settings.jwt_private_key_file)
    public_key = load_public_key(settings.jwt_public_key_file)
    if public_bytes(public_key) != public_bytes(private_key.public_key()):
        msg = (
            f"JWT_PUBLIC_KEY_FILE {settings.jwt_public_key_file} is not the public "
            f"half of JWT_PRIVATE_KEY_FILE {settings.jwt_private_key_file}"
        )
        raise ConfigurationError(msg)

    retired = [load_public_key(path) for path in settings.jwt_retired_public_key_files]
    # Keyed by kid: a key listed twice, or the current key listed as retired,
    # is published once.
    by_kid: dict[str, tuple[dict[str, str], PublicKey]] = {}
    for key in (public_key, *retired):
        jwk = public_jwk(key)
        by_kid.setdefault(jwk["kid"], (jwk, key))
    return KeySet(
        algorithm=ALGORITHM,
        signing_key=private_key,
        # The current key went in first, so its kid leads.
        signing_kid=next(iter(by_kid)),
        verification_keys={kid: key for kid, (_, key) in by_kid.items()},
        jwks={"keys": [jwk for jwk, _ in by_kid.values()]},
    )


def read_key_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        msg = f"cannot read key file {path}: {exc.strerror}"
        raise ConfigurationError(msg) from None


def load_private_key(path: Path) -> PrivateKey:
    try:
        key = serialization.load_pem_private_key(read_key_file(path), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        msg = f"{path} is not an unencrypted PEM private key"
        raise ConfigurationError(msg) from None
    if not isinstance(key, PrivateKey):
        raise ConfigurationError(wrong_key_type(path))
    check_key_strength(key, path)
    return key


def load_public_key(path: Path) -> PublicKey:
    try:
        key = serialization.load_pem_public_key(read_key_file(path))
    except (ValueError, UnsupportedAlgorithm):
        msg = f"{path} is not a PEM public key"
        raise ConfigurationError(msg) from None
    if not isinstance(key, PublicKey):
        raise ConfigurationError(wrong_key_type(path))
    check_key_strength(key, path)
    return key


def wrong_key_type(path: Path) -> str:
{%- if cookiecutter.jwt_algorithm == "RS256" %}
    return f"{path} is not an RSA key, which {ALGORITHM} needs"
{%- elif cookiecutter.jwt_algorithm == "ES256" %}
    return f"{path} is not an elliptic-curve key, which {ALGORITHM} needs"
{%- else %}
    return f"{path} is not an Ed25519 key, which {ALGORITHM} needs"
{%- endif %}


def check_key_strength(key: PrivateKey | PublicKey, path: Path) -> None:
{%- if cookiecutter.jwt_algorithm == "RS256" %}
    if key.key_size < MIN_RSA_BITS:
        msg = (
            f"{path} holds a {key.key_size}-bit RSA key; "
            f"{ALGORITHM} needs at least {MIN_RSA_BITS} bits"
        )
        raise ConfigurationError(msg)
{%- elif cookiecutter.jwt_algorithm == "ES256" %}
    # RFC 7518 section 3.4: ES256 is ECDSA on P-256 and nothing else.
    if not isinstance(key.curve, ec.SECP256R1):
        msg = f"{path} holds a {key.curve.name} key; {ALGORITHM} needs P-256"
        raise ConfigurationError(msg)
{%- else %}
    # Ed25519 keys have one size; the type check has already done the work.
    del key, path
{%- endif %}


def public_bytes(key: PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_jwk(key: PublicKey) -> dict[str, str]:
    """The key as a JWK (RFC 7517) named by its RFC 7638 thumbprint."""
    members = jwt.get_algorithm_by_name(ALGORITHM).to_jwk(key, as_dict=True)
    public = {name: members[name] for name in THUMBPRINT_MEMBERS}
    return {**public, "kid": thumbprint(public), "alg": ALGORITHM, "use": "sig"}


def thumbprint(public: dict[str, str]) -> str:
    canonical = json.dumps(public, separators=(",", ":"), sort_keys=True)
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def generate_private_key() -> PrivateKey:
{%- if cookiecutter.jwt_algorithm == "RS256" %}
    return rsa.generate_private_key(public_exponent=65537, key_size=NEW_RSA_BITS)
{%- elif cookiecutter.jwt_algorithm == "ES256" %}
    return ec.generate_private_key(ec.SECP256R1())
{%- else %}
    return ed25519.Ed25519PrivateKey.generate()
{%- endif %}


def write_key_pair(directory: Path, *, overwrite: bool = False) -> tuple[Path, Path]:
    """Write a new private key (mode 0600) and its public key into directory."""
    private_path = directory / PRIVATE_KEY_NAME
    public_path = directory / PUBLIC_KEY_NAME
    if not overwrite and (private_path.exists() or public_path.exists()):
        msg = f"{directory} already holds a key pair; pass --force to replace it"
        raise FileExistsError(msg)

    key = generate_private_key()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    directory.mkdir(parents=True, exist_ok=True)
    private_path.unlink(missing_ok=True)
    # Created with mode 0600, so the private key is never readable by others.
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as private_file:
        private_file.write(private_pem)
    public_path.write_bytes(public_pem)
    return private_path, public_path
{%- endif %}
