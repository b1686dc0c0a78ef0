"""Fixtures for the browser tests: one headless Chromium per session, a new context per test,
and a live Django server with the reference data (topics, services, centres, hotlines, institutions)."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test are still safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _shared_layers_closed_before_the_browser_and_live_server(_shared_layers):
    """The browser's and the live server's start must not find a shared data layer's transaction open
    (conftest.py): on SQLite it would stay locked on a connection the tests no longer use."""
    _shared_layers.close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server):
    """The live server's base URL, with the reference data loaded."""
    from tests.base import load_reference_data

    load_reference_data()
    return live_server.url


@pytest.fixture
def new_context(browser):
    """new_context(**options) -> a fresh browser context (empty cache and cookies), closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()
