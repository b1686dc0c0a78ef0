"""Cost of the Argon2id steps of the violation-report channel with the production parameters.

    DEBUG=1 .venv/bin/python bench/violations_argon2.py

Measures (median of 15): verifying a wrong receipt against a real hash, an unknown receipt
against the dummy hash (the two must cost the same), deriving a report key from a receipt,
and deriving an officer's key from a password (the "Unlock reports" step).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from integra.violations import crypto  # noqa: E402


def median_ms(fn, runs=15):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    params = crypto.argon2_params()
    real = crypto.receipt_hash("1111222233334444")
    crypto.receipt_verify(None, "warm")
    salt = crypto.new_salt()
    rows = [
        (
            "wrong receipt (verify against the report's hash)",
            median_ms(lambda: crypto.receipt_verify(real, "1111222233334440")),
        ),
        (
            "unknown receipt (verify against the dummy hash)",
            median_ms(lambda: crypto.receipt_verify(None, "5555666677778888")),
        ),
        ("report key from a receipt (hash_secret_raw)", median_ms(lambda: crypto.derive_key("1111222233334444", salt))),
        ("officer key from a password (unlock)", median_ms(lambda: crypto.derive_key("a long password 2026", salt))),
    ]
    print(f"Argon2id parameters: {params}")
    for label, ms in rows:
        print(f"{label:55} {ms:7.1f} ms")


if __name__ == "__main__":
    main()
