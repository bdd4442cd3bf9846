"""Forms, tables and language in the HTML every demo role gets (WCAG 2.1: 1.3.1, 3.1.1, 3.3.1,
3.3.2, 4.1.2), checked without a browser: the Django test client crawls each role's pages (one
per URL pattern name), tinyhtml5 parses them (WeasyPrint's HTML parser) and cssselect2 queries.

- every visible form control has a label (label[for], a wrapping label, aria-label(ledby));
- a required control says so in its label text, "(obligatoriskt)", not only by colour;
- every table has a caption and every header cell a scope; a sortable header carries aria-sort
  and says in text what a click does;
- an edit form submitted empty shows the error summary first, each link of which leads to a field
  with aria-invalid="true" and aria-describedby naming its error text;
- the page says lang="sv", and lang="en" after switching to English.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import cssselect2
import pytest
import tinyhtml5
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

ROLES = ["handlaggare", "samordnare.malmo", "myndighet.fk", "lasare", "admin"]
MAX_PAGES_PER_ROLE = 80
SKIPPED_PREFIXES = ("/admin/", "/konto/logga-ut/", "/i18n/", "/static/", "/filer/")
FILE_SUFFIXES = (".csv", ".xlsx", ".json", ".pdf", ".docx")
CONTROLS = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), "
    "select, textarea"
)
REQUIRED_TEXT = "(obligatoriskt)"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module and rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo_data", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def parse(html: str) -> cssselect2.ElementWrapper:
    return cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))


def text(element: cssselect2.ElementWrapper) -> str:
    return " ".join("".join(element.etree_element.itertext()).split())


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client: Client) -> dict[str, cssselect2.ElementWrapper]:
    """Breadth-first from the start page, one page per view name: {path: parsed page}."""
    pages: dict[str, cssselect2.ElementWrapper] = {}
    seen_views: set[str] = set()
    queue, queued = ["/"], {"/"}
    while queue and len(pages) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        split = urlsplit(path)
        view_name = _view_name(split.path)
        if view_name is None or view_name in seen_views or split.path.endswith(FILE_SUFFIXES):
            continue
        seen_views.add(view_name)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        pages[path] = root = parse(response.content.decode())
        for link in root.query_all("a[href]:not([download])"):
            target = urlsplit(urljoin("http://testserver" + path, link.etree_element.get("href")))
            if target.netloc != "testserver" or "export=" in target.query:
                continue
            href = target.path + (f"?{target.query}" if target.query else "")
            if not target.path.startswith(SKIPPED_PREFIXES) and href not in queued:
                queued.add(href)
                queue.append(href)
    return pages


def label_problems(path: str, root: cssselect2.ElementWrapper) -> list[str]:
    labels = {label.etree_element.get("for"): text(label) for label in root.query_all("label[for]")}
    problems = []
    for control in root.query_all(CONTROLS):
        attrs = control.etree_element.attrib
        name = attrs.get("name") or attrs.get("id")
        wrapping = next((a for a in control.ancestors if a.local_name == "label"), None)
        legend = None
        fieldset = next((a for a in control.ancestors if a.local_name == "fieldset"), None)
        if fieldset is not None and fieldset.query("legend") is not None:
            legend = text(fieldset.query("legend"))
        label = labels.get(attrs.get("id")) or (text(wrapping) if wrapping is not None else None)
        if not (label or attrs.get("aria-label") or attrs.get("aria-labelledby")):
            problems.append(f"{path}: fältet {name} saknar etikett")
        elif "required" in attrs and attrs.get("type") not in ("radio", "checkbox"):
            if REQUIRED_TEXT not in (label or attrs.get("aria-label") or ""):
                problems.append(f"{path}: obligatoriska fältet {name} säger det inte i text")
        elif "required" in attrs and REQUIRED_TEXT not in f"{label} {legend}":
            problems.append(f"{path}: obligatoriska valet {name} säger det inte i text")
    return problems


def table_problems(path: str, root: cssselect2.ElementWrapper) -> list[str]:
    problems = []
    for index, table in enumerate(root.query_all("table"), start=1):
        caption = table.query("caption")
        if caption is None or not text(caption):
            problems.append(f"{path}: tabell {index} saknar caption")
        for th in table.query_all("th"):
            if th.etree_element.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
                problems.append(f"{path}: tabell {index}, rubriken '{text(th)}' saknar scope")
        for th in table.query_all("th:has(a.sort-link)"):
            state = th.etree_element.get("aria-sort")
            if state not in ("ascending", "descending", "none"):
                problems.append(f"{path}: sorterbara rubriken '{text(th)}' saknar aria-sort")
            elif not any(f"sortera {way}" in text(th) for way in ("stigande", "fallande")):
                problems.append(f"{path}: sorterbara rubriken '{text(th)}' säger inte vad den gör")
    for region in root.query_all(".table-wrap"):
        attrs = region.etree_element.attrib
        if not (attrs.get("tabindex") == "0" and attrs.get("role") == "region"):
            problems.append(f"{path}: tabellens rullområde går inte att nå med tangentbord")
        elif not attrs.get("aria-label"):
            problems.append(f"{path}: tabellens rullområde saknar namn")
    return problems


def empty_submission(path: str, root: cssselect2.ElementWrapper) -> tuple[str, dict] | None:
    """(action, data) of the page's edit form (a POST form in main with a text field) with every
    field left empty, as a browser would send it, or None if the page has no such form."""
    if "bekrafta" in path:  # a confirmation page has nothing to leave empty
        return None
    for form in root.query_all("main form[method=post]"):
        if form.query("input[type=text], textarea") is None:
            continue
        data: dict[str, str] = {}
        for field in form.query_all("input[name], select[name], textarea[name]"):
            attrs = field.etree_element.attrib
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio", "file", "submit", "button"):
                continue
            # Hidden fields (version, formset management forms) keep their value.
            data[attrs["name"]] = attrs.get("value", "") if kind == "hidden" else ""
        return urljoin(path, form.etree_element.get("action") or path), data
    return None


def error_summary_problems(path: str, root: cssselect2.ElementWrapper) -> list[str]:
    summary = root.query("main .error-summary")
    if summary is None:
        return []
    problems = []
    if summary.etree_element.get("role") != "alert":
        problems.append(f"{path}: felsammanfattningen meddelas inte (role=alert)")
    order = {element.etree_element: i for i, element in enumerate(root.iter_subtree())}
    form = next((a for a in summary.ancestors if a.local_name == "form"), None)
    first_control = form.query(CONTROLS) if form is not None else None
    if (
        first_control is not None
        and order[first_control.etree_element] < order[summary.etree_element]
    ):
        problems.append(f"{path}: felsammanfattningen står inte före fälten")
    for link in summary.query_all("a[href^='#']"):
        target_id = link.etree_element.get("href")[1:]
        field = root.query(f"[id='{target_id}']")
        if field is None:
            problems.append(f"{path}: länken '{text(link)}' leder inte till något fält")
            continue
        if field.local_name == "fieldset":
            field = field.query("[aria-invalid='true']") or field
        attrs = field.etree_element.attrib
        control = field.local_name in ("input", "select", "textarea")
        if control and attrs.get("aria-invalid") != "true":
            problems.append(f"{path}: fältet {target_id} saknar aria-invalid")
        describedby = attrs.get("aria-describedby", "")
        fieldset = next((a for a in field.ancestors if a.local_name == "fieldset"), None)
        if fieldset is not None:
            describedby += " " + fieldset.etree_element.get("aria-describedby", "")
        errors = [i for i in describedby.split() if i.endswith("_error")]
        error = root.query(f"[id='{errors[0]}']") if errors else None
        if error is None or not text(error):
            problems.append(f"{path}: felet för {target_id} är inte kopplat med aria-describedby")
    return problems


@pytest.fixture(scope="module")
def crawled(demo, django_db_blocker):
    """{role: (client, {path: parsed page})} for every demo role."""
    result = {}
    # Module scope: the function-scoped settings fixtures of tests/conftest.py do not apply yet.
    with django_db_blocker.unblock(), override_settings(OTP_REQUIRED_FOR_MINISTRY=False):
        for username in ROLES:
            client = Client()
            client.force_login(User.objects.get(username=username))
            result[username] = (client, crawl(client))
    return result


@pytest.mark.parametrize("username", ROLES)
def test_every_control_is_labelled_and_says_when_it_is_required(crawled, username):
    _, pages = crawled[username]
    assert len(pages) > 3
    assert any(root.query(CONTROLS) is not None for root in pages.values())
    problems = [p for path, root in pages.items() for p in label_problems(path, root)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ROLES)
def test_every_table_has_caption_scoped_headers_and_stated_sorting(crawled, username):
    _, pages = crawled[username]
    assert any(root.query("th[aria-sort]") is not None for root in pages.values())
    problems = [p for path, root in pages.items() for p in table_problems(path, root)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ROLES)
def test_every_page_is_in_swedish(crawled, username):
    _, pages = crawled[username]
    wrong = [path for path, root in pages.items() if root.etree_element.get("lang") != "sv"]
    assert not wrong


@pytest.mark.parametrize("username", ROLES)
def test_an_empty_edit_form_shows_a_summary_linked_to_its_fields(crawled, username):
    client, pages = crawled[username]
    forms = {path: empty_submission(path, root) for path, root in pages.items()}
    forms = {path: form for path, form in forms.items() if form}
    assert forms, "ingen redigeringssida hittades"
    problems, summaries = [], 0
    for path, (action, data) in forms.items():
        with transaction.atomic():  # an empty form that is accepted changes nothing for later
            response = client.post(action, data)
            transaction.set_rollback(True)
        if response.status_code in (200, 400, 422):
            root = parse(response.content.decode())
            summaries += root.query("main .error-summary") is not None
            problems += error_summary_problems(path, root) + label_problems(path, root)
    assert summaries > 0
    assert not problems, "\n".join(problems)


def test_sorted_header_states_its_order(crawled):
    client, _ = crawled["handlaggare"]
    url = reverse("agreements:agreement-list")
    for order, state, said in [
        ("title", "ascending", "stigande"),
        ("-title", "descending", "fallande"),
    ]:
        root = parse(client.get(url, {"sort": order}).content.decode())
        sorted_headers = list(root.query_all(f"th[aria-sort={state}]"))
        assert len(sorted_headers) == 1
        assert said in text(sorted_headers[0])
        assert all(
            th.etree_element.get("aria-sort") == "none"
            for th in root.query_all("th:has(a.sort-link)")
            if th.etree_element is not sorted_headers[0].etree_element
        )


def test_the_language_switch_marks_its_languages_and_english_pages_say_en(crawled):
    client, _ = crawled["lasare"]
    root = parse(client.get("/").content.decode())
    switch = root.query(".language-switch")
    assert root.etree_element.get("lang") == "sv"
    assert switch.query("[lang=en]") is not None and text(switch.query("[lang=en]")) == "English"
    assert text(switch.query("[lang=sv]")) == "Svenska"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    try:
        root = parse(client.get("/").content.decode())
        assert root.etree_element.get("lang") == "en"
        assert text(root.query(".language-switch [lang=sv]")) == "Svenska"
    finally:
        client.post(reverse("set_language"), {"language": "sv", "next": "/"})


def test_the_checks_find_what_they_look_for():
    """The checks above on markup that breaks each rule once (so that they can fail)."""
    bad_form = parse(
        "<main><form method=post>"
        '<input id="a" name="a" required><label for="b">B</label><input id="b" name="b" required>'
        '<div class="error-summary"><a href="#b">B: fel</a></div>'
        "</form></main>"
    )
    assert label_problems("/x", bad_form) == [
        "/x: fältet a saknar etikett",
        "/x: obligatoriska fältet b säger det inte i text",
    ]
    assert error_summary_problems("/x", bad_form) == [
        "/x: felsammanfattningen meddelas inte (role=alert)",
        "/x: felsammanfattningen står inte före fälten",
        "/x: fältet b saknar aria-invalid",
        "/x: felet för b är inte kopplat med aria-describedby",
    ]
    bad_table = parse(
        '<div class="table-wrap"><table><tr><th>Namn</th>'
        '<th aria-sort="none"><a class="sort-link" href="?sort=x">År</a></th></tr></table></div>'
    )
    assert table_problems("/x", bad_table) == [
        "/x: tabell 1 saknar caption",
        "/x: tabell 1, rubriken 'Namn' saknar scope",
        "/x: tabell 1, rubriken 'År' saknar scope",
        "/x: sorterbara rubriken 'År' säger inte vad den gör",
        "/x: tabellens rullområde går inte att nå med tangentbord",
    ]
