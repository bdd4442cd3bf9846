"""Forms of the grant app: parsing and choices limited to the user's scope. Rules that span rows
(90 %, three years, appropriation, eligibility, window) live in the services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import District, GoalArea, Municipality, PlanGoal
from grants.models import GrantBudgetLine, GrantReclaim, GrantRound
from partnerships.models import Agency
from reports.models import Indicator
from udavtal.lib.collation import swedish


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MoneyField(forms.DecimalField):
    """Kronor as people type them: "1 250 000", "1250000,50"."""

    def __init__(self, *, min_value=Decimal(0), **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(min_value=min_value, localize=True, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\xa0", "").replace(" ", "").replace("kr", "")
        return super().to_python(value)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


def year_choices(first_year: int, max_years: int, last_allowed: int | None) -> list:
    choices = []
    for count in range(1, max_years + 1):
        last = first_year + count - 1
        if last_allowed is not None and last > last_allowed:
            break
        label = f"{first_year}" if count == 1 else f"{first_year}–{last}"
        choices.append((str(last), _("%(n)s år (%(years)s)") % {"n": count, "years": label}))
    return choices


def _years_field(grant_round: GrantRound) -> forms.TypedChoiceField:
    programme = grant_round.programme
    ends = programme.policy_phase.ends_on
    return forms.TypedChoiceField(
        label=_("Bidragsår"),
        coerce=int,
        choices=year_choices(
            grant_round.year, programme.max_decision_years, ends.year if ends else None
        ),
        help_text=_("Ett bidragsår är ett kalenderår; ett beslut avser högst %(n)s år.")
        % {"n": programme.max_decision_years},
    )


class RoundForm(VersionForm):
    opens_on = forms.DateField(label=_("Ansökan öppnar"), widget=DateInput)
    closes_on = forms.DateField(label=_("Sista ansökningsdag"), widget=DateInput)
    decisions_due_on = forms.DateField(label=_("Beslut senast"), widget=DateInput, required=False)
    follow_up_due_on = forms.DateField(
        label=_("Uppföljning för året senast"), widget=DateInput, required=False
    )
    administering_body = forms.ModelChoiceField(
        label=_("Fördelande myndighet"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Ingen vald"),
    )
    advisory_body = forms.ModelChoiceField(
        label=_("Yttrande lämnas av"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Ingen"),
        help_text=_("Myndighet som får yttra sig över inlämnade ansökningar före beslut."),
    )
    eligible_municipalities = forms.ModelMultipleChoiceField(
        label=_("Kommuner som får ansöka"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.order_by(swedish("name"))
        self.fields["administering_body"].queryset = agencies
        self.fields["advisory_body"].queryset = agencies
        self.fields["eligible_municipalities"].queryset = Municipality.objects.order_by(
            swedish("name")
        )

    @classmethod
    def initial_for(cls, grant_round: GrantRound) -> dict:
        return {
            "version": grant_round.version,
            "opens_on": grant_round.opens_on,
            "closes_on": grant_round.closes_on,
            "decisions_due_on": grant_round.decisions_due_on,
            "follow_up_due_on": grant_round.follow_up_due_on,
            "administering_body": grant_round.administering_body_id,
            "advisory_body": grant_round.advisory_body_id,
            "eligible_municipalities": [m.pk for m in grant_round.eligible_municipalities.all()],
            "note": grant_round.note,
        }


class ApplicationCreateForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Municipality.objects.none(), empty_label=_("Välj kommun")
    )
    title = forms.CharField(label=_("Rubrik"), max_length=250)

    def __init__(self, *args, grant_round: GrantRound, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0].pk
        self.fields["last_year"] = _years_field(grant_round)


class ApplicationForm(VersionForm):
    title = forms.CharField(label=_("Rubrik"), max_length=250)
    description = forms.CharField(
        label=_("Beskrivning av insatserna"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vad kommunen vill göra, i vilka områden och varför."),
    )
    timetable = forms.CharField(
        label=_("Tidplan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Övergripande tidplan; insatsernas datum anges per insats."),
    )
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=200, required=False)
    districts = forms.ModelMultipleChoiceField(
        label=_("Berörda stadsdelar"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_year"] = _years_field(application.round)
        self.fields["districts"].queryset = District.objects.filter(
            municipality=application.municipality
        ).order_by(swedish("name"))
        field_order = ["version", "title", "last_year", "districts", "description", "timetable"]
        self.order_fields(field_order)

    @classmethod
    def initial_for(cls, application) -> dict:
        return {
            "version": application.version,
            "title": application.title,
            "description": application.description,
            "timetable": application.timetable,
            "contact_name": application.contact_name,
            "last_year": application.last_year,
            "districts": [d.pk for d in application.districts.all()],
        }


class GoalForm(VersionForm):
    goal_area = forms.ModelChoiceField(
        label=_("Målområde"), queryset=GoalArea.objects.none(), empty_label=_("Välj målområde")
    )
    text = forms.CharField(label=_("Mål"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal_area"].queryset = GoalArea.objects.filter(is_active=True)


class GoalIndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indikator"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("Ingen indikator"),
    )
    baseline_year = forms.IntegerField(
        label=_("Basår"), min_value=1990, max_value=2100, required=False
    )
    baseline_value = forms.DecimalField(
        label=_("Utgångsvärde"), max_digits=14, decimal_places=4, required=False, localize=True
    )
    target_year = forms.IntegerField(
        label=_("Målår"), min_value=1990, max_value=2100, required=False
    )
    target_value = forms.DecimalField(
        label=_("Målvärde"), max_digits=14, decimal_places=4, required=False, localize=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if data.get("indicator") and (not data.get("baseline_year") or not data.get("target_year")):
            raise forms.ValidationError(_("Ange basår och målår för indikatorn."))
        return data


GoalIndicatorFormSet = forms.formset_factory(GoalIndicatorForm, extra=0)


class MeasureForm(VersionForm):
    title = forms.CharField(label=_("Insats"), max_length=250)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    goal_area = forms.ModelChoiceField(
        label=_("Målområde"), queryset=GoalArea.objects.none(), empty_label=_("Välj målområde")
    )
    plan_goal = forms.ModelChoiceField(
        label=_("Mål i stadsdelsplanen"),
        queryset=PlanGoal.objects.none(),
        required=False,
        empty_label=_("Inget mål i en stadsdelsplan"),
        help_text=_(
            "Välj målet i den strategiska stadsdelsplanen som insatsen bidrar till, om det finns."
        ),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Stadsdelar"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible = forms.CharField(label=_("Ansvarig"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Från"), widget=DateInput)
    ends_on = forms.DateField(label=_("Till"), widget=DateInput)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal_area"].queryset = GoalArea.objects.filter(is_active=True)
        self.fields["plan_goal"].queryset = (
            PlanGoal.objects.filter(plan__agreement__municipality=application.municipality)
            .select_related("plan__district", "goal_area")
            .order_by(swedish("plan__district__name"), "position")
        )
        self.fields["plan_goal"].label_from_instance = lambda g: (
            f"{g.plan.district.name}: {g.text[:80]} ({g.goal_area.name})"
        )
        self.fields["districts"].queryset = application.districts.order_by(swedish("name"))
        if not self.fields["districts"].queryset.exists():
            self.fields["districts"].help_text = _(
                "Ansökan nämner inga stadsdelar ännu: välj dem under ”Ändra ansökan”. Utan "
                "stadsdel räknas insatsen som gemensam."
            )

    @classmethod
    def initial_for(cls, measure, version: int) -> dict:
        return {
            "version": version,
            "title": measure.title,
            "description": measure.description,
            "goal_area": measure.goal_area_id,
            "plan_goal": measure.plan_goal_id,
            "districts": [d.pk for d in measure.districts.all()],
            "responsible": measure.responsible,
            "starts_on": measure.starts_on,
            "ends_on": measure.ends_on,
        }


class BudgetLineForm(forms.Form):
    year = forms.TypedChoiceField(label=_("År"), coerce=int, choices=(), required=False)
    cost_type = forms.ChoiceField(
        label=_("Kostnadsslag"),
        choices=[("", "–"), *GrantBudgetLine.CostType.choices],
        required=False,
    )
    district = forms.ModelChoiceField(
        label=_("Stadsdel"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Gemensamt"),
    )
    cost_sek = MoneyField(label=_("Kostnad (kr)"), required=False)
    own_financing_sek = MoneyField(label=_("Egen finansiering (kr)"), required=False)
    applied_sek = MoneyField(label=_("Sökt bidrag (kr)"), required=False)
    note = forms.CharField(label=_("Kommentar"), max_length=300, required=False)

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "–")] + [(y, str(y)) for y in application.years]
        self.fields["district"].queryset = application.districts.order_by(swedish("name"))

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(k) not in (None, "") for k in ("year", "cost_type", "cost_sek", "applied_sek")
        )

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        missing = [
            str(self.fields[k].label)
            for k in ("year", "cost_type", "cost_sek", "applied_sek")
            if data.get(k) in (None, "")
        ]
        if missing:
            raise forms.ValidationError(
                _("Fyll i %(fields)s på raden.") % {"fields": ", ".join(missing).lower()}
            )
        if data.get("own_financing_sek") is None:
            data["own_financing_sek"] = Decimal(0)
        return data

    def as_line(self) -> dict:
        data = self.cleaned_data
        return {
            "year": data["year"],
            "cost_type": data["cost_type"],
            "district": data["district"],
            "cost_sek": data["cost_sek"],
            "own_financing_sek": data["own_financing_sek"],
            "applied_sek": data["applied_sek"],
            "note": data["note"],
        }


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=0)


class AdvisoryCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Yttrande"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Yttrandet visas för den som beslutar och för kommunen."),
    )


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput)
    case_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    conditions = forms.CharField(
        label=_("Villkor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Villkor för bidraget, t.ex. om redovisning och uppföljning."),
    )
    reasoning = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, application, applied: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for year in application.years:
            self.fields[f"amount_{year}"] = MoneyField(
                label=_("Beviljat belopp %(year)s (kr)") % {"year": year},
                required=False,
                help_text=_("Sökt: %(applied)s kr. Lämna tomt om inget beslutas för året.")
                % {"applied": f"{applied.get(year, 0):,.0f}".replace(",", "\xa0")},
            )
        self.order_fields([f"amount_{y}" for y in application.years])
        self.years = application.years

    def clean(self):
        data = super().clean()
        if not any(data.get(f"amount_{y}") is not None for y in self.years):
            raise forms.ValidationError(_("Ange beviljat belopp för minst ett år."))
        return data

    def amounts(self) -> dict[int, Decimal]:
        return {
            y: self.cleaned_data[f"amount_{y}"]
            for y in self.years
            if self.cleaned_data.get(f"amount_{y}") is not None
        }


class PaymentForm(forms.Form):
    amount_sek = MoneyField(label=_("Belopp (kr)"), min_value=Decimal("0.01"))
    due_on = forms.DateField(label=_("Planerad utbetalning"), widget=DateInput)
    note = forms.CharField(label=_("Kommentar"), max_length=300, required=False)


class PaymentRecordForm(forms.Form):
    paid_on = forms.DateField(label=_("Utbetald den"), widget=DateInput)


class ReclaimForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slag"), choices=GrantReclaim.Kind.choices)
    amount_sek = MoneyField(label=_("Återkrävt belopp (kr)"), min_value=Decimal("0.01"))
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 4}))
    decided_on = forms.DateField(label=_("Beslutat den"), widget=DateInput)


class FollowUpForm(VersionForm):
    summary = forms.CharField(
        label=_("Sammanfattning av året"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    goal_fulfilment = forms.CharField(
        label=_("Måluppfyllelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    obstacles = forms.CharField(
        label=_("Hinder för samverkan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, follow_up, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(follow_up.entries.all())
        self.results = list(follow_up.results.all())
        for entry in self.entries:
            where = entry.district.name if entry.district else _("gemensamt")
            self.fields[f"entry_{entry.pk}_done"] = forms.CharField(
                label=_("Vad som gjorts: %(measure)s, %(where)s")
                % {"measure": entry.measure.title, "where": where},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"entry_{entry.pk}_used"] = MoneyField(
                label=_("Använt bidrag (kr): %(measure)s, %(where)s")
                % {"measure": entry.measure.title, "where": where},
                required=False,
            )
        for result in self.results:
            name = result.goal_indicator.indicator.name
            self.fields[f"result_{result.pk}_value"] = forms.DecimalField(
                label=_("Utfall: %(name)s") % {"name": name},
                max_digits=16,
                decimal_places=4,
                required=False,
                localize=True,
            )
            self.fields[f"result_{result.pk}_comment"] = forms.CharField(
                label=_("Kommentar: %(name)s") % {"name": name}, max_length=500, required=False
            )

    @classmethod
    def initial_for(cls, follow_up) -> dict:
        initial = {
            "version": follow_up.version,
            "summary": follow_up.summary,
            "goal_fulfilment": follow_up.goal_fulfilment,
            "obstacles": follow_up.obstacles,
        }
        for entry in follow_up.entries.all():
            initial[f"entry_{entry.pk}_done"] = entry.done
            initial[f"entry_{entry.pk}_used"] = entry.used_sek
        for result in follow_up.results.all():
            initial[f"result_{result.pk}_value"] = result.value
            initial[f"result_{result.pk}_comment"] = result.comment
        return initial

    def entry_rows(self) -> list:
        return [
            (entry, self[f"entry_{entry.pk}_done"], self[f"entry_{entry.pk}_used"])
            for entry in self.entries
        ]

    def result_rows(self) -> list:
        return [
            (result, self[f"result_{result.pk}_value"], self[f"result_{result.pk}_comment"])
            for result in self.results
        ]

    def entry_data(self) -> list[dict]:
        return [
            {
                "entry": entry,
                "done": self.cleaned_data[f"entry_{entry.pk}_done"],
                "used_sek": self.cleaned_data[f"entry_{entry.pk}_used"],
            }
            for entry in self.entries
        ]

    def result_data(self) -> list[dict]:
        return [
            {
                "result": result,
                "value": self.cleaned_data[f"result_{result.pk}_value"],
                "comment": self.cleaned_data[f"result_{result.pk}_comment"],
            }
            for result in self.results
        ]
