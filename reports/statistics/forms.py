"""Forms of the statistics pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from reports.models import Indicator, IndicatorValue
from reports.statistics.comparison import GroupRule
from reports.statistics.services import EDITABLE_FIELDS


class IndicatorForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Anledning till ändringen"),
        required=False,
        max_length=500,
        help_text=_("Sparas i ändringshistoriken."),
    )

    class Meta:
        model = Indicator
        fields = ["code", *EDITABLE_FIELDS]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "code": _(
                "Används i importfiler och adresser; kan inte ändras efteråt. "
                "Små bokstäver, siffror och understreck."
            ),
            "kolada_kpi": _("T.ex. N00914. Värden från Koladas API matchas mot den."),
            "person_based": _(
                "Personbaserade värden redovisas för kvinnor och män och skyddas "
                "när underlaget är litet."
            ),
            "decimals": _("Antal decimaler som visas."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            self.fields["code"].validators.append(
                RegexValidator(
                    r"^[a-z0-9_]+$", _("Använd små bokstäver a–z, siffror och understreck.")
                )
            )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV, Excel (XLSX) eller JSON från Koladas API. Högst %(size)s MB.")
        % {"size": round(settings.UPLOAD_MAX_BYTES / 1_048_576)},
    )
    dry_run = forms.BooleanField(
        label=_("Kontrollera bara filen, importera inget"),
        required=False,
    )


class DistrictStatisticsForm(forms.Form):
    """The choices on the district statistics page (GET)."""

    kon = forms.ChoiceField(
        label=_("Kön"),
        choices=IndicatorValue.Sex.choices,
        initial=IndicatorValue.Sex.TOTAL,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Gäller personbaserade indikatorer."),
    )
    jamforelse = forms.ChoiceField(
        label=_("Jämförelsegrupp"),
        choices=GroupRule.choices,
        initial=GroupRule.default,
        required=False,
    )

    def choices(self) -> tuple[str, str]:
        """(sex, comparison rule), defaults for anything missing or wrong."""
        data = self.cleaned_data if self.is_valid() else {}
        return (
            data.get("kon") or IndicatorValue.Sex.TOTAL,
            GroupRule.parse(data.get("jamforelse")),
        )
