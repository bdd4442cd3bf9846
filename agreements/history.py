"""The agreement's full change history for its page: every field of the agreement, its districts
and goal areas, and its funding lines (deleted ones included), as `udavtal.lib.history.Change`
rows for `includes/history.html`.

`udavtal.lib.history.changes_for` diffs one object's records with simple-history's
`diff_against`, which reads the many-to-many rows of every record with two queries per record.
The agreement page has many records behind it, so this module reads each history table once:
the agreement's records, the district and goal-area rows of those records, the funding lines'
records and the names of policy phases that changed. The number of queries stays the same
whatever the number of changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementFunding, PolicyPhase
from udavtal.lib import formats
from udavtal.lib.history import Change

SKIPPED = {"id", "version", "created_at", "updated_at"}
M2M_FIELDS = ("districts", "goal_areas")


def _who(record) -> str:
    return str(record.history_user) if record.history_user else _("Systemet")


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _show(field, value, names: dict) -> str:
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return names.get((field.related_model, value), str(value))
    if field.get_internal_type() == "DecimalField":
        return formats.money(value)
    if field.get_internal_type() == "FileField":
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def _m2m_names(records: list, field_name: str) -> dict[int, frozenset[str]]:
    """For each history record: the names of the districts (or goal areas) it had."""
    historical = Agreement.history.model
    through = historical._meta.get_field(f"historicalagreement_{field_name}").related_model
    target = Agreement._meta.get_field(field_name).m2m_reverse_field_name()
    names: dict[int, set[str]] = defaultdict(set)
    rows = through.objects.filter(history_id__in=[r.history_id for r in records]).values_list(
        "history_id", f"{target}__name"
    )
    for history_id, name in rows:
        names[history_id].add(name)
    return {r.history_id: frozenset(names.get(r.history_id, ())) for r in records}


def _agreement_changes(agreement: Agreement, limit: int) -> list[Change]:
    records = list(
        agreement.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    if not records:
        return []
    fields = [f for f in Agreement._meta.concrete_fields if f.name not in SKIPPED]
    m2m = {name: _m2m_names(records, name) for name in M2M_FIELDS}
    phase_ids = {r.policy_phase_id for r in records}
    names = {}
    if len(phase_ids) > 1:
        names = {
            (PolicyPhase, pk): name
            for pk, name in PolicyPhase.objects.filter(pk__in=phase_ids).values_list("pk", "name")
        }
    changes = []
    pairs = zip(records, [*records[1:], None], strict=True)
    for newer, older in pairs:
        who, reason = _who(newer), newer.history_change_reason or ""
        if older is None:
            if len(records) <= limit:
                changes.append(Change(newer.history_date, who, reason, "+", _("Skapat"), "", ""))
            continue
        for field in fields:
            old, new = getattr(older, field.attname), getattr(newer, field.attname)
            if old != new:
                changes.append(
                    Change(
                        newer.history_date,
                        who,
                        reason,
                        "~",
                        str(field.verbose_name).capitalize(),
                        _show(field, old, names),
                        _show(field, new, names),
                    )
                )
        for name in M2M_FIELDS:
            old, new = m2m[name][older.history_id], m2m[name][newer.history_id]
            if old != new:
                changes.append(
                    Change(
                        newer.history_date,
                        who,
                        reason,
                        "~",
                        _label(Agreement, name),
                        ", ".join(sorted(old)) or "–",
                        ", ".join(sorted(new)) or "–",
                    )
                )
    return changes


def _funding_changes(agreement: Agreement) -> list[Change]:
    records = AgreementFunding.history.filter(agreement_id=agreement.pk).select_related(
        "history_user"
    )
    by_line = defaultdict(list)
    for record in records.order_by("id", "history_date", "history_id"):
        by_line[record.id].append(record)
    amounts = ("state_amount_sek", "municipality_amount_sek", "note")
    changes = []
    for line_records in by_line.values():
        older = None
        for record in line_records:
            who, reason = _who(record), record.history_change_reason or ""
            subject = _("Finansiering %(year)s") % {"year": record.year}
            if record.history_type == "+" or older is None:
                summary = _describe_line(record)
                changes.append(Change(record.history_date, who, reason, "+", subject, "–", summary))
            elif record.history_type == "-":
                summary = _describe_line(older)
                changes.append(
                    Change(record.history_date, who, reason, "-", subject, summary, _("Borttagen"))
                )
            else:
                for name in ("year", *amounts):
                    old, new = getattr(older, name), getattr(record, name)
                    if old != new:
                        field = AgreementFunding._meta.get_field(name)
                        changes.append(
                            Change(
                                record.history_date,
                                who,
                                reason,
                                "~",
                                f"{subject}: {field.verbose_name}",
                                _show(field, old, {}),
                                _show(field, new, {}),
                            )
                        )
            older = record
    return changes


def _describe_line(record) -> str:
    return _("staten %(state)s, kommunen %(municipality)s") % {
        "state": formats.money(record.state_amount_sek),
        "municipality": formats.money(record.municipality_amount_sek),
    }


def agreement_changes(agreement: Agreement, *, limit: int = 300) -> list[Change]:
    """Every change of the agreement and its funding lines, newest first."""
    changes: Iterable[Change] = [
        *_agreement_changes(agreement, limit),
        *_funding_changes(agreement),
    ]
    return sorted(changes, key=lambda change: change.when, reverse=True)
