"""Two-factor authentication: required for ministry roles, available to everyone."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_MINISTRY = True


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_officer_without_authenticator_is_sent_to_setup(required, officer_client):
    response = officer_client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-setup"))


def test_admin_site_also_requires_the_second_step(required, admin_user_client):
    response = admin_user_client.get("/admin/")
    assert response["Location"].startswith(reverse("accounts:otp-setup"))


def test_coordinator_is_not_required_to_use_two_factor(required, coordinator_client):
    assert coordinator_client.get(reverse("home")).status_code == 200


def test_setup_page_shows_a_qr_code_and_the_key_in_swedish(required, officer_client):
    response = officer_client.get(reverse("accounts:otp-setup"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Aktivera tvåstegsverifiering" in content
    assert "<svg" in content
    assert 'aria-label="QR-kod för autentiseringsappen"' in content


def test_wrong_code_is_refused_with_a_swedish_message(required, officer_client, officer):
    officer_client.get(reverse("accounts:otp-setup"))
    response = officer_client.post(reverse("accounts:otp-setup"), {"token": "000000"})
    assert response.status_code == 400
    assert "Koden stämmer inte" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_right_code_confirms_the_device_and_opens_the_pages(required, officer_client, officer):
    officer_client.get(reverse("accounts:otp-setup"))
    device = TOTPDevice.objects.get(user=officer)
    response = officer_client.post(reverse("accounts:otp-setup"), {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert officer_client.get(reverse("home")).status_code == 200


def test_next_login_asks_for_the_code(required, client, officer):
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    client.post(
        reverse("accounts:login"), {"username": officer.username, "password": "udavtal-test"}
    )
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("accounts:otp-verify"))
    response = client.post(reverse("accounts:otp-verify"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_coordinator_who_chose_two_factor_must_enter_the_code(client, coordinator_malmo):
    TOTPDevice.objects.create(user=coordinator_malmo, name="app", confirmed=True)
    client.force_login(coordinator_malmo)
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("accounts:otp-verify"))


def test_next_parameter_cannot_send_the_user_to_another_site(required, officer_client, officer):
    officer_client.get(reverse("accounts:otp-setup"))
    device = TOTPDevice.objects.get(user=officer)
    response = officer_client.post(
        reverse("accounts:otp-setup"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")
