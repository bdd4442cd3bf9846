"""The backup script dumps, restores into a fresh database and verifies counts and checksums."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from agreements.models import Attachment
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archived_attachment(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    agreement = factories.AgreementFactory()
    content = b"%PDF-1.4 signed agreement"
    attachment = Attachment(
        content_object=agreement,
        original_name="avtal.pdf",
        mime_type="application/pdf",
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save("avtal.pdf", ContentFile(content), save=True)
    return attachment


def test_backup_is_restored_and_verified(archived_attachment, tmp_path, capsys):
    call_command("backup_verify", output=str(tmp_path / "backups"))
    out = capsys.readouterr().out
    assert "inga avvikelser" in out
    assert "Kontrollsummor kontrollerade för 1 arkiverade filer" in out
    assert list((tmp_path / "backups").glob("*.dump"))


def test_a_changed_archived_file_fails_the_check(archived_attachment, tmp_path):
    archived_attachment.file.open("wb").write(b"tampered")
    with pytest.raises(CommandError):
        call_command("backup_verify", output=str(tmp_path / "backups"))
