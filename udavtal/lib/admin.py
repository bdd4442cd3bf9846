"""Shared building blocks of the Django admin (see docs/decisions/0003-admin.md).

- `SelectRelatedMixin`: relations that `__str__` reads are loaded on every queryset.
- `ChangeReasonMixin`: every save from the admin leaves a change reason in the history.
- `HistoryAdmin`: every model with history. Nothing is hard-deleted, every save leaves a change
  reason, and simple-history's "revert" form is switched off (a revert would bypass the workflow
  services and the optimistic lock; the history is there to be read).
- `VersionedAdminMixin`: models with a `version` column. The change form carries the version it was
  loaded at and a stale save is refused with the same message as the pages (no lost updates).
- `ReadOnlyAdminMixin`: logs and files that enter through the application only.
- `year_column`: years in lists without a thousands separator.
- `swedish_ordering`: names sorted in Swedish order (Å Ä Ö last) on PostgreSQL.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.db.models.functions import Collate
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from udavtal.lib.concurrency import StaleObjectError, claim_version

REASON_ADDED = _("Skapad i administrationen")
REASON_CHANGED = _("Ändrad i administrationen")
REASON_DELETED = _("Borttagen i administrationen")

SWEDISH_COLLATION = "sv-SE-x-icu"


def swedish_ordering(*fields: str) -> list:
    """Order by `fields` in Swedish collation on PostgreSQL; plain ordering elsewhere (SQLite)."""
    if connection.vendor != "postgresql":
        return list(fields)
    ordering = []
    for field in fields:
        descending = field.startswith("-")
        expression = Collate(field.lstrip("-"), SWEDISH_COLLATION)
        ordering.append(expression.desc() if descending else expression.asc())
    return ordering


def year_column(field: str = "year", description=None):
    """A list column for a year: plain digits (a number column would print "2 019")."""

    @admin.display(description=description or _("år"), ordering=field)
    def column(model_admin, obj) -> str:
        return str(getattr(obj, field))

    return column


class SelectRelatedMixin:
    """`str_select_related` names the relations `__str__` reads; every queryset of the admin
    (changelist, change page, autocomplete answers) loads them. Django's changelist ignores
    `list_select_related` once the queryset selects related rows, so both are applied here."""

    str_select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.str_select_related:
            listed = self.list_select_related
            queryset = queryset.select_related(
                *self.str_select_related, *(listed if isinstance(listed, list | tuple) else ())
            )
        return queryset


class ChangeReasonMixin:
    """Every save from the admin, inline rows included, records why in the history."""

    def save_model(self, request, obj, form, change) -> None:
        obj._change_reason = str(REASON_CHANGED if change else REASON_ADDED)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted._change_reason = str(REASON_DELETED)
            deleted.delete()
        for instance in instances:
            instance._change_reason = str(
                REASON_ADDED if instance._state.adding else REASON_CHANGED
            )
            instance.save()
        formset.save_m2m()


class HistoryAdmin(SelectRelatedMixin, ChangeReasonMixin, SimpleHistoryAdmin):
    """Base for every model with `history`."""

    def has_delete_permission(self, request, obj=None) -> bool:
        # Records with history are never hard-deleted through the UI (DESIGN §5, "No lost work").
        return False

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a POST to this view without checking the change permission;
        # with revert switched off the view is for reading only.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class NoDeleteInline:
    """Inline rows of models with history: editable, never deleted."""

    can_delete = False
    extra = 0

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the record was loaded at; refuses a save over a newer version."""

    loaded_version = forms.IntegerField(
        label=_("version vid inläsning"), widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # Read from the database: on simple-history's version view the instance is historical.
            self.fields["loaded_version"].initial = self._current_version(lock=False)

    def _current_version(self, *, lock: bool) -> int | None:
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get("loaded_version")
        if self.instance.pk is not None:
            if loaded is None:
                raise forms.ValidationError(_("Formuläret saknar version. Ladda om sidan."))
            # The admin runs a change in one transaction: the lock holds until it commits.
            if loaded != self._current_version(lock=True):
                raise forms.ValidationError(str(StaleObjectError(self.instance)))
        return cleaned_data


class VersionedAdminMixin:
    """For models derived from `udavtal.lib.models.VersionedModel`."""

    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        """The hidden version goes with the first fieldset, on an editable change form only."""
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "loaded_version"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], "loaded_version"]})
        return fieldsets

    def save_model(self, request, obj, form, change) -> None:
        if change:
            claim_version(obj, expected_version=form.cleaned_data["loaded_version"])
        super().save_model(request, obj, form, change)


class ReadOnlyAdminMixin:
    """Rows that enter through the application (imports, uploads): shown, never edited here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EstimatedCountPaginator(Paginator):
    """For tables with millions of rows: an unfiltered list takes PostgreSQL's row estimate
    instead of counting every row. Filtered lists and small tables are counted exactly."""

    exact_below = 100_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] >= self.exact_below:
                return row[0]
        return super().count
