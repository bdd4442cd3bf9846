"""Forms for annual district reports."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Measure
from reports.district.selectors import ReportContent
from reports.district.services import CONTENT_FIELDS, SECTION_LABELS, ReportInput
from udavtal.forms import ReasonForm
from udavtal.lib.formats import number

TEXTAREA = {"rows": 6}

HELP_TEXTS = {
    "summary": _("Det viktigaste under året i stadsdelen, i några stycken."),
    "cooperation": _("Hur samverkan med de statliga myndigheterna har fungerat under året."),
    "obstacles": _("Vad som har försvårat samverkan, och förslag på hur hindren kan undanröjas."),
    "goal_conflicts": _("Konflikter mellan mål, till exempel mellan myndigheters uppdrag."),
    "resident_participation": _("Hur de boende har medverkat i arbetet."),
}


class DistrictReportForm(forms.Form):
    """The whole report in one form: the text sections, a narrative per goal area, the year's
    value and a comment per goal indicator, a status and a comment per measure.

    Every field may be left empty in a draft; `services.district_report_missing` says what is
    needed before submitting. A blank value means missing, never 0.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, content: ReportContent, **kwargs):
        report = content.report
        if "initial" not in kwargs:
            kwargs["initial"] = self._initial_from(content)
        super().__init__(*args, **kwargs)
        self.content = content
        for name in CONTENT_FIELDS:
            self.fields[name] = forms.CharField(
                label=SECTION_LABELS[name],
                required=False,
                widget=forms.Textarea(attrs=TEXTAREA),
                help_text=HELP_TEXTS[name],
            )
        for row in content.narratives:
            self.fields[f"narrative_{row.goal_area.pk}"] = forms.CharField(
                label=row.goal_area.name,
                required=False,
                widget=forms.Textarea(attrs=TEXTAREA),
            )
        for goal_row in content.goals:
            for row in goal_row.indicators:
                indicator = row.indicator
                self.fields[f"value_{row.goal_indicator.pk}"] = forms.DecimalField(
                    label=_("%(indicator)s %(year)s (%(unit)s)")
                    % {"indicator": indicator.name, "year": report.year, "unit": indicator.unit},
                    required=False,
                    max_digits=16,
                    decimal_places=4,
                    localize=True,
                    help_text=_(
                        "Utgångsvärde %(baseline)s (%(baseline_year)s), mål %(target)s "
                        "(%(target_year)s); %(direction)s. Lämna tomt om värdet saknas."
                    )
                    % {
                        "baseline": _plain(row.goal_indicator.baseline_value),
                        "baseline_year": row.goal_indicator.baseline_year,
                        "target": _plain(row.goal_indicator.target_value),
                        "target_year": row.goal_indicator.target_year,
                        "direction": indicator.get_direction_display().lower(),
                    },
                )
                self.fields[f"comment_{row.goal_indicator.pk}"] = forms.CharField(
                    label=_("Kommentar till %(indicator)s") % {"indicator": indicator.name},
                    required=False,
                    max_length=500,
                )
            for row in goal_row.measures:
                self.fields[f"measure_status_{row.measure.pk}"] = forms.ChoiceField(
                    label=_("Status för %(measure)s") % {"measure": row.measure.title},
                    required=False,
                    choices=[("", _("– Välj status –")), *Measure.Status.choices],
                )
                self.fields[f"measure_comment_{row.measure.pk}"] = forms.CharField(
                    label=_("Kommentar till %(measure)s") % {"measure": row.measure.title},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    @staticmethod
    def _initial_from(content: ReportContent) -> dict:
        report = content.report
        initial = {"version": report.version}
        initial.update({name: getattr(report, name) for name in CONTENT_FIELDS})
        for row in content.narratives:
            initial[f"narrative_{row.goal_area.pk}"] = row.text
        for goal_row in content.goals:
            for row in goal_row.indicators:
                initial[f"value_{row.goal_indicator.pk}"] = row.value
                initial[f"comment_{row.goal_indicator.pk}"] = row.comment
            for row in goal_row.measures:
                # A measure not yet reported starts from its status in the plan.
                initial[f"measure_status_{row.measure.pk}"] = row.status or row.measure.status
                initial[f"measure_comment_{row.measure.pk}"] = row.comment
        return initial

    # Grouped bound fields for the template (which only shows them).

    @property
    def narrative_fields(self):
        return [self[f"narrative_{row.goal_area.pk}"] for row in self.content.narratives]

    @property
    def goal_groups(self):
        groups = []
        for goal_row in self.content.goals:
            groups.append(
                {
                    "goal": goal_row.goal,
                    "indicators": [
                        {
                            "row": row,
                            "value": self[f"value_{row.goal_indicator.pk}"],
                            "comment": self[f"comment_{row.goal_indicator.pk}"],
                        }
                        for row in goal_row.indicators
                    ],
                    "measures": [
                        {
                            "row": row,
                            "status": self[f"measure_status_{row.measure.pk}"],
                            "comment": self[f"measure_comment_{row.measure.pk}"],
                        }
                        for row in goal_row.measures
                    ],
                }
            )
        return groups

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        result = ReportInput(fields={name: data[name].strip() for name in CONTENT_FIELDS})
        for row in self.content.narratives:
            result.narratives[row.goal_area.pk] = data[f"narrative_{row.goal_area.pk}"].strip()
        for goal_row in self.content.goals:
            for row in goal_row.indicators:
                pk = row.goal_indicator.pk
                result.values[pk] = (data[f"value_{pk}"], data[f"comment_{pk}"].strip())
            for row in goal_row.measures:
                pk = row.measure.pk
                result.measures[pk] = (
                    data[f"measure_status_{pk}"],
                    data[f"measure_comment_{pk}"].strip(),
                )
        return result


def _plain(value) -> str:
    """A stored decimal without its trailing zeros, in Swedish format (20.5000 → 20,5)."""
    if value is None:
        return "–"
    normalized = value.normalize()
    decimals = max(0, -normalized.as_tuple().exponent)
    return number(value, min(decimals, 4))


class VersionForm(forms.Form):
    """The version a confirmation page was loaded at (submitting a report)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(ReasonForm):
    """The reviewer's note to the municipality when a report is returned."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *args,
            label=_("Kommentar till kommunen"),
            help_text=_("Skriv vad som ska kompletteras eller ändras. Kommunen ser kommentaren."),
            **kwargs,
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"), help_text=_("PDF, Word (DOCX) eller Excel (XLSX), högst 10 MB.")
    )
    description = forms.CharField(label=_("Beskrivning"), max_length=300, required=False)


class CreateReportsForm(forms.Form):
    """An officer creates the year's reports and sets their due date."""

    year = forms.IntegerField(label=_("År"), min_value=1999, max_value=2100)
    due_on = forms.DateField(
        label=_("Sista dag"),
        required=False,
        help_text=_(
            "ÅÅÅÅ-MM-DD. Tomt: årets redan satta sista dag, annars 1 oktober. Ett angivet datum "
            "gäller också årets redovisningar som inte är inlämnade."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        year, due_on = cleaned.get("year"), cleaned.get("due_on")
        if year and due_on and due_on < datetime.date(year, 1, 1):
            self.add_error("due_on", _("Sista dag kan inte ligga före redovisningsåret."))
        return cleaned
