"""A wrong receipt and an unknown one cost the same: services.report_find, timed with the production parameters.

    .venv/bin/python bench/violations_receipt_timing.py [--runs 15]

`report_find` looks the receipt's tag up, then verifies it with Argon2id against the report's hash, or
against a dummy hash when no report has the tag, so that the answer's time does not tell whether a report
exists. This measures both answers end to end (tag lookup in the database included), on a throwaway
in-memory SQLite test database with one report, and prints their medians and ratio; without the dummy
verification the ratio would be ~100. The functional side (the same page, exactly one verification either
way) is tested in integra/violations/tests/test_receipt.py; timing belongs here, not in the test suite,
where the load of the machine decides it.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"  # an in-memory test database, no secrets needed
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from integra.violations import crypto, services  # noqa: E402
from integra.violations.models import Report  # noqa: E402

RECEIPT = "1111222233334444"
WRONG = "1111222233334440"  # given the report's tag below: found by tag, refused by Argon2
UNKNOWN = "4444333322221111"  # no report has its tag: verified against the dummy hash


def median_ms(receipt: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        assert services.report_find(receipt=receipt) is None
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    del settings.VIOLATIONS_ARGON2  # the tests' cheap profile: back to production's crypto.DEFAULT_ARGON2
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        Report.objects.create(
            reference="BENCH-1",
            category=Report.Category.choices[0][0],
            city="sofia",
            submitted_on=timezone.localdate(),
            submission_hash="bench",
            receipt_tag=crypto.receipt_tag(WRONG),
            receipt_hash=crypto.receipt_hash(RECEIPT),
        )
        services.report_find(receipt="0000000000000000")  # warm the dummy hash
        wrong, unknown = median_ms(WRONG, runs), median_ms(UNKNOWN, runs)
    finally:
        teardown_databases(databases, verbosity=0)
    print(f"Argon2id parameters: {crypto.argon2_params()}; median of {runs}")
    print(f"wrong receipt (tag found, hash refused)  {wrong:7.1f} ms")
    print(f"unknown receipt (dummy hash)             {unknown:7.1f} ms")
    print(f"ratio wrong / unknown                    {wrong / unknown:7.2f}  (about 1; ~100 without the dummy)")


if __name__ == "__main__":
    main()
