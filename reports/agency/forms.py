"""Forms of the agency reports: parsing and choices in the user's scope; the services save."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from udavtal.forms import ReasonForm


class VersionField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, **kwargs)


class ChoiceField(forms.ModelChoiceField):
    """A model choice with a Swedish empty choice."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("– Välj –"))
        super().__init__(*args, **kwargs)


class UnitChoiceField(ChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.agency.name} – {obj.name} ({obj.get_level_display().lower()})"


class AgencyReportCreateForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Rapporterande enhet"),
        queryset=None,
        help_text=_(
            "Rikspolisstyrelsen redovisar för polismyndigheterna: välj den centrala enheten."
        ),
    )
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    due_on = forms.DateField(
        label=_("Sista dag"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Tomt: 1 oktober samma år."),
    )

    def __init__(self, *args, units, may_set_due_on: bool, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not may_set_due_on:
            del self.fields["due_on"]


class AgencyReportForm(forms.Form):
    version = VersionField()
    summary = forms.CharField(
        label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    obstacles = forms.CharField(
        label=_("Hinder för samverkan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    proposals = forms.CharField(
        label=_("Förslag till Regeringskansliet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Förslag till åtgärder och förändringar för ett effektivt urbant utvecklingsarbete."
        ),
    )

    def __init__(self, *args, report, **kwargs):
        if not kwargs.get("data"):
            kwargs.setdefault(
                "initial",
                {
                    "version": report.version,
                    "summary": report.summary,
                    "obstacles": report.obstacles,
                    "proposals": report.proposals,
                },
            )
        super().__init__(*args, **kwargs)


class PartnershipChoiceField(ChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.agreement.municipality.name})"


class AgencyReportEntryForm(forms.Form):
    version = VersionField()
    partnership = PartnershipChoiceField(label=_("Lokalt partnerskap"), queryset=None)
    done = forms.CharField(
        label=_("Vad som gjorts"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    obstacles = forms.CharField(
        label=_("Hinder"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label=_("Förslag till Regeringskansliet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, report, partnerships, entry=None, **kwargs):
        if not kwargs.get("data"):
            initial = {"version": report.version}
            if entry is not None:
                initial.update(
                    partnership=entry.partnership_id,
                    done=entry.done,
                    obstacles=entry.obstacles,
                    proposals=entry.proposals,
                )
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships


class VersionForm(forms.Form):
    version = VersionField()


class ReturnForm(ReasonForm):
    version = VersionField()
