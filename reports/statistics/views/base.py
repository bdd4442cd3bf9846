"""Shared pieces of the statistics views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


class PermissionMixin:
    """For FilteredListView subclasses: after the login check, the page's permission (403)."""

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_perm(request.user, self.permission)
        return super().dispatch(request, *args, **kwargs)
