"""`manage.py load_demo_data --dry-run` on a database without the demo."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_dry_run_lists_what_would_be_created_and_saves_nothing():
    before = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    out = StringIO()

    call_command("load_demo_data", "--dry-run", stdout=out)

    after = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    assert after == before
    assert "provkörning" in out.getvalue()
    assert "lokala utvecklingsavtal: 60" in out.getvalue()
