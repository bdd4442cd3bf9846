"""The shared shell: base layout, includes and error pages."""

import datetime
from types import SimpleNamespace

import django_filters
import django_tables2 as tables
import pytest
from django import forms
from django.contrib.auth.models import Group
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import MINISTRY_ADMIN, MINISTRY_OFFICER
from agreements.models import Municipality
from udavtal.forms import ReasonForm
from udavtal.lib.lists import FilteredListView


def _render(template, context, path="/"):
    request = RequestFactory().get(path)
    return render_to_string(template, context, request=request)


class _PeopleTable(tables.Table):
    caption = "Personer"
    name = tables.Column("Namn")
    amount = tables.Column("Belopp", attrs={"th": {"class": "num"}, "td": {"class": "num"}})


_ROWS = [{"name": f"Person {i:02}", "amount": i} for i in range(30)]


def _table(path):
    request = RequestFactory().get(path)
    table = _PeopleTable(_ROWS)
    tables.RequestConfig(request, paginate={"per_page": 10}).configure(table)
    return table.as_html(request)


def test_table_has_caption_column_scopes_and_sort_state():
    html = _table("/?sort=-name")

    assert "<caption>Personer</caption>" in html
    assert 'class="table-wrap" tabindex="0" role="region" aria-label="Personer"' in html
    assert 'scope="col"' in html
    assert 'aria-sort="descending"' in html
    assert "sorterad fallande, sortera stigande" in html  # the state, then what a click does
    assert 'aria-sort="none"' in html
    assert 'Belopp<span class="visually-hidden">, sortera stigande</span>' in html


def test_table_paginates_in_swedish():
    html = _table("/?page=2")

    assert "Sida 2 av 3" in " ".join(html.split())
    assert "Föregående" in html
    assert "Nästa" in html
    assert "?page=3" in html


def test_empty_table_says_so():
    request = RequestFactory().get("/")

    html = _PeopleTable([]).as_html(request)

    assert "Inga rader att visa." in html


class _EverythingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="Rubrik", help_text="Högst 200 tecken.")
    level = forms.ChoiceField(
        label="Nivå", choices=[("c", "Central"), ("l", "Lokal")], widget=forms.RadioSelect
    )
    areas = forms.MultipleChoiceField(
        label="Målområden", required=False, choices=[("a", "Arbete"), ("u", "Utbildning")]
    )
    document = forms.FileField(label="Dokument")
    text = forms.CharField(label="Text", widget=forms.Textarea, required=False)
    agree = forms.BooleanField(label="Jag intygar")


def test_form_include_summarises_errors_with_links_to_the_fields():
    form = _EverythingForm(data={"version": "3", "title": ""})
    form.is_valid()

    html = _render("includes/form.html", {"form": form})

    assert 'role="alert"' in html
    assert "Formuläret innehåller fel" in html
    assert '<a href="#id_title">Rubrik: Detta fält måste fyllas i.</a>' in html
    assert '<a href="#id_level_0">Nivå: Detta fält måste fyllas i.</a>' in html
    assert '<a href="#id_agree">' in html


def test_form_include_links_help_and_errors_to_the_widget():
    form = _EverythingForm(data={"version": "3", "title": ""})
    form.is_valid()

    html = _render("includes/form.html", {"form": form})

    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'id="id_title_helptext"' in html
    assert 'id="id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert '<fieldset class="field__group" aria-describedby="id_level_error">' in html
    assert 'type="hidden" name="version" value="3"' in html


def test_form_include_marks_required_fields_in_text():
    html = _render("includes/form.html", {"form": _EverythingForm()})

    assert (
        '<label class="field__label" for="id_title">Rubrik '
        '<span class="field__required">(obligatoriskt)</span></label>'
    ) in html
    assert '<label class="field__label" for="id_areas">Målområden</label>' in html
    assert '<label for="id_agree">Jag intygar <span' in html
    assert 'type="file"' in html
    assert "<textarea" in html
    assert "<select" in html and "multiple" in html
    assert "Formuläret innehåller fel" not in html


def test_filter_form_offers_filter_reset_and_exports():
    filterset = SimpleNamespace(form=ReasonForm(required=False))

    html = _render(
        "includes/filter_form.html",
        {"filter": filterset, "export_formats": ["csv", "xlsx"]},
        path="/avtal/?status=signed",
    )

    assert 'method="get"' in html
    assert "Filtrera</button>" in html
    assert 'href="/avtal/">Rensa</a>' in html
    assert "?status=signed&amp;_export=csv" in html
    assert "Excel (XLSX)" in html


def test_filter_form_shows_export_links_given_by_the_view():
    filterset = SimpleNamespace(form=ReasonForm(required=False))

    html = _render(
        "includes/filter_form.html",
        {"filter": filterset, "export_links": [("CSV", "?export=csv"), ("XLSX", "?export=xlsx")]},
    )

    assert '<a class="export-links__link" href="?export=csv">CSV</a>' in html
    assert '<a class="export-links__link" href="?export=xlsx">XLSX</a>' in html


def test_confirm_page_asks_for_a_reason_and_offers_confirm_and_cancel():
    html = _render(
        "includes/confirm.html",
        {
            "question": "Vill du återsända redovisningen?",
            "details": [("Stadsdel", "Rosengård")],
            "form": ReasonForm(),
            "cancel_url": "/redovisningar/1/",
            "danger": True,
        },
        path="/redovisningar/1/atersand/",
    )

    assert "<h1>Vill du återsända redovisningen?</h1>" in html
    assert 'method="post" action="/redovisningar/1/atersand/"' in html
    assert 'name="reason"' in html
    assert "button--danger" in html and "Bekräfta" in html
    assert 'href="/redovisningar/1/">Avbryt</a>' in html
    assert "<dt>Stadsdel</dt>" in html


def test_history_lists_who_when_field_from_and_to():
    changes = [
        {
            "who": "Anna Andersson",
            "when": datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC),
            "field": "Status",
            "from": None,
            "to": "Inlämnad",
        }
    ]

    html = _render("includes/history.html", {"changes": changes})

    assert "<caption>Ändringshistorik</caption>" in html
    assert "Anna Andersson" in html
    assert "2026-10-01 11:30" in html
    assert '<td class="history__value">–</td>' in html
    assert '<td class="history__value">Inlämnad</td>' in html


def test_history_also_takes_objects_with_old_and_new():
    change = SimpleNamespace(
        who="Bo Berg",
        when=datetime.datetime(2026, 10, 2, 8, 0, tzinfo=datetime.UTC),
        field="Status",
        old="Inlämnad",
        new="Godkänd",
        reason="Granskad",
    )

    html = _render("includes/history.html", {"changes": [change]})

    assert '<td class="history__value">Inlämnad</td>' in html
    assert '<td class="history__value">Godkänd</td>' in html
    assert "Granskad" in html


def test_empty_history_says_so():
    assert "Inga ändringar registrerade." in _render("includes/history.html", {"changes": []})


def test_messages_use_alert_for_errors_and_status_for_the_rest():
    request = RequestFactory().get("/")
    request.session = {}
    storage = FallbackStorage(request)
    storage.add(40, "Gick inte.")
    storage.add(25, "Sparat.")

    html = render_to_string("includes/messages.html", {"messages": storage})

    assert 'role="alert"' in html and "Gick inte." in html
    assert 'role="status"' in html and "Sparat." in html


@pytest.mark.django_db
def test_admin_sees_administration_in_the_navigation(client, django_user_model):
    user = django_user_model.objects.create_user(username="admin1", first_name="Ada")
    user.groups.add(Group.objects.create(name=MINISTRY_ADMIN))
    client.force_login(user)

    html = client.get(reverse("home")).content.decode()

    assert 'aria-label="Huvudmeny"' in html
    assert f'href="{reverse("admin:index")}"' in html
    assert "Systemadministratör" in html


@pytest.mark.django_db
def test_officer_does_not_see_administration(client, django_user_model):
    user = django_user_model.objects.create_user(username="officer1")
    user.groups.add(Group.objects.create(name=MINISTRY_OFFICER))
    client.force_login(user)

    html = client.get(reverse("home")).content.decode()

    assert reverse("admin:index") not in html
    assert "Departementets handläggare" in html


@pytest.mark.django_db
def test_anonymous_page_has_no_navigation_or_logout(client):
    html = client.get(reverse("accounts:login")).content.decode()

    assert 'aria-label="Huvudmeny"' not in html
    assert "Logga ut" not in html
    assert 'action="/i18n/setlang/"' in html


@pytest.mark.django_db
def test_missing_page_answers_404_in_swedish(client):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.parametrize(
    ("template", "heading"),
    [
        ("500.html", "Något gick fel"),
        ("400.html", "Felaktig begäran"),
        ("403_csrf.html", "Formuläret kunde inte skickas"),
    ],
)
def test_error_pages_render_without_request_or_database(template, heading):
    html = render_to_string(template)

    assert f"<h1>{heading}</h1>" in html
    assert '<html lang="sv">' in html


def test_years_are_not_grouped_but_amounts_are():
    html = Template("{{ year }} {{ amount|num }} {{ amount|sek }}").render(
        Context({"year": 2009, "amount": 1234567})
    )

    assert html == "2009 1\xa0234\xa0567 1\xa0234\xa0567\xa0kr"


class _MunicipalityTable(tables.Table):
    class Meta:
        model = Municipality
        fields = ("name", "code")


class _MunicipalityFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Namn")

    class Meta:
        model = Municipality
        fields = ["name"]


class _MunicipalityListView(FilteredListView):
    table_class = _MunicipalityTable
    filterset_class = _MunicipalityFilter
    title = "Kommuner"
    model = Municipality


@pytest.mark.django_db
def test_list_page_shows_filter_count_table_and_export_links(malmo, botkyrka, officer):
    request = RequestFactory().get("/kommuner/", {"name": "malm"})
    request.user = officer

    response = _MunicipalityListView.as_view()(request)
    html = response.render().content.decode()

    assert "<h1>Kommuner</h1>" in html
    assert 'name="name" value="malm"' in html
    assert "1 rad" in html
    assert "<caption>Kommuner</caption>" in html
    assert "Malmö" in html and "Botkyrka" not in html
    assert "?name=malm&amp;export=csv" in html
