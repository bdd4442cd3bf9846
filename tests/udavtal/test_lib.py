"""Shared helpers: Swedish formats, checked uploads, optimistic locking, transitions, history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement
from tests import factories
from udavtal.lib import formats
from udavtal.lib.concurrency import StaleObjectError, claim_version
from udavtal.lib.history import changes_for
from udavtal.lib.uploads import PDF, check_upload, safe_filename
from udavtal.lib.workflow import TransitionNotAllowed, transition


def test_numbers_use_space_and_decimal_comma():
    assert formats.number(Decimal("1234.5"), 1) == "1\u00a0234,5"
    assert formats.number(1234567) == "1\u00a0234\u00a0567"


def test_missing_number_is_a_dash_never_zero():
    assert formats.number(None) == "–"


def test_money_short_uses_government_units():
    assert formats.money_short(Decimal("2200000000")) == "2,2\u00a0mdkr"
    assert formats.money_short(Decimal("425000000")) == "425\u00a0mnkr"


def test_long_date_is_swedish():
    assert formats.long_date(datetime.date(2026, 10, 1)) == "1 oktober 2026"


def test_pdf_upload_is_accepted_and_renamed():
    upload = SimpleUploadedFile("Avtal Malmö ÅÄÖ.pdf", b"%PDF-1.7\n%test\n", "application/pdf")
    checked = check_upload(upload, allowed=(PDF,))
    assert checked.mime_type == PDF
    assert checked.name == "Avtal-Malmo-AAO.pdf"
    assert len(checked.sha256) == 64


def test_upload_named_pdf_with_other_content_is_refused():
    upload = SimpleUploadedFile("avtal.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        check_upload(upload)
    assert "Filtypen stöds inte" in excinfo.value.messages[0]


def test_too_large_upload_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 10
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.7" + b"x" * 20)
    with pytest.raises(ValidationError) as excinfo:
        check_upload(upload)
    assert "för stor" in excinfo.value.messages[0]


def test_safe_filename_strips_paths():
    assert safe_filename("../../etc/passwd", "pdf") == "passwd.pdf"
    assert safe_filename("C:\\temp\\x.y.pdf", "pdf") == "x.y.pdf"


@pytest.mark.django_db
def test_stale_version_is_refused():
    agreement = factories.AgreementFactory()
    claim_version(agreement, expected_version=1)
    with pytest.raises(StaleObjectError) as excinfo:
        claim_version(agreement, expected_version=1)
    assert "Någon annan har sparat" in str(excinfo.value)


@pytest.mark.django_db
def test_transition_from_a_wrong_state_is_refused(officer):
    agreement = factories.AgreementFactory(status=Agreement.Status.ENDED)
    with pytest.raises(TransitionNotAllowed):
        transition(
            agreement,
            to=Agreement.Status.SIGNED,
            allowed_from=[Agreement.Status.NEGOTIATING],
            actor=officer,
        )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.ENDED


@pytest.mark.django_db
def test_transition_is_in_the_history_with_actor_and_reason(officer):
    agreement = factories.AgreementFactory(status=Agreement.Status.OFFERED)
    transition(
        agreement,
        to=Agreement.Status.NEGOTIATING,
        allowed_from=[Agreement.Status.OFFERED],
        actor=officer,
        reason="Kommunen har tackat ja till överläggning",
    )
    changes = changes_for(agreement)
    status_change = next(c for c in changes if c.field == "Status")
    assert status_change.old == "Erbjuden"
    assert status_change.new == "Under överläggning"
    assert status_change.who == "Hanna Handläggare"
    assert status_change.reason == "Kommunen har tackat ja till överläggning"
    assert agreement.version == 2


def test_service_errors_land_on_their_field_or_at_the_top_of_the_form():
    from django import forms
    from django.core.exceptions import ValidationError

    from udavtal.lib.concurrency import StaleObjectError
    from udavtal.lib.pages import add_service_errors

    class Form(forms.Form):
        title = forms.CharField()

    form = Form({"title": "x"})
    form.is_valid()
    add_service_errors(form, ValidationError({"title": "Fel titel.", "elsewhere": "Annat fel."}))
    add_service_errors(form, StaleObjectError("Avtal X"))

    assert form.errors["title"] == ["Fel titel."]
    assert form.non_field_errors()[0] == "Annat fel."
    assert form.non_field_errors()[1].startswith("Någon annan har sparat ändringar i ”Avtal X”")
