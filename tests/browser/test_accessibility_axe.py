"""Every page each demo role can reach, and forms in their error state, pass axe-core's WCAG 2.1
A and AA rules with no serious or critical violation.

The crawler starts at each role's start page and follows same-site links (one page per
URL pattern, no exports, no logout), then submits each edit form empty to check its error state.
axe-core comes from npm through the project's own setup (`make test` runs `npm ci`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ["handlaggare", "samordnare.malmo", "myndighet.fk", "lasare", "admin"]
PER_ROUTE = 1
MAX_PAGES_PER_ROLE = 80
FILE_SUFFIXES = (".csv", ".xlsx", ".json", ".pdf", ".docx")
SKIPPED_PREFIXES = ("/admin/", "/konto/logga-ut/", "/i18n/", "/static/", "/filer/")


def _route(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def _axe(page) -> list[dict]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _describe(url: str, violations: list[dict]) -> list[str]:
    return [
        f"{url}: {v['id']} ({v['impact']}) – {v['help']} – {node['target']}"
        for v in violations
        for node in v["nodes"][:5]
    ]


def _crawl(page, base: str) -> tuple[list[str], list[str]]:
    """Visit pages breadth-first; return (visited paths, problems)."""
    seen_per_route: dict[str, int] = defaultdict(int)
    queue, visited, problems = ["/"], [], []
    while queue and len(visited) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        route = _route(urlsplit(path).path)
        if path in visited or route is None or seen_per_route[route] >= PER_ROUTE:
            continue
        seen_per_route[route] += 1
        if urlsplit(path).path.endswith(FILE_SUFFIXES):
            continue
        try:
            response = page.goto(base + path)
        except PlaywrightError as error:  # a link to a file starts a download, not a page
            if "Download is starting" in str(error):
                continue
            raise
        visited.append(path)
        if response is None or response.status >= 400:
            continue
        problems += _describe(path, _axe(page))
        for href in page.eval_on_selector_all(
            # Links marked `download` (archived PDFs, attachments) are files, not pages.
            "a[href]:not([download])",
            "els => els.map(e => e.getAttribute('href'))",
        ):
            absolute = urlsplit(urljoin(base + path, href))
            if absolute.netloc != urlsplit(base).netloc or "export=" in (absolute.query or ""):
                continue
            target = absolute.path + (f"?{absolute.query}" if absolute.query else "")
            if not absolute.path.startswith(SKIPPED_PREFIXES) and target not in visited:
                queue.append(target)
    return visited, problems


def _error_states(page, base: str, visited: list[str]) -> list[str]:
    """Submit every edit form (one with a text field) empty and check the page with errors."""
    problems = []
    for path in visited:
        page.goto(base + path)
        forms = page.locator("main form[method=post]:has(input[type=text], textarea)")
        if forms.count() == 0 or "bekrafta" in path:
            continue
        form = forms.first
        for field in form.locator("input[type=text], textarea").all():
            field.fill("")
        form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
        if page.locator(".error-summary, [role=alert]").count():
            problems += _describe(f"{path} (fel i formuläret)", _axe(page))
    return problems


def test_no_serious_axe_violation_on_any_page_of_any_role(browser, live_server):
    assert AXE.exists(), "axe-core saknas: kör `npm ci` (make test gör det)."
    call_command("load_demo_data", verbosity=0)
    problems, pages_checked = [], 0
    for username in ROLES:
        context = browser.new_context(base_url=live_server.url, bypass_csp=True)
        page = context.new_page()
        page.goto("/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill("udavtal-demo")
        page.get_by_role("button", name="Logga in").click()
        visited, found = _crawl(page, live_server.url)
        problems += found + _error_states(page, live_server.url, visited)
        pages_checked += len(visited)
        context.close()
    # The public pages, without login.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    for path in ["/konto/logga-in/", "/tillganglighet/"]:
        page.goto(path)
        problems += _describe(path, _axe(page))
    context.close()
    assert pages_checked > len(ROLES) * 3
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
