"""Authenticated encryption of text at rest (AES-256-GCM), for notes and other sensitive free text.

The key comes from the environment (FIELD_ENCRYPTION_KEY: 32 random bytes, base64) and is never
stored in the database, so a database dump alone reveals no protected text. Generate one with

    python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"

With DEBUG on and no key set, a development key is derived from SECRET_KEY (HKDF) so that
`make run` works out of the box; production (DEBUG off) refuses to start without a real key.

Stored form: "v1:" + base64(12-byte nonce + ciphertext + 16-byte tag). The version prefix lets a
later key rotation add "v2:" values while old ones stay readable. A tampered or foreign value
raises DecryptionError instead of returning garbage.

Use the model field:

    notes = EncryptedTextField(_("notes"), blank=True)

or the functions `encrypt(text)` / `decrypt(token)` directly. Encrypted fields cannot be searched
or ordered in SQL; keep anything you filter on in ordinary fields.
"""

import base64
import binascii
import hashlib
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "v1:"
_AAD = b"integra-field-v1"


class DecryptionError(Exception):
    """The stored value was tampered with, is not ours, or the key is wrong."""


def parse_key(value: str) -> bytes:
    """32 bytes from a base64 string, or ImproperlyConfigured naming the variable."""
    try:
        key = base64.b64decode(value.encode(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be 32 random bytes in base64 (44 characters).")
    return key


def derive_key(purpose: str, *, secret: str | None = None) -> bytes:
    """The one way to derive a 32-byte key for one purpose from a server secret (SECRET_KEY unless
    another is given): HKDF-SHA256, no salt, the purpose as info. Different purposes give unrelated
    keys. Keep a purpose's name once data sealed or hashed under it is stored (receipt tags, caller
    hashes, development-encrypted fields): another name is another key."""
    material = settings.SECRET_KEY if secret is None else secret
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(material.encode())


def submission_hash(purpose: str, key: str) -> str:
    """What a submission is stored under so that sending the same form twice stores it once (the
    wizard's one-time submission key, hashed: the key itself is never stored)."""
    return hashlib.sha256(f"{purpose}:{key}".encode()).hexdigest()


@lru_cache(maxsize=4)
def _key_for(configured: str, secret_key: str) -> bytes:
    if configured:
        return parse_key(configured)
    if not settings.DEBUG:
        raise ImproperlyConfigured("Set the environment variable FIELD_ENCRYPTION_KEY.")
    # Development only: derived from SECRET_KEY so that a fresh checkout runs without setup.
    return derive_key("integra-field-dev-key", secret=secret_key)


def _aead() -> AESGCM:
    return AESGCM(_key_for(getattr(settings, "FIELD_ENCRYPTION_KEY", ""), settings.SECRET_KEY))


def encrypt(text: str) -> str:
    nonce = os.urandom(12)
    sealed = _aead().encrypt(nonce, text.encode("utf-8"), _AAD)
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    try:
        raw = base64.b64decode(token[len(PREFIX) :].encode("ascii"), validate=True)
        return _aead().decrypt(raw[:12], raw[12:], _AAD).decode("utf-8")
    except (InvalidTag, binascii.Error, ValueError) as error:
        raise DecryptionError("the value could not be decrypted") from error


class EncryptedTextField(models.TextField):
    """A TextField whose value is encrypted in the database and plain text in Python.

    Empty text stays empty (nothing to hide, and "has notes" remains countable).
    """

    description = "Text encrypted at rest (AES-GCM)"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))
