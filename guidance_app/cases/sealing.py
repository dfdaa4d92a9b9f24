"""Encrypting a family's answers before they reach the database.

Why: the answers say whether a child has special educational needs, a disability, a social
worker or police involvement: special category data under UK GDPR. A copied database file or
backup without the key shows none of it. Fernet (from `cryptography`) gives authenticated
encryption, so a changed row is refused rather than read wrongly.

Why a list of keys: the first key seals new data and every key opens old data, so an operator
can rotate keys (`flask cases reseal`) without losing saved cases.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

# Every Fernet token starts with its version byte 0x80, which is "gAAAAA" in base64.
TOKEN_PREFIX = "gAAAAA"


class SealError(Exception):
    """A sealed value could not be opened with any configured key."""


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def check_key(key: str) -> str | None:
    """None when `key` is a usable key, else why not (for the start-up message)."""
    try:
        Fernet(key.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return "each key must be 32 random bytes in URL-safe base64 (44 characters ending in '=')"
    return None


class Sealer:
    def __init__(self, keys: Sequence[str]):
        if not keys:
            raise ValueError("at least one key is needed")
        self._fernet = MultiFernet([Fernet(key.encode("ascii")) for key in keys])

    def seal(self, text: str) -> str:
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The plain text of a stored value. Rows written before encryption was added are
        plain JSON and are returned as they are; `flask cases reseal` seals them."""
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise SealError("a saved case could not be decrypted with any key in CASE_ENCRYPTION_KEYS") from None

    def reseal(self, stored: str) -> str:
        """The value sealed with the newest key (plain legacy values are sealed too)."""
        if not is_sealed(stored):
            return self.seal(stored)
        try:
            return self._fernet.rotate(stored.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise SealError("a saved case could not be decrypted with any key in CASE_ENCRYPTION_KEYS") from None


def is_sealed(stored: str) -> bool:
    return stored.startswith(TOKEN_PREFIX)
