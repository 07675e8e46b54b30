"""Password hashing with Argon2, kept off the event loop."""

import functools

from fastapi.concurrency import run_in_threadpool
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

MIN_PASSWORD_LENGTH = 12
# Argon2 reads the whole password; a cap keeps a huge one from costing seconds.
MAX_PASSWORD_LENGTH = 256


@functools.cache
def dummy_hash() -> str:
    """A hash no password matches: not secret, so made once and shared."""
    return PasswordHash((Argon2Hasher(),)).hash("placeholder for unknown usernames")


class PasswordHasher:
    """Hashes and verifies passwords with Argon2id."""

    def __init__(self) -> None:
        self._hash = PasswordHash((Argon2Hasher(),))
        # Made now, so the first unknown username costs no more than later ones.
        self._dummy_hash = dummy_hash()

    def hash(self, password: str) -> str:
        return self._hash.hash(password)

    async def verify(self, password: str, password_hash: str) -> bool:
        return await run_in_threadpool(self._hash.verify, password, password_hash)

    async def verify_dummy(self, password: str) -> None:
        """Spend the time of one verification, for a username that does not exist."""
        await self.verify(password, self._dummy_hash)

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with weaker parameters than the current ones."""
        return self._hash.current_hasher.check_needs_rehash(password_hash)
