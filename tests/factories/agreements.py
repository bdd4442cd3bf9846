"""Factories and helpers for the agreement pages: agreements in a given state, revisions,
attachments and small real PDF files."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement, AgreementRevision, Attachment
from tests import factories

D = datetime.date

# A minimal but complete PDF (one empty A4 page): the upload check sniffs "%PDF-".
PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def pdf_upload(name: str = "undertecknat avtal.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def agreement(status: str = Agreement.Status.NEGOTIATING, **kwargs) -> Agreement:
    """An agreement 2019–2021 in `status` (signed ones with signatories and dates)."""
    kwargs.setdefault("starts_on", D(2019, 1, 1))
    kwargs.setdefault("ends_on", D(2021, 12, 31))
    if status in (
        Agreement.Status.SIGNED,
        Agreement.Status.IN_FORCE,
        Agreement.Status.ENDED,
        Agreement.Status.TERMINATED,
    ):
        kwargs.setdefault("state_signatory", "Anna Statsråd")
        kwargs.setdefault("state_signed_on", D(2018, 12, 1))
        kwargs.setdefault("municipality_signatory", "Kim Kommunstyrelse")
        kwargs.setdefault("municipality_signed_on", D(2018, 12, 2))
    return factories.AgreementFactory(status=status, **kwargs)


def revision(agreement: Agreement, year: int = 2020, **kwargs) -> AgreementRevision:
    kwargs.setdefault("description", "Nya tidsfrister.")
    kwargs.setdefault("decided_on", D(year, 3, 1))
    return AgreementRevision.objects.create(agreement=agreement, year=year, **kwargs)


def attachment(agreement: Agreement, name: str = "bilaga.pdf", user=None) -> Attachment:
    item = Attachment(
        content_type=ContentType.objects.get_for_model(Agreement),
        object_id=agreement.pk,
        original_name=name,
        mime_type="application/pdf",
        size_bytes=len(PDF_BYTES),
        sha256="0" * 64,
        uploaded_by=user,
    )
    item.file.save(name, ContentFile(PDF_BYTES), save=False)
    item.save()
    return item
