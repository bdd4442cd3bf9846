"""Every page each demo role can reach, and forms in their error state, pass axe-core's WCAG 2.1
A and AA rules with no serious or critical violation, and reflow (WCAG 1.4.10) without
horizontal scrolling at 320 CSS pixels (a 320×800 viewport) and at 200 % zoom (1280 pixels at
200 % is a 640×400 viewport); wide data tables scroll inside their own region, which 1.4.10
allows.

The crawler starts at each role's start page and follows same-site links, checking one page per
URL pattern name (`resolver_match.view_name`) and role: no exports, no files, no logout. It then
submits each edit form it met empty and checks the page with the errors (once per view name over
all roles: the error markup comes from the shared form includes, whoever sees it). axe-core
comes from npm through the project's own setup (`make test` runs `npm ci`).

Speed (the whole suite must stay well under 15 minutes on two cores): one browser context per
role, axe injected by the context into every page it opens (no separate round trip), one
`evaluate` per page that runs axe and returns only the serious and critical violations together
with the page's links and whether it has an edit form (so no page is opened twice, except the form
pages for their error state), and axe asked for violations only (`resultTypes`). Timings are in
docs/decisions/0023-accessibility.md.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ["handlaggare", "samordnare.malmo", "myndighet.fk", "lasare", "admin"]
MAX_PAGES_PER_ROLE = 80
FILE_SUFFIXES = (".csv", ".xlsx", ".json", ".pdf", ".docx")
SKIPPED_PREFIXES = ("/admin/", "/konto/logga-ut/", "/i18n/", "/static/", "/filer/")
EDIT_FORM = "main form[method=post]:has(input[type=text], textarea)"

# One round trip per page: axe (violations only, serious and critical), the links to follow and
# whether the page has an edit form worth submitting empty.
CHECK_PAGE = """async ({editForm, withLinks}) => {
    const result = await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations'],
    });
    const violations = result.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.slice(0, 5).map(n => n.target)}));
    if (!withLinks) return {violations};
    // Links marked `download` (archived PDFs, attachments) are files, not pages.
    const links = [...document.querySelectorAll('a[href]:not([download])')]
        .map(a => a.getAttribute('href'));
    return {violations, links, editForm: document.querySelector(editForm) !== null};
}"""


VIEWPORT = {"width": 1280, "height": 720}
REFLOW_VIEWPORTS = [
    ("320 px", {"width": 320, "height": 800}),
    ("200 %", {"width": 640, "height": 400}),
]

# Whether the page scrolls sideways, and if so the widest elements that stick out (outside a
# scroll region of their own, such as .table-wrap).
OVERFLOW = """() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const scrolls = el => el.closest('.table-wrap, pre, [role=region][tabindex="0"]') !== null;
    return [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
        .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
        .slice(0, 5)
        .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (el.className && typeof el.className === 'string'
               ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
            + ` (${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


# Seconds spent per step, printed at the end (`pytest -s`) to see where the time goes.
SPENT: Counter[str] = Counter()


def _timed(step: str, function, *args, **kwargs):
    start = time.perf_counter()
    try:
        return function(*args, **kwargs)
    finally:
        SPENT[step] += time.perf_counter() - start


def _reflow(page, path: str) -> list[str]:
    """Horizontal scrolling of the open page at 320 px and at 200 % (relayout, no reload)."""
    start = time.perf_counter()
    problems = []
    for label, viewport in REFLOW_VIEWPORTS:
        page.set_viewport_size(viewport)
        wide = page.evaluate(OVERFLOW)
        if wide:
            problems.append(f"{path} ({label}): rullar i sidled – {', '.join(wide)}")
    page.set_viewport_size(VIEWPORT)
    SPENT["reflow"] += time.perf_counter() - start
    return problems


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _describe(url: str, violations: list[dict]) -> list[str]:
    return [
        f"{url}: {v['id']} ({v['impact']}) – {v['help']} – {target}"
        for v in violations
        for target in v["targets"]
    ]


def _check(page, *, with_links: bool = True) -> dict:
    return _timed(
        "axe", page.evaluate, CHECK_PAGE, {"editForm": EDIT_FORM, "withLinks": with_links}
    )


def _crawl(page, base: str) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """Visit pages breadth-first, one per view name; return (visited paths, (view name, path) of
    the pages with an edit form, problems)."""
    seen_views: set[str] = set()
    queued: set[str] = {"/"}
    queue, visited, form_pages, problems = ["/"], [], [], []
    while queue and len(visited) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        view_name = _view_name(urlsplit(path).path)
        if view_name is None or view_name in seen_views:
            continue
        seen_views.add(view_name)
        if urlsplit(path).path.endswith(FILE_SUFFIXES):
            continue
        try:
            response = _timed("load", page.goto, base + path)
        except PlaywrightError as error:  # a link to a file starts a download, not a page
            if "Download is starting" in str(error):
                continue
            raise
        visited.append(path)
        if response is None or response.status >= 400:
            continue
        found = _check(page)
        problems += _describe(path, found["violations"]) + _reflow(page, path)
        if found["editForm"] and "bekrafta" not in path:
            form_pages.append((view_name, path))
        for href in found["links"]:
            absolute = urlsplit(urljoin(base + path, href))
            if absolute.netloc != urlsplit(base).netloc or "export=" in (absolute.query or ""):
                continue
            target = absolute.path + (f"?{absolute.query}" if absolute.query else "")
            if not absolute.path.startswith(SKIPPED_PREFIXES) and target not in queued:
                queued.add(target)
                queue.append(target)
    return visited, form_pages, problems


def _error_states(page, base: str, form_pages: list[str]) -> list[str]:
    """Submit every edit form (one with a text field) empty and check the page with errors."""
    problems = []
    for path in form_pages:
        _timed("load", page.goto, base + path)
        form = page.locator(EDIT_FORM).first
        for field in form.locator("input[type=text], textarea").all():
            field.fill("")
        _timed("submit", form.locator("button[type=submit]").first.click)
        page.wait_for_load_state()
        if page.locator(".error-summary, [role=alert]").count():
            problems += _describe(
                f"{path} (fel i formuläret)", _check(page, with_links=False)["violations"]
            ) + _reflow(page, f"{path} (fel i formuläret)")
    return problems


def _context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, viewport=VIEWPORT)
    context.add_init_script(path=str(AXE))
    return context


def test_no_serious_axe_violation_and_no_sideways_scrolling_on_any_page_of_any_role(
    browser, live_server
):
    assert AXE.exists(), "axe-core saknas: kör `npm ci` (make test gör det)."
    # A transactional test that ran before in the same process may have flushed the reference
    # data the demo builds on; loading it is idempotent.
    _timed("demo data", call_command, "load_reference_data", verbosity=0)
    _timed("demo data", call_command, "load_demo_data", verbosity=0)
    problems, pages_checked, forms_checked = [], 0, 0
    forms_seen: set[str] = set()
    for username in ROLES:
        context = _context(browser, live_server)
        page = context.new_page()
        page.goto("/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill("udavtal-demo")
        page.get_by_role("button", name="Logga in").click()
        visited, form_pages, found = _crawl(page, live_server.url)
        # An edit form's error state is the same markup whoever sees it: once per view name.
        new_forms = [path for view_name, path in form_pages if view_name not in forms_seen]
        forms_seen.update(view_name for view_name, _ in form_pages)
        problems += found + _error_states(page, live_server.url, new_forms)
        pages_checked += len(visited)
        forms_checked += len(new_forms)
        context.close()
    # The public pages, without login.
    context = _context(browser, live_server)
    page = context.new_page()
    for path in ["/konto/logga-in/", "/tillganglighet/"]:
        page.goto(path)
        problems += _describe(path, _check(page, with_links=False)["violations"])
        problems += _reflow(page, path)
    context.close()
    print(f"axe: {pages_checked} pages and {forms_checked} forms in error state checked;")
    print("seconds: " + ", ".join(f"{step} {spent:.0f}" for step, spent in SPENT.items()))
    assert pages_checked > len(ROLES) * 3
    assert forms_checked > 0
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
