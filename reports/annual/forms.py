"""Forms for the annual report."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.annual.services import AnnualReportInput
from reports.models import AnnualReport


class AnnualReportForm(forms.Form):
    """The officer's texts. The year is chosen when the report is created and never changes."""

    year = forms.IntegerField(label=_("Redovisningsår"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Titel"), max_length=250)
    case_number = forms.CharField(
        label=_("Diarienummer"),
        max_length=60,
        required=False,
        help_text=_("Regeringskansliets diarienummer, till exempel Ku2027/00123."),
    )
    introduction = forms.CharField(
        label=_("Inledning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Politiken och den rättsliga grunden. Kommunerna och stadsdelarna räknas upp "
            "automatiskt. Lämna en tom rad mellan styckena."
        ),
    )
    assessment = forms.CharField(
        label=_("Bedömning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "En balanserad bedömning: både det som har gått bra och det som inte har gått bra. "
            "Rapporten listar dessutom de indikatorer där skillnaden mot riket minskade och ökade."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, report: AnnualReport | None = None, **kwargs):
        if report is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "year": report.year,
                "title": report.title,
                "case_number": report.case_number,
                "introduction": report.introduction,
                "assessment": report.assessment,
                "version": report.version,
            }
        elif "initial" not in kwargs:
            year = timezone.localdate().year - 1
            kwargs["initial"] = {
                "year": year,
                "title": _("Lokala utvecklingsavtal – årsrapport %(year)s") % {"year": year},
            }
        super().__init__(*args, **kwargs)
        self.report = report
        if report is not None:
            del self.fields["year"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if AnnualReport.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("Det finns redan en årsrapport för %(year)s.") % {"year": year}
            )
        return year

    def to_input(self) -> AnnualReportInput:
        data = self.cleaned_data
        return AnnualReportInput(
            title=data["title"],
            case_number=data["case_number"],
            introduction=data["introduction"],
            assessment=data["assessment"],
        )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
