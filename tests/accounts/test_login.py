import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "ett-långt-lösenord-2026"
LOCKOUT_TEXT = (
    "För många misslyckade inloggningar. Försök igen om 30 minuter eller kontakta "
    "systemadministratören."
)


@pytest.fixture
def login_url():
    return reverse("accounts:login")


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_user(
        username="anna", password=PASSWORD, first_name="Anna", last_name="Andersson"
    )


def test_login_page_answers_with_swedish_labels(client, login_url):
    response = client.get(login_url)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert '<label class="field__label" for="id_username">Användarnamn' in html
    assert '<label class="field__label" for="id_password">Lösenord' in html
    assert "(obligatoriskt)" in html
    assert "<h1>Logga in</h1>" in html


def test_wrong_password_shows_a_swedish_error(client, login_url, anna):
    response = client.post(login_url, {"username": "anna", "password": "fel-lösenord"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Formuläret innehåller fel" in html
    assert "Fel användarnamn eller lösenord." in html
    assert "_auth_user_id" not in client.session


def test_empty_login_form_links_each_error_to_its_field(client, login_url):
    response = client.post(login_url, {"username": "", "password": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_username">Användarnamn: Fyll i ditt användarnamn.</a>' in html
    assert 'id="id_username_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_username_error"' in html


def test_successful_login_redirects_to_home(client, login_url, anna):
    response = client.post(login_url, {"username": "anna", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_logged_in_page_shows_name_role_and_a_logout_form(client, anna):
    client.force_login(anna)

    html = client.get(reverse("home")).content.decode()

    assert "Anna Andersson" in html
    assert "Ingen roll" in html
    assert f'action="{reverse("accounts:logout")}"' in html
    assert 'href="#main"' in html
    assert 'aria-current="page"' in html


def test_logout_does_not_answer_get(client, anna):
    client.force_login(anna)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_logout_by_post_logs_out_and_returns_to_login(client, anna, login_url):
    client.force_login(anna)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == login_url
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_lock_the_account_out_with_429(client, login_url, anna, settings):
    settings.AXES_ENABLED = True
    wrong = {"username": "anna", "password": "fel-lösenord"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(login_url, wrong).status_code == 400

    response = client.post(login_url, wrong)

    assert response.status_code == 429
    assert LOCKOUT_TEXT in " ".join(response.content.decode().split())


def test_locked_out_account_is_refused_even_with_the_right_password(
    client, login_url, anna, settings
):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login_url, {"username": "anna", "password": "fel-lösenord"})

    response = client.post(login_url, {"username": "anna", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_language_switch_sets_english(client, login_url):
    response = client.post(reverse("set_language"), {"language": "en", "next": login_url})

    assert response.status_code == 302
    assert response.url == login_url
    assert '<html lang="en">' in client.get(login_url).content.decode()


def test_browser_language_alone_does_not_switch_to_english(client, login_url):
    response = client.get(login_url, headers={"accept-language": "en-US,en;q=0.9"})

    assert '<html lang="sv">' in response.content.decode()
