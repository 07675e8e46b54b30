"""The log guard: no captured log line may hold a token, a password or a secret.

conftest.py runs it around every test. It watches the service's records at
every level, the passwords the hasher was given and the signing secret.
"""

import logging
import re
from collections.abc import Iterable, MutableSet

import pytest

from {{ cookiecutter.package_name }}.auth.passwords import PasswordHasher
from {{ cookiecutter.package_name }}.config import Settings

# "{" then a quote encodes to "eyJ" in base64url: that is the start of a JWT's
# header or payload, so a whole token or a piece of one.
JWT_SEGMENT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}")
# Shorter strings are ordinary words in a log line; real passwords are longer.
MIN_WATCHED_LENGTH = 8
FORMATTER = logging.Formatter("%(levelname)s %(name)s: %(message)s")


def find_leaks(
    lines: Iterable[str], passwords: Iterable[str], secrets: Iterable[str]
) -> list[str]:
    """Say which line leaks what, without repeating the leaked value."""
    watched = [
        *(("a password", value) for value in passwords),
        *(("the secret", value) for value in secrets),
    ]
    watched = [
        (kind, value) for kind, value in watched if len(value) >= MIN_WATCHED_LENGTH
    ]

    leaks = []
    for number, line in enumerate(lines, start=1):
        if JWT_SEGMENT.search(line):
            leaks.append(f"log line {number} holds a token")
        leaks += [
            f"log line {number} holds {kind}"
            for kind, value in watched
            if value in line
        ]
    return leaks


def log_lines(records: Iterable[logging.LogRecord]) -> list[str]:
    """The records as a handler would write them, tracebacks included."""
    return [FORMATTER.format(record) for record in records]
{%- if cookiecutter.jwt_algorithm == "HS256" %}


def secrets_of(settings: Settings) -> list[str]:
    return [settings.jwt_secret_key.get_secret_value()]
{%- else %}


def secrets_of(settings: Settings) -> list[str]:
    """The private key's base64 lines: any one of them in a log is a leak."""
    pem = settings.jwt_private_key_file.read_text(encoding="ascii")
    return [line for line in pem.splitlines() if not line.startswith("-----")]
{%- endif %}


def record_passwords(monkeypatch: pytest.MonkeyPatch, seen: MutableSet[str]) -> None:
    """Remember every password that reaches the hasher, to look for it later."""
    hash_password = PasswordHasher.hash
    verify_password = PasswordHasher.verify

    def hash_and_record(self: PasswordHasher, password: str) -> str:
        seen.add(password)
        return hash_password(self, password)

    async def verify_and_record(
        self: PasswordHasher, password: str, password_hash: str
    ) -> bool:
        seen.add(password)
        return await verify_password(self, password, password_hash)

    monkeypatch.setattr(PasswordHasher, "hash", hash_and_record)
    monkeypatch.setattr(PasswordHasher, "verify", verify_and_record)
