"""Helpers shared by the partnership views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError


def require(user, perm: str, obj=None) -> None:
    """403 unless the user has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form (non-field or per field)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
