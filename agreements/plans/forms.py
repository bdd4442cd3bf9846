"""Forms for strategic district plans, their goals, indicators and measures."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import District, Measure, PlanGoal, StrategicDistrictPlan
from agreements.plans import services
from reports.models import GoalIndicator, Indicator
from udavtal.lib.collation import swedish

DATE_HELP = _("ÅÅÅÅ-MM-DD")


class RevisionFieldsMixin:
    """An adopted plan is changed only as a revision: the form then asks for its date and why."""

    def add_revision_fields(self, plan: StrategicDistrictPlan) -> None:
        self.plan = plan
        if plan.status == StrategicDistrictPlan.Status.DRAFT:
            return
        self.fields["revised_on"] = forms.DateField(
            label=_("Reviderad den"),
            initial=timezone.localdate,
            help_text=_("Datum för partnerskapets beslut om revideringen (ÅÅÅÅ-MM-DD)."),
        )
        self.fields["revision_reason"] = forms.CharField(
            label=_("Vad ändras och varför"),
            max_length=90,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Planen är fastställd. Ändringen sparas som en revidering."),
        )

    def revision(self) -> services.Revision | None:
        if "revised_on" not in self.fields:
            return None
        return services.Revision(
            revised_on=self.cleaned_data["revised_on"],
            reason=self.cleaned_data["revision_reason"],
        )


class PlanCreateForm(forms.Form):
    agreement = forms.ModelChoiceField(label=_("Avtal"), queryset=None)
    district = forms.ModelChoiceField(
        label=_("Stadsdel"),
        queryset=None,
        help_text=_("En av stadsdelarna som avtalet omfattar."),
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].empty_label = _("– Välj avtal –")
        self.fields["district"].empty_label = _("– Välj stadsdel –")
        self.fields["district"].queryset = (
            District.objects.filter(agreements__in=agreements)
            .distinct()
            .select_related("municipality")
            .order_by(swedish("municipality__name"), swedish("name"))
        )
        self.fields["agreement"].label_from_instance = lambda a: f"{a.title} ({a.period_label})"
        self.fields["district"].label_from_instance = lambda d: f"{d.name} ({d.municipality.name})"


class PlanSectionsForm(RevisionFieldsMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = StrategicDistrictPlan
        fields = list(services.SECTION_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in services.SECTION_FIELDS}
        help_texts = {
            "current_situation": _(
                "Stadsdelen i dag: befolkning, boende, arbete, skola, trygghet."
            ),
            "analysis": _("Orsaker och samband bakom nuläget."),
            "goals_summary": _(
                "Planens mål i sammanfattning; målen med indikatorer läggs in nedan."
            ),
            "strategy": _("Hur partnerskapet ska arbeta för att nå målen."),
            "measures_summary": _(
                "Insatserna i sammanfattning; varje insats läggs in under sitt mål."
            ),
            "resident_participation": _("Hur de boende har medverkat i planen och ska medverka."),
            "follow_up": _("Hur planen följs upp och när den revideras."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.add_revision_fields(self.instance)


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Fastställd den"),
        initial=timezone.localdate,
        help_text=_("Datum för beslutet att fastställa planen (ÅÅÅÅ-MM-DD)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class GoalForm(RevisionFieldsMixin, forms.ModelForm):
    # The plan's version when the page was loaded: no lost updates of the plan's content.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanGoal
        fields = ["goal_area", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": _("Lägre tal visas först inom målområdet.")}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal_area"].queryset = services.allowed_goal_areas(plan)
        self.fields["goal_area"].empty_label = _("– Välj målområde –")
        self.add_revision_fields(plan)
        self.fields["version"].initial = plan.version


class GoalIndicatorForm(RevisionFieldsMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = GoalIndicator
        fields = ["indicator", "baseline_year", "baseline_value", "target_year", "target_value"]
        localized_fields = ["baseline_value", "target_value"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        indicator.queryset = Indicator.objects.filter(is_active=True).order_by("position", "name")
        indicator.empty_label = _("– Välj indikator –")
        indicator.label_from_instance = lambda i: (
            f"{i.name} ({i.unit}; {i.get_direction_display().lower()})"
        )
        indicator.help_text = _(
            "Riktningen säger om högre eller lägre värden är bättre. För en indikator där lägre "
            "är bättre ligger målvärdet under utgångsvärdet."
        )
        if self.instance.pk:
            indicator.disabled = True
        self.add_revision_fields(plan)
        self.fields["version"].initial = plan.version

    def clean(self):
        cleaned = super().clean()
        baseline_year, target_year = cleaned.get("baseline_year"), cleaned.get("target_year")
        if baseline_year and target_year and target_year < baseline_year:
            self.add_error("target_year", _("Målåret kan inte ligga före basåret."))
        return cleaned

    def validate_unique(self):
        # The service checks "one indicator once per goal" with a message naming the indicator.
        pass


class MeasureForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "responsible",
            "starts_on",
            "ends_on",
            "resources",
            "budget_sek",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 2}),
        }
        localized_fields = ["budget_sek"]
        help_texts = {"starts_on": DATE_HELP, "ends_on": DATE_HELP}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        responsible = self.fields["responsible"]
        responsible.queryset = services.allowed_responsibles(plan)
        responsible.help_text = _("En medlem i avtalets lokala partnerskap.")
        responsible.empty_label = _("– Ingen vald –")
        self.fields["version"].initial = plan.version

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Insatsen kan inte sluta innan den börjar."))
        return cleaned

    def to_input(self) -> services.MeasureInput:
        return services.MeasureInput(**{name: self.cleaned_data[name] for name in self.Meta.fields})
