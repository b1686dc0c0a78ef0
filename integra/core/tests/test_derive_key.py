"""One key derivation from the server secret; the keys stay byte-identical to the four copies it replaced,
because data sealed or hashed under them is stored (receipt tags, caller hashes, development-encrypted notes)."""

import time

import pytest
from django.test import override_settings

from integra.core import crypto, wizard
from integra.forum import ratelimit as forum_ratelimit
from integra.violations import crypto as violations_crypto

SECRET = "a fixed secret key for the derivation test"
# HKDF-SHA256(SECRET, salt=None, info=purpose), computed with the code before the refactor
BEFORE = {
    "forum:rate-limit": "13a19c40badd455b25e1a32d467c04260107952ae7a1169203e60c769bcbf14e",
    "integra-field-dev-key": "d361432696548155921df08954526d84734b0911d1b837a2769586660b0980b4",
    "wizard:ask": "c95c3fcb4fe8ab57ea97c3e6b3422acaa8e25f2dcccf07c80756c89167a9e8d4",
    "violations:receipt-tag": "1bb5fa1e88358c2981c91d9fd3bddd5e781d17848ee3d2f91106be29aced41cb",
    "hotline:caller-number": "f97702206e2694553cca201ba1438f0cd02f7cf75660effd7210d21dabd64b5f",
}


@pytest.mark.parametrize("purpose", sorted(BEFORE))
def test_each_purpose_derives_the_same_bytes_as_before(purpose):
    with override_settings(SECRET_KEY=SECRET):
        assert crypto.derive_key(purpose).hex() == BEFORE[purpose]


def test_the_callers_use_it_and_get_their_old_keys():
    with override_settings(SECRET_KEY=SECRET, VIOLATIONS_SERVER_KEY="", DEBUG=True):
        assert forum_ratelimit._key().hex() == BEFORE["forum:rate-limit"]
        assert violations_crypto.server_key("violations:receipt-tag").hex() == BEFORE["violations:receipt-tag"]
        assert crypto._key_for("", SECRET).hex() == BEFORE["integra-field-dev-key"]
        token = wizard.seal({"a": 1, "t": time.time()}, "wizard:ask")  # "t": when the state was sealed
        assert wizard.unseal(token, "wizard:ask", max_age=60)["a"] == 1


def test_a_separate_violations_server_key_is_used_when_set():
    with override_settings(SECRET_KEY=SECRET, VIOLATIONS_SERVER_KEY="a separate violations server key"):
        key = violations_crypto.server_key("violations:receipt-tag").hex()
    assert key == "ceb7a50f9e184d2b94d8b3c969006fae0856e195010a1f6098675607a023df3e"


def test_different_purposes_and_secrets_give_unrelated_keys():
    keys = {crypto.derive_key(p, secret=SECRET) for p in BEFORE} | {crypto.derive_key("wizard:ask", secret="other")}
    assert len(keys) == len(BEFORE) + 1 and all(len(k) == 32 for k in keys)
