"""Signing and verification keys, built once when the application starts."""

from dataclasses import dataclass

from ..config import Settings

ALGORITHM = "HS256"


@dataclass(frozen=True, slots=True)
class KeySet:
    """The pinned algorithm with the keys that sign and verify tokens."""

    algorithm: str
    signing_key: bytes
    verification_key: bytes

    def __repr__(self) -> str:
        return f"KeySet(algorithm={self.algorithm!r}, keys=<hidden>)"


def load_keys(settings: Settings) -> KeySet:
    secret = settings.jwt_secret_key.get_secret_value().encode()
    return KeySet(algorithm=ALGORITHM, signing_key=secret, verification_key=secret)
