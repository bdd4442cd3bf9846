"""Writes of applications: create, edit, goals, measures, budget, submit, advisory comments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import District, GoalArea, Municipality, PlanGoal
from grants.models import (
    GrantAdvisoryComment,
    GrantApplication,
    GrantBudgetLine,
    GrantGoal,
    GrantGoalIndicator,
    GrantMeasure,
    GrantRound,
)
from partnerships.models import Agency
from udavtal.lib import formats
from udavtal.lib.concurrency import claim_version
from udavtal.lib.workflow import TransitionNotAllowed, check_transition, transition

DRAFT = GrantApplication.Status.DRAFT
SUBMITTED = GrantApplication.Status.SUBMITTED


# ---------------------------------------------------------------------------- rules of 2018:151


def check_eligible(*, grant_round: GrantRound, municipality: Municipality) -> None:
    if not grant_round.eligible_municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError(
            _("%(municipality)s kan inte ansöka om statsbidrag för %(year)s.")
            % {"municipality": municipality.name, "year": grant_round.year},
            code="not_eligible",
        )


def check_window(*, grant_round: GrantRound, today: date) -> None:
    if not grant_round.window_contains(today):
        raise ValidationError(
            _("Ansökningstiden för %(year)s är %(opens)s–%(closes)s.")
            % {
                "year": grant_round.year,
                "opens": f"{grant_round.opens_on:%Y-%m-%d}",
                "closes": f"{grant_round.closes_on:%Y-%m-%d}",
            },
            code="outside_window",
        )


def check_years(*, grant_round: GrantRound, first_year: int, last_year: int) -> None:
    """A grant year is a calendar year; a decision covers at most three of them, all inside the
    programme's policy phase."""
    programme = grant_round.programme
    if first_year != grant_round.year:
        raise ValidationError(
            _("Ansökan i omgången %(year)s gäller från %(year)s.") % {"year": grant_round.year},
            code="first_year",
        )
    if last_year < first_year:
        raise ValidationError(_("Sista bidragsåret kan inte vara före det första."), code="order")
    if last_year - first_year + 1 > programme.max_decision_years:
        raise ValidationError(
            _("Ett beslut om statsbidrag avser högst %(n)s kalenderår (%(first)s–%(last)s).")
            % {
                "n": programme.max_decision_years,
                "first": first_year,
                "last": first_year + programme.max_decision_years - 1,
            },
            code="too_many_years",
        )
    ends_on = programme.policy_phase.ends_on
    if ends_on is not None and last_year > ends_on.year:
        raise ValidationError(
            _("Statsbidraget finns till och med %(year)s.") % {"year": ends_on.year},
            code="after_phase",
        )


@dataclass(frozen=True)
class YearTotals:
    year: int
    cost: Decimal
    own: Decimal
    applied: Decimal

    @property
    def share(self) -> Decimal | None:
        return (self.applied / self.cost * 100) if self.cost else None


def budget_totals(lines: Iterable) -> list[YearTotals]:
    """Cost, own financing and applied grant per year (objects or dicts with those keys)."""
    sums: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for line in lines:
        get = line.get if isinstance(line, Mapping) else line.__getattribute__
        row = sums[get("year")]
        row[0] += get("cost_sek") or 0
        row[1] += get("own_financing_sek") or 0
        row[2] += get("applied_sek") or 0
    return [YearTotals(year, *sums[year]) for year in sorted(sums)]


def check_grant_share(*, lines: Iterable, max_share_percent: Decimal) -> None:
    """The grant covers at most `max_share_percent` (90 %) of the costs, per year and in total."""
    totals = budget_totals(lines)
    limit = max_share_percent / 100
    errors = []
    for row in totals:
        if row.applied > row.cost * limit:
            errors.append(
                ValidationError(
                    _(
                        "Sökt bidrag för %(year)s (%(applied)s) är mer än %(share)s procent av "
                        "kostnaderna (%(cost)s). Högst %(max)s kan sökas."
                    )
                    % {
                        "year": row.year,
                        "applied": formats.money(row.applied),
                        "share": formats.number(max_share_percent),
                        "cost": formats.money(row.cost),
                        "max": formats.money(row.cost * limit),
                    },
                    code="share_per_year",
                )
            )
    cost = sum((row.cost for row in totals), Decimal(0))
    applied = sum((row.applied for row in totals), Decimal(0))
    if applied > cost * limit:
        errors.append(
            ValidationError(
                _(
                    "Sökt bidrag totalt (%(applied)s) är mer än %(share)s procent av de totala "
                    "kostnaderna (%(cost)s)."
                )
                % {
                    "applied": formats.money(applied),
                    "share": formats.number(max_share_percent),
                    "cost": formats.money(cost),
                },
                code="share_total",
            )
        )
    if errors:
        raise ValidationError(errors)


def _check_draft(application: GrantApplication) -> None:
    check_transition(application, allowed_from=[DRAFT])


def _touch(application: GrantApplication, *, actor, reason: str, expected_version=None) -> None:
    """Every change of an application's parts bumps its version and leaves a history record on
    the application, so two people editing parts of one draft do not overwrite each other."""
    locked = GrantApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != DRAFT:
        raise TransitionNotAllowed(_("Ansökan kan bara ändras så länge den är ett utkast."))
    claim_version(application, expected_version=expected_version or locked.version)
    application._history_user = actor
    application._change_reason = reason
    application.save(update_fields=["version", "updated_at"])


def _check_districts(application: GrantApplication, districts: Sequence[District]) -> None:
    foreign = sorted(d.name for d in districts if d.municipality_id != application.municipality_id)
    if foreign:
        raise ValidationError(
            _("Stadsdelarna %(names)s tillhör inte %(municipality)s.")
            % {"names": ", ".join(foreign), "municipality": application.municipality.name},
            code="foreign_district",
        )


# ---------------------------------------------------------------------------- application


@transaction.atomic
def application_create(
    *,
    grant_round: GrantRound,
    municipality: Municipality,
    title: str,
    last_year: int,
    actor,
    today: date | None = None,
) -> GrantApplication:
    today = today or timezone.localdate()
    check_eligible(grant_round=grant_round, municipality=municipality)
    check_window(grant_round=grant_round, today=today)
    check_years(grant_round=grant_round, first_year=grant_round.year, last_year=last_year)
    if GrantApplication.objects.filter(round=grant_round, municipality=municipality).exists():
        raise ValidationError(
            _("%(municipality)s har redan en ansökan i omgången %(year)s.")
            % {"municipality": municipality.name, "year": grant_round.year},
            code="duplicate",
        )
    application = GrantApplication(
        round=grant_round,
        municipality=municipality,
        title=title,
        first_year=grant_round.year,
        last_year=last_year,
        created_by=actor,
    )
    application._history_user = actor
    application._change_reason = _("Ansökan påbörjad")
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # two coordinators starting at the same moment
        raise ValidationError(
            _("%(municipality)s har redan en ansökan i omgången %(year)s.")
            % {"municipality": municipality.name, "year": grant_round.year},
            code="duplicate",
        ) from error
    return application


@transaction.atomic
def application_update(
    *,
    application: GrantApplication,
    expected_version: int,
    title: str,
    description: str,
    timetable: str,
    contact_name: str,
    last_year: int,
    districts: Iterable[District],
    actor,
) -> GrantApplication:
    _check_draft(application)
    districts = list(districts)
    _check_districts(application, districts)
    check_years(
        grant_round=application.round, first_year=application.first_year, last_year=last_year
    )
    outside = application.budget_lines.filter(year__gt=last_year).exists() or (
        application.measures.filter(starts_on__gt=date(last_year, 12, 31)).exists()
    )
    if outside:
        raise ValidationError(
            _("Budget eller insatser ligger efter %(year)s. Ändra dem först.")
            % {"year": last_year},
            code="parts_outside_years",
        )
    claim_version(application, expected_version=expected_version)
    application.title = title
    application.description = description
    application.timetable = timetable
    application.contact_name = contact_name
    application.last_year = last_year
    application._history_user = actor
    application._change_reason = _("Ansökan ändrad")
    application.save()
    application.districts.set(districts)
    return application


@transaction.atomic
def goal_save(
    *,
    application: GrantApplication,
    goal: GrantGoal | None,
    goal_area: GoalArea,
    text: str,
    indicators: Sequence[Mapping],
    expected_version: int | None = None,
    actor,
) -> GrantGoal:
    """Create or change a goal with its indicators (rows with `indicator`, `baseline_year`,
    `baseline_value`, `target_year`, `target_value`; the list replaces the goal's indicators)."""
    _touch(application, actor=actor, reason=_("Mål sparat"), expected_version=expected_version)
    seen = set()
    for row in indicators:
        if row["indicator"].pk in seen:
            raise ValidationError(
                _("Indikatorn %(name)s finns två gånger.") % {"name": row["indicator"].name}
            )
        seen.add(row["indicator"].pk)
        if row["target_year"] < row["baseline_year"]:
            raise ValidationError(
                _("Målåret för %(name)s kan inte vara före basåret.")
                % {"name": row["indicator"].name}
            )
    if goal is None:
        goal = GrantGoal(application=application, position=application.goals.count() + 1)
    goal.goal_area = goal_area
    goal.text = text
    goal._history_user = actor
    goal._change_reason = _("Mål sparat")
    goal.save()
    keep = []
    for row in indicators:
        line, _created = GrantGoalIndicator.objects.get_or_create(
            goal=goal,
            indicator=row["indicator"],
            defaults={k: row[k] for k in ("baseline_year", "target_year")},
        )
        for key in ("baseline_year", "baseline_value", "target_year", "target_value"):
            setattr(line, key, row.get(key))
        line._history_user = actor
        line.save()
        keep.append(line.pk)
    for stale in goal.indicators.exclude(pk__in=keep):
        stale._history_user = actor
        stale.delete()
    return goal


@transaction.atomic
def measure_save(
    *,
    application: GrantApplication,
    measure: GrantMeasure | None,
    title: str,
    description: str,
    goal_area: GoalArea,
    plan_goal: PlanGoal | None,
    districts: Iterable[District],
    responsible: str,
    starts_on: date,
    ends_on: date,
    expected_version: int | None = None,
    actor,
) -> GrantMeasure:
    _touch(application, actor=actor, reason=_("Insats sparad"), expected_version=expected_version)
    districts = list(districts)
    named = set(application.districts.values_list("pk", flat=True))
    outside = sorted(d.name for d in districts if d.pk not in named)
    if outside:
        raise ValidationError(
            {
                "districts": _("%(names)s är inte med bland ansökans stadsdelar.")
                % {"names": ", ".join(outside)}
            }
        )
    if plan_goal is not None:
        if plan_goal.plan.agreement.municipality_id != application.municipality_id:
            raise ValidationError(
                {"plan_goal": _("Målet hör till en stadsdelsplan i en annan kommun.")}
            )
        if plan_goal.goal_area_id != goal_area.pk:
            raise ValidationError(
                {"plan_goal": _("Stadsdelsplanens mål hör till ett annat målområde.")}
            )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Slutdatum kan inte vara före startdatum.")})
    first, last = date(application.first_year, 1, 1), date(application.last_year, 12, 31)
    if starts_on < first or ends_on > last:
        raise ValidationError(
            _("Insatsen måste ligga inom bidragsåren %(first)s–%(last)s.")
            % {"first": application.first_year, "last": application.last_year}
        )
    if measure is None:
        measure = GrantMeasure(application=application, position=application.measures.count() + 1)
    measure.title = title
    measure.description = description
    measure.goal_area = goal_area
    measure.plan_goal = plan_goal
    measure.responsible = responsible
    measure.starts_on = starts_on
    measure.ends_on = ends_on
    measure._history_user = actor
    measure._change_reason = _("Insats sparad")
    measure.save()
    measure.districts.set(districts)
    return measure


@transaction.atomic
def measure_delete(*, measure: GrantMeasure, actor) -> None:
    """Only from a draft: the history keeps the removed measure."""
    _touch(measure.application, actor=actor, reason=_("Insats borttagen"))
    measure._history_user = actor
    measure._change_reason = _("Insats borttagen ur utkastet")
    measure.delete()


@transaction.atomic
def budget_set(
    *,
    application: GrantApplication,
    lines: Sequence[Mapping],
    expected_version: int,
    actor,
) -> None:
    """Replace the budget with `lines` (dicts: year, cost_type, district, cost_sek,
    own_financing_sek, applied_sek, note)."""
    _touch(application, actor=actor, reason=_("Budget sparad"), expected_version=expected_version)
    named = set(application.districts.values_list("pk", flat=True))
    keys = set()
    errors = []
    for row in lines:
        if row["year"] not in application.years:
            errors.append(
                _("Budgetåret %(year)s ligger utanför ansökans år %(first)s–%(last)s.")
                % {
                    "year": row["year"],
                    "first": application.first_year,
                    "last": application.last_year,
                }
            )
        district = row.get("district")
        if district is not None and district.pk not in named:
            errors.append(
                _("%(name)s är inte med bland ansökans stadsdelar.") % {"name": district.name}
            )
        key = (row["year"], row["cost_type"], district.pk if district else None)
        if key in keys:
            errors.append(
                _("Det finns två rader för %(year)s, %(type)s och samma stadsdel.")
                % {
                    "year": row["year"],
                    "type": GrantBudgetLine.CostType(row["cost_type"]).label,
                }
            )
        keys.add(key)
        if row["applied_sek"] + row["own_financing_sek"] > row["cost_sek"]:
            errors.append(
                _(
                    "%(year)s, %(type)s: sökt bidrag och egen finansiering är tillsammans mer "
                    "än kostnaden."
                )
                % {"year": row["year"], "type": GrantBudgetLine.CostType(row["cost_type"]).label}
            )
    if errors:
        raise ValidationError(errors)
    check_grant_share(
        lines=lines, max_share_percent=application.round.programme.max_grant_share_percent
    )
    for old in application.budget_lines.all():
        old._history_user = actor
        old._change_reason = _("Budget sparad")
        old.delete()
    for row in lines:
        line = GrantBudgetLine(application=application, **row)
        line._history_user = actor
        line._change_reason = _("Budget sparad")
        line.save()


def check_complete(application: GrantApplication) -> None:
    """What an application must hold before it is handed in."""
    errors = []
    if not application.districts.exists():
        errors.append(_("Ange minst en stadsdel som ansökan gäller."))
    if not application.description.strip():
        errors.append(_("Beskriv insatserna."))
    if not application.goals.exists():
        errors.append(_("Ange minst ett mål."))
    elif GrantGoalIndicator.objects.filter(goal__application=application).count() == 0:
        errors.append(_("Ange minst en indikator som målen följs upp med."))
    if not application.measures.exists():
        errors.append(_("Ange minst en insats med tidplan."))
    lines = list(application.budget_lines.all())
    if not lines:
        errors.append(_("Fyll i budgeten."))
    missing = set(application.years) - {line.year for line in lines}
    if lines and missing:
        errors.append(
            _("Budgeten saknar år %(years)s.")
            % {"years": ", ".join(str(y) for y in sorted(missing))}
        )
    if errors:
        raise ValidationError(errors)
    check_grant_share(
        lines=lines, max_share_percent=application.round.programme.max_grant_share_percent
    )


@transaction.atomic
def application_submit(
    *, application: GrantApplication, actor, today: date | None = None
) -> GrantApplication:
    today = today or timezone.localdate()
    _check_draft(application)
    check_eligible(grant_round=application.round, municipality=application.municipality)
    check_window(grant_round=application.round, today=today)
    check_years(
        grant_round=application.round,
        first_year=application.first_year,
        last_year=application.last_year,
    )
    check_complete(application)
    transition(
        application,
        to=SUBMITTED,
        allowed_from=[DRAFT],
        actor=actor,
        reason=_("Ansökan inlämnad"),
        submitted_at=timezone.now(),
        submitted_by=actor,
    )
    return application


@transaction.atomic
def advisory_comment_add(
    *, application: GrantApplication, agency: Agency, text: str, actor
) -> GrantAdvisoryComment:
    locked = GrantApplication.objects.select_for_update().get(pk=application.pk)
    check_transition(locked, allowed_from=[SUBMITTED])
    if agency.pk != application.round.advisory_body_id:
        raise TransitionNotAllowed(_("Myndigheten yttrar sig inte i den här omgången."))
    comment = GrantAdvisoryComment(application=application, agency=agency, text=text, author=actor)
    comment._history_user = actor
    comment._change_reason = _("Yttrande lämnat")
    comment.save()
    return comment
