"""Each role's main journey with the keyboard alone (WCAG 2.1: 2.1.1, 2.1.2, 2.4.1, 2.4.3, 2.4.7).

Only `page.keyboard` moves and acts (Tab, Shift+Tab, Enter, Space, typing); `goto` is used for
the first page only. On the way the tests check that:
- the skip link is the first focusable element, shows when focused and moves focus to <main>;
- every element that gets focus shows it (a computed outline or box-shadow);
- focus moves forward in DOM order (no positive tabindex, no reordering by CSS);
- Tab walks through a whole form page and out of it again (no keyboard trap);
- a confirmation page can be left with its "Avbryt" link, and confirmed with Space or Enter.
"""

from __future__ import annotations

import re

import pytest

from partnerships.models import CooperationAccord
from reports.district import services
from reports.models import AnnualDistrictReport
from tests import factories
from tests.factories import accords as build
from tests.factories.plans import report_world
from tests.reports.test_district_services import complete_input

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "udavtal-test"

# What has focus now, where it is in document order and whether its focus can be seen.
FOCUSED = """(target) => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
        index: [...document.querySelectorAll('*')].indexOf(el),
        tag: el.tagName.toLowerCase(),
        // A date field's day, month and year are stops of their own on the same element.
        segmented: ['date', 'time', 'datetime-local', 'month', 'week'].includes(el.type),
        id: el.id,
        cls: el.className,
        name: (el.getAttribute('aria-label') || el.innerText || el.name || '').trim().slice(0, 60),
        visibleFocus: outline || style.boxShadow !== 'none',
        isBody: el === document.body,
        isTarget: target !== null && el === target,
    };
}"""

# Elements that Tab should stop at (visible, enabled, not taken out of the order).
TABBABLE_COUNT = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]'
)].filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0).length"""


def focused(page, target=None) -> dict:
    handle = target.element_handle() if target is not None else None
    return page.evaluate(FOCUSED, handle)


def describe(stop: dict) -> str:
    return f"<{stop['tag']} id={stop['id']!r} class={stop['cls']!r}> {stop['name']!r}"


def tab_to(page, target, *, limit: int = 150) -> list[dict]:
    """Press Tab until `target` (a locator) has focus, checking every stop on the way. Past the
    end of the page focus comes round to the top again (once), as in a browser."""
    handle = target.element_handle()
    stops: list[dict] = []
    wrapped = False
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED, handle)
        if stop["isBody"]:
            assert not wrapped, f"{target} nåddes inte på ett varv med Tab"
            wrapped, stops = True, []
            continue
        if stops and stop["segmented"] and stop["index"] == stops[-1]["index"]:
            continue  # month, year or the calendar button of a date field already checked
        assert stop["visibleFocus"], f"fokus syns inte på {describe(stop)}"
        if stops:
            assert stop["index"] > stops[-1]["index"], (
                f"fokus hoppade bakåt: {describe(stops[-1])} → {describe(stop)}"
            )
        stops.append(stop)
        if stop["isTarget"]:
            return stops
    raise AssertionError(f"{target} nåddes inte med {limit} tryck på Tab")


def press(page, key: str) -> None:
    """Press a key that loads another page and wait for it."""
    with page.expect_navigation():
        page.keyboard.press(key)


def assert_skip_link_first(page) -> None:
    """Tab from the top reaches the skip link first; Enter moves focus to <main>."""
    page.keyboard.press("Tab")
    stop = focused(page)
    assert "skip-link" in stop["cls"], f"första fokus är {describe(stop)}, inte genvägslänken"
    assert stop["visibleFocus"]
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0  # shown on screen when focused
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"


def assert_no_keyboard_trap(page) -> None:
    """Tab from the top passes every tabbable element once, in DOM order, and leaves the page."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    count = page.evaluate(TABBABLE_COUNT)
    limit = count + 3 + 3 * page.locator("input[type=date], input[type=time]").count()
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stops and stop["segmented"] and stop["index"] == stops[-1]["index"]:
            continue  # the next part (month, year, calendar button) of a date field
        if stop["isBody"] or (stops and stop["index"] < stops[-1]["index"]):
            break  # left the page (or came round to the top again)
        assert not stops or stop["index"] > stops[-1]["index"], (
            f"fokus fastnade på {describe(stop)}"
        )
        assert stop["visibleFocus"], f"fokus syns inte på {describe(stop)}"
        stops.append(stop)
    else:
        raise AssertionError(f"Tab lämnade inte sidan efter {limit} tryck: {describe(stop)}")
    # Radio buttons of a group are one stop; anything else tabbable is reached.
    assert len(stops) >= count - page.locator("input[type=radio]").count()
    page.evaluate("() => document.activeElement?.blur()")


def log_in_with_keyboard(page, username: str) -> None:
    """Log in with the keyboard; then the start page's skip link is the first stop."""
    page.goto("/konto/logga-in/")
    username_field = page.get_by_label("Användarnamn")
    if not focused(page, username_field)["isTarget"]:  # the login page focuses it (autofocus)
        tab_to(page, username_field)
    page.keyboard.type(username)
    stops = tab_to(page, page.get_by_label("Lösenord"), limit=1)  # the next stop, nothing between
    assert stops[0]["tag"] == "input"
    page.keyboard.type(PASSWORD)
    press(page, "Enter")
    assert "logga-in" not in page.url
    assert_skip_link_first(page)


def follow(page, link, *, key: str = "Enter") -> None:
    tab_to(page, link)
    press(page, key)


def test_ministry_officer_finds_a_submitted_report_and_returns_it(page):
    malmo = factories.malmo()
    coordinator = factories.coordinator(malmo, username="kb.samordnare")
    factories.officer(username="kb.handlaggare")
    world = report_world(malmo, district_name="Rosengård (tangentbord)")
    services.district_report_save(
        report=world.report, data=complete_input(world), expected_version=1, actor=coordinator
    )
    services.district_report_submit(
        report=AnnualDistrictReport.objects.get(pk=world.report.pk), actor=coordinator
    )

    log_in_with_keyboard(page, "kb.handlaggare")
    follow(
        page,
        page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Redovisningar", exact=True
        ),
    )
    follow(page, page.get_by_role("link", name=re.compile("Rosengård \\(tangentbord\\)")).first)
    assert page.url.endswith(world.report.get_absolute_url())

    # The confirmation page opens from the keyboard and is left again with its Cancel link.
    follow(page, page.get_by_role("link", name="Återsänd"))
    assert page.get_by_role("heading", level=1).is_visible()
    follow(page, page.get_by_role("link", name="Avbryt"))
    assert page.url.endswith(world.report.get_absolute_url())

    follow(page, page.get_by_role("link", name="Återsänd"))
    assert_no_keyboard_trap(page)
    tab_to(page, page.get_by_role("textbox", name=re.compile("Kommentar till kommunen")))
    page.keyboard.type("Beskriv hindren närmare.")
    follow(page, page.get_by_role("button", name="Återsänd"), key="Space")

    assert page.get_by_text("Redovisningen är återsänd till kommunen.").is_visible()
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    assert report.status == "returned"


def test_coordinator_edits_and_submits_the_district_report(page):
    malmo = factories.malmo()
    coordinator = factories.coordinator(malmo, username="kb.samordnare")
    world = report_world(malmo, district_name="Rosengård (tangentbord)")
    services.district_report_save(
        report=world.report, data=complete_input(world), expected_version=1, actor=coordinator
    )

    log_in_with_keyboard(page, "kb.samordnare")
    follow(page, page.get_by_role("link", name="Årlig redovisning 2026").first)
    follow(page, page.get_by_role("link", name="Redigera"))
    assert_no_keyboard_trap(page)
    summary = page.get_by_role("textbox", name="Sammanfattning", exact=True)
    tab_to(page, summary)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Fler i arbete, skrivet med tangentbordet.")
    follow(page, page.get_by_role("button", name="Spara och gå till inlämning"))
    assert page.get_by_role("heading", level=1).inner_text() == "Vill du lämna in redovisningen?"
    follow(page, page.get_by_role("button", name="Lämna in"), key="Space")

    assert page.get_by_text("Redovisningen är inlämnad för granskning.").is_visible()
    report = AnnualDistrictReport.objects.get(pk=world.report.pk)
    assert report.status == "submitted"
    assert report.summary == "Fler i arbete, skrivet med tangentbordet."


def test_agency_officer_finds_a_draft_accord_and_proposes_it(page):
    malmo = factories.malmo()
    fk = factories.AgencyFactory(name="Försäkringskassan")
    factories.agency_officer(fk, username="kb.myndighet")
    accord = build.accord(
        agency=fk, agreement=build.signed_agreement(malmo), title="FK och Malmö (tangentbord)"
    )

    log_in_with_keyboard(page, "kb.myndighet")
    follow(
        page,
        page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Samverkansöverenskommelser"
        ),
    )
    follow(page, page.get_by_role("link", name="FK och Malmö (tangentbord)"))
    follow(page, page.get_by_role("link", name="Föreslå för motparten"))
    assert_no_keyboard_trap(page)
    follow(page, page.get_by_role("button", name="Föreslå", exact=True))

    assert page.get_by_text("Överenskommelsen är föreslagen för kommunen.").is_visible()
    accord.refresh_from_db()
    assert accord.status == CooperationAccord.Status.PROPOSED


def test_reader_searches_and_opens_an_agreement(page):
    malmo = factories.malmo()
    factories.reader(username="kb.lasare")
    build.signed_agreement(malmo, title="Avtal Malmö (tangentbord)")
    build.signed_agreement(factories.botkyrka(), title="Avtal Botkyrka (tangentbord)")

    log_in_with_keyboard(page, "kb.lasare")
    follow(
        page,
        page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Avtal", exact=True
        ),
    )
    assert_skip_link_first(page)
    tab_to(page, page.get_by_role("textbox", name="Sök"))
    page.keyboard.type("Malmö")
    press(page, "Enter")
    assert page.get_by_role("link", name="Avtal Botkyrka (tangentbord)").count() == 0
    follow(page, page.get_by_role("link", name="Avtal Malmö (tangentbord)"))

    assert page.get_by_role("heading", level=1).inner_text() == "Avtal Malmö (tangentbord)"
    # Shift+Tab goes back the way it came.
    tab_to(page, page.get_by_role("link", name="Tillgänglighetsredogörelse"))
    before = focused(page)
    page.keyboard.press("Shift+Tab")
    assert focused(page)["index"] < before["index"]
