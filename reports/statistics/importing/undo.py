"""Undoing an import: the values it changed get their previous contents back, the values it
created are deleted. Refused when a later import has since changed some of them (undo that one
first), so that an undo never overwrites newer figures."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import ImportBatch, IndicatorValue, ReplacedValue
from reports.statistics.importing.core import lock_imports
from udavtal.lib.workflow import check_transition


def later_batches(batch: ImportBatch) -> list[ImportBatch]:
    """Imports still in force that overwrote values of `batch`."""
    return list(
        ImportBatch.objects.filter(
            status=ImportBatch.Status.IMPORTED,
            replaced_values__previous_batch_id=batch.pk,
        )
        .distinct()
        .order_by("imported_at")
    )


def batch_undo(*, batch: ImportBatch, actor) -> ImportBatch:
    """Undo `batch` in one transaction. TransitionNotAllowed (403) if it is already undone;
    ValidationError if a later import changed some of its values."""
    with transaction.atomic():
        lock_imports()
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        check_transition(locked, allowed_from=[ImportBatch.Status.IMPORTED])
        still_its_own = IndicatorValue.objects.filter(batch=locked).count()
        if still_its_own != locked.created_count + locked.updated_count:
            later = ", ".join(
                f"{b.file_name} ({timezone.localtime(b.imported_at):%Y-%m-%d %H:%M})"
                for b in later_batches(locked)
            )
            raise ValidationError(
                _(
                    "Importen kan inte ångras: %(count)s av dess värden har ändrats av en senare "
                    "import (%(later)s). Ångra den senare importen först."
                )
                % {
                    "count": locked.created_count + locked.updated_count - still_its_own,
                    "later": later or _("okänd"),
                }
            )
        values = IndicatorValue._meta.db_table
        replaced = ReplacedValue._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""UPDATE {values} SET
                    value = r.value,
                    population_base = r.population_base,
                    source = r.source,
                    published_on = r.published_on,
                    is_example = r.is_example,
                    batch_id = r.previous_batch_id
                FROM {replaced} r
                WHERE r.batch_id = %s AND {values}.id = r.value_id""",
                [locked.pk],
            )
            cursor.execute(f"DELETE FROM {values} WHERE batch_id = %s", [locked.pk])
            cursor.execute(f"DELETE FROM {replaced} WHERE batch_id = %s", [locked.pk])
        locked.status = ImportBatch.Status.UNDONE
        locked.undone_by = actor
        locked.undone_at = timezone.now()
        locked._history_user = actor
        locked._change_reason = _("Import ångrad")
        locked.save(update_fields=["status", "undone_by", "undone_at"])
    return locked
