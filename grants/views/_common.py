"""Small helpers shared by the grant views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from grants.models import GrantApplication


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
