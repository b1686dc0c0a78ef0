"""Shared steps of the browser tests: translated text, moving through a wizard, axe-core checks, page weight."""

from functools import cache
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
BLOCKING_IMPACTS = {"serious", "critical"}


def t(lang: str, text: str) -> str:
    """text in lang, as the page shows it."""
    with translation.override(lang):
        return translation.gettext(text)


def go_on(page, lang: str, label: str = "Continue") -> None:
    """Press a wizard's button and wait until the next step has loaded.

    A click returns as soon as it is dispatched: without the wait, the test's next Back, reload or
    click can land on the page being left (two Continues in a row press the same button twice, and
    Back during the POST's redirect finds no page attached).
    """
    with page.expect_navigation():
        page.get_by_role("button", name=t(lang, label), exact=True).click()


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in {ROOT} first.")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page) -> list[str]:
    """Serious and critical WCAG 2.2 A/AA violations on the loaded page, one line per rule and element.

    The site's CSP forbids inline scripts: the page's context needs bypass_csp=True.
    """
    page.add_script_tag(content=axe_source())
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) at {' '.join(node['target'])}: {violation['help']}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def first_load_weight(context, url) -> dict:
    """Load url once in a fresh context and add up the bodies of every response: {"total", "script", "responses"}."""
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    main = page.goto(url, wait_until="load")
    assert main is not None and main.ok, f"{url}: HTTP {main and main.status}"
    page.wait_for_load_state("networkidle")
    weight = {"total": 0, "script": 0, "responses": []}
    for response in responses:
        size = 0 if 300 <= response.status < 400 else len(response.body())
        weight["total"] += size
        if response.request.resource_type == "script":
            weight["script"] += size
        weight["responses"].append((response.request.resource_type, response.status, size, response.url))
    page.close()
    return weight
