"""Small helpers shared by the grant views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from grants.models import GrantApplication
from udavtal.lib.concurrency import StaleObjectError


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def application_for(request, pk: int, perm: str | None = None) -> GrantApplication:
    """The application through the user's scope (404 outside it), then the permission (403)."""
    application = get_object_or_404(
        GrantApplication.objects.visible_to(request.user).select_related(
            "round",
            "round__programme",
            "round__programme__policy_phase",
            "round__appropriation",
            "municipality",
        ),
        pk=pk,
    )
    if perm is not None:
        require(request.user, perm, application)
    return application


def add_errors(form, error: ValidationError | StaleObjectError) -> None:
    """A service's error on the form: field errors where the field exists, else non-field."""
    if isinstance(error, StaleObjectError):
        form.add_error(None, str(error))
        return
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
