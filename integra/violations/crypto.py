"""Keys and encryption for violation reports (see docs/violations.md for the design).

- Each report has a random 32-byte key (XSalsa20-Poly1305, PyNaCl SecretBox) that encrypts
  its content, messages, notes and files.
- The report key is sealed (PyNaCl SealedBox, X25519) to the public key of every rights
  officer, and encrypted under a key derived from the receipt (Argon2id) for the reporter.
- An officer's private key is stored encrypted under a key derived from their password
  (Argon2id) and, separately, under a recovery key shown once.
- The receipt is stored as an Argon2id hash, plus a short keyed tag (HMAC-SHA256 under a
  server key, truncated to 40 bits) to find the row without trying every hash.
"""

import base64
import hashlib
import hmac
import json
import secrets
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import hash_secret_raw
from django.conf import settings
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox

from integra.core import crypto as core_crypto

RECEIPT_DIGITS = 16
TAG_HEX = 10  # 40 bits: enough to find a row; far too few to confirm a guessed receipt
DEFAULT_ARGON2 = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}


class DecryptionError(Exception):
    pass


# -- parameters and server keys ---------------------------------------------------------------
def argon2_params() -> dict:
    return {**DEFAULT_ARGON2, **getattr(settings, "VIOLATIONS_ARGON2", {})}


def server_key(purpose: str) -> bytes:
    """A key for one purpose, from VIOLATIONS_SERVER_KEY (or SECRET_KEY when it is not set)."""
    return core_crypto.derive_key(purpose, secret=getattr(settings, "VIOLATIONS_SERVER_KEY", "") or None)


def derive_key(secret: str, salt: bytes, params: dict | None = None) -> bytes:
    params = params or argon2_params()
    return hash_secret_raw(
        secret.encode(),
        salt,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        hash_len=32,
        type=Type.ID,
    )


def new_salt() -> bytes:
    return secrets.token_bytes(16)


# -- symmetric encryption ---------------------------------------------------------------------
def new_key() -> bytes:
    return secrets.token_bytes(SecretBox.KEY_SIZE)


def encrypt(key: bytes, data: bytes) -> bytes:
    return bytes(SecretBox(key).encrypt(data))


def decrypt(key: bytes, blob) -> bytes:
    try:
        return SecretBox(key).decrypt(bytes(blob))
    except (CryptoError, ValueError, TypeError) as error:
        raise DecryptionError from error


def encrypt_json(key: bytes, value) -> bytes:
    return encrypt(key, json.dumps(value, separators=(",", ":")).encode())


def decrypt_json(key: bytes, blob):
    return json.loads(decrypt(key, blob))


def encrypt_text(key: bytes, text: str) -> bytes:
    return encrypt(key, text.encode())


def decrypt_text(key: bytes, blob) -> str:
    return decrypt(key, blob).decode()


# -- public-key sealing -------------------------------------------------------------------------
def new_key_pair() -> tuple[bytes, bytes]:
    private = PrivateKey.generate()
    return bytes(private.public_key), bytes(private)


def seal(public_key: bytes, data: bytes) -> bytes:
    return bytes(SealedBox(PublicKey(bytes(public_key))).encrypt(data))


def unseal(private_key: bytes, blob) -> bytes:
    try:
        return SealedBox(PrivateKey(bytes(private_key))).decrypt(bytes(blob))
    except (CryptoError, ValueError, TypeError) as error:
        raise DecryptionError from error


# -- receipts ---------------------------------------------------------------------------------
def new_receipt() -> str:
    return f"{secrets.randbelow(10**RECEIPT_DIGITS):0{RECEIPT_DIGITS}d}"


def format_receipt(receipt: str) -> str:
    return " ".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))


def receipt_tag(receipt: str) -> str:
    digest = hmac.new(server_key("violations:receipt-tag"), receipt.encode(), hashlib.sha256).hexdigest()
    return digest[:TAG_HEX]


def receipt_hasher() -> PasswordHasher:
    params = argon2_params()
    return PasswordHasher(
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        type=Type.ID,
    )


def receipt_hash(receipt: str) -> str:
    return receipt_hasher().hash(receipt)


@cache
def _dummy_hash(params: tuple) -> str:
    return receipt_hasher().hash(secrets.token_hex(16))


def receipt_verify(encoded: str | None, receipt: str) -> bool:
    """Always one Argon2 verification: against a dummy hash when no report matched the tag."""
    if encoded is None:
        encoded = _dummy_hash(tuple(sorted(argon2_params().items())))
        receipt = receipt + "x"  # can never match
    try:
        return receipt_hasher().verify(encoded, receipt)
    except (VerificationError, InvalidHashError):
        return False


# -- recovery keys ------------------------------------------------------------------------------
def new_recovery_key() -> str:
    text = base64.b32encode(secrets.token_bytes(20)).decode()  # 32 characters, 160 bits
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text.encode())
