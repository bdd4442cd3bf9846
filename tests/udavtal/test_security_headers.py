"""Security headers on every page: CSP with nonces, framing refused, referrer policy."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_sends_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    # Django adds 'nonce-…' only to responses whose template used the nonce.
    assert re.search(r"script-src 'self'( 'nonce-[A-Za-z0-9+/=_-]+')?;", policy)
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_every_inline_script_carries_the_nonce_of_the_policy(officer_client):
    response = officer_client.get(reverse("home"))
    found = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    content = response.content.decode()
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", content) if "src=" not in tag]
    for tag in inline:
        assert found and f'nonce="{found.group(1)}"' in tag


def test_pages_cannot_be_framed_and_send_a_referrer_policy(client):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_style_attributes_in_the_layout(officer_client):
    content = officer_client.get(reverse("home")).content.decode()
    assert " style=" not in content


def test_session_and_csrf_cookies_are_http_only(settings):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
