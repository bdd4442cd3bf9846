"""Uploaded files: content sniffed (never trusting the name or the browser's type), size limited,
name sanitised, checksummed. Files are stored under MEDIA_ROOT and served only through views
that check the permission on the object they belong to."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENT_TYPES = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx"}
TYPE_LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", XLSX: "Excel (XLSX)"}


@dataclass(frozen=True)
class CheckedUpload:
    file: object
    name: str
    mime_type: str
    size: int
    sha256: str


def safe_filename(name: str, extension: str) -> str:
    """A name safe on every file system and in a Content-Disposition header."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-_")[:80] or "fil"
    return f"{stem}.{extension}"


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime in DOCUMENT_TYPES:
        return kind.mime
    return None


def check_upload(uploaded, *, allowed: tuple[str, ...] = (PDF, DOCX, XLSX)) -> CheckedUpload:
    """Validate an UploadedFile; raise ValidationError with a Swedish message."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(limit)s MB.")
            % {"size": round(uploaded.size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    uploaded.seek(0)
    head = uploaded.read(8192)
    mime = _sniff(head)
    if mime not in allowed:
        raise ValidationError(
            _("Filtypen stöds inte. Tillåtna filtyper: %(types)s.")
            % {"types": ", ".join(TYPE_LABELS[t] for t in allowed)},
            code="bad_type",
        )
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: uploaded.read(1_048_576), b""):
        digest.update(chunk)
    uploaded.seek(0)
    name = safe_filename(uploaded.name or "fil", DOCUMENT_TYPES[mime])
    uploaded.name = name
    return CheckedUpload(uploaded, name, mime, uploaded.size, digest.hexdigest())


def stored_file_response(field_file, filename: str, content_type: str = PDF) -> FileResponse:
    """A stored file (upload or archived PDF) as a download, for views that have checked the
    permission: 404 when the file is gone from storage, never sniffed, never kept by a cache."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
