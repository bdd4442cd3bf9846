"""Forms of the agreement pages: parsing and field rules only. Cross-row rules (no overlap,
districts of the municipality, funding years inside the period) are checked by the services,
whose Swedish messages the views put back on the form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agreements import selectors, workflow
from agreements.models import (
    Agreement,
    AgreementRevision,
    GoalArea,
    Municipality,
    PolicyPhase,
)
from agreements.services import EDITABLE_FIELDS, FundingLine, check_period
from agreements.transitions import Signatures
from udavtal.lib import formats
from udavtal.lib.collation import swedish
from udavtal.lib.uploads import PDF, check_upload


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _field(model, name: str, **kwargs) -> forms.Field:
    """The model field's form field (Swedish label, max length, required), dates as date inputs."""
    model_field = model._meta.get_field(name)
    if model_field.get_internal_type() == "DateField":
        kwargs.setdefault("widget", DateInput)
    field = model_field.formfield(**kwargs)
    field.label = str(field.label)[:1].upper() + str(field.label)[1:]
    return field


class AmountField(forms.DecimalField):
    """Kronor as people type them: "1 250 000", "1250000,50"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("localize", True)
        kwargs.setdefault("error_messages", {"min_value": _("Beloppet kan inte vara negativt.")})
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").replace("kr", "")
        return super().to_python(value)


class MunicipalityChoiceForm(forms.Form):
    """Step one of a new agreement (pages work without JavaScript): choose the municipality, so
    that step two offers that municipality's districts only."""

    kommun = forms.ModelChoiceField(
        label=_("Kommun"),
        queryset=Municipality.objects.none(),
        empty_label=_("Välj kommun"),
        help_text=_("Avtalet tecknas mellan staten och en kommun."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommun"].queryset = Municipality.objects.visible_to(user).order_by(
            swedish("name")
        )


class AgreementForm(forms.Form):
    """The agreement's own fields, districts and goal areas (funding is a formset beside it)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, municipality: Municipality, agreement: Agreement | None = None, **kw):
        super().__init__(*args, **kw)
        self.fields.update(
            {
                "title": _field(Agreement, "title"),
                "case_number": _field(Agreement, "case_number"),
                "policy_phase": _field(
                    Agreement,
                    "policy_phase",
                    queryset=PolicyPhase.objects.order_by("starts_on"),
                    empty_label=_("Välj politikområde"),
                ),
                "offered_on": _field(Agreement, "offered_on"),
                "starts_on": _field(Agreement, "starts_on"),
                "ends_on": _field(Agreement, "ends_on"),
                "accords_due_on": _field(
                    Agreement,
                    "accords_due_on",
                    help_text=_("Inom avtalsperioden. Lämna tomt om ingen frist är satt."),
                ),
                "plans_due_on": _field(
                    Agreement,
                    "plans_due_on",
                    help_text=_("Inom avtalsperioden. Lämna tomt om ingen frist är satt."),
                ),
                "districts": _field(
                    Agreement,
                    "districts",
                    queryset=selectors.districts_for_choice(municipality_id=municipality.pk),
                    widget=forms.CheckboxSelectMultiple,
                ),
                "goal_areas": _field(
                    Agreement,
                    "goal_areas",
                    queryset=GoalArea.objects.filter(is_active=True),
                    widget=forms.CheckboxSelectMultiple,
                ),
                "description": _field(
                    Agreement, "description", widget=forms.Textarea(attrs={"rows": 4})
                ),
            }
        )
        # The version stays last so the hidden field follows the visible ones.
        self.fields["version"] = self.fields.pop("version")
        self.fields["districts"].help_text = _("Stadsdelar i %(municipality)s.") % {
            "municipality": municipality.name
        }
        if agreement is not None:
            active = GoalArea.objects.filter(is_active=True)
            self.fields["goal_areas"].queryset = (
                active | GoalArea.objects.filter(agreements=agreement)
            ).distinct()
            if not self.is_bound:
                self.initial.update({name: getattr(agreement, name) for name in EDITABLE_FIELDS})
                self.initial["policy_phase"] = agreement.policy_phase_id
                self.initial["districts"] = [d.pk for d in agreement.districts.all()]
                self.initial["goal_areas"] = [g.pk for g in agreement.goal_areas.all()]
                self.initial["version"] = agreement.version

    def clean(self):
        """Period and deadlines at once with the other field errors (the service checks again)."""
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on"):
            candidate = Agreement(
                **{name: data.get(name) for name in ("starts_on", "ends_on")},
                accords_due_on=data.get("accords_due_on"),
                plans_due_on=data.get("plans_due_on"),
            )
            try:
                check_period(agreement=candidate)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return data

    def agreement_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class FundingForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput, required=False)
    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    state_amount_sek = AmountField(label=_("Statliga medel (kr)"))
    municipality_amount_sek = AmountField(label=_("Kommunala medel (kr)"))
    note = forms.CharField(label=_("Kommentar"), max_length=300, required=False)


class BaseFundingFormSet(forms.BaseFormSet):
    """Funding per year. Rows carry the pk of the line they edit; a ticked "Ta bort" deletes it
    (its history stays)."""

    def __init__(self, *args, agreement: Agreement | None = None, **kwargs):
        self.lines = {line.pk: line for line in agreement.funding.all()} if agreement else {}
        super().__init__(*args, **kwargs)

    def clean(self):
        for form in self.forms:
            line = getattr(form, "cleaned_data", {}).get("line")
            if line and line not in self.lines:
                raise forms.ValidationError(_("Raden hör inte till avtalet. Ladda om sidan."))

    def funding_lines(self) -> list[FundingLine]:
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (not form.has_changed() and not data.get("line")):
                continue
            if data.get("DELETE"):
                line = self.lines.get(data.get("line"))
                if line is not None:
                    rows.append(
                        FundingLine(
                            year=line.year,
                            state_amount_sek=line.state_amount_sek,
                            municipality_amount_sek=line.municipality_amount_sek,
                            line=line,
                            delete=True,
                        )
                    )
                continue
            rows.append(
                FundingLine(
                    year=data["year"],
                    state_amount_sek=data["state_amount_sek"],
                    municipality_amount_sek=data["municipality_amount_sek"],
                    note=data.get("note", ""),
                    line=self.lines.get(data.get("line")),
                )
            )
        return rows


FundingFormSet = forms.formset_factory(
    FundingForm, formset=BaseFundingFormSet, extra=2, can_delete=True, max_num=60
)


def funding_formset(data=None, *, agreement: Agreement | None = None) -> BaseFundingFormSet:
    """The funding rows of an agreement (empty rows to add years below the saved ones)."""
    initial = None
    if data is None and agreement is not None:
        initial = [
            {
                "line": line.pk,
                "year": line.year,
                "state_amount_sek": line.state_amount_sek,
                "municipality_amount_sek": line.municipality_amount_sek,
                "note": line.note,
            }
            for line in agreement.funding.all()
        ]
    formset = FundingFormSet(data, initial=initial, agreement=agreement, prefix="funding")
    # A signed agreement's funding is changed, never deleted (agreements.services.check_funding):
    # set before the forms are built, so that they get no "Ta bort" box.
    formset.can_delete = not (agreement is not None and agreement.status in workflow.FUNDING_KEPT)
    for form in formset.forms:
        if formset.can_delete:
            form.fields["DELETE"].label = _("Ta bort")
    return formset


class SignForm(forms.Form):
    """The signatures of both parties and the signed agreement as a PDF."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    state_signatory = _field(Agreement, "state_signatory", required=True)
    state_signatory_title = _field(Agreement, "state_signatory_title")
    state_signed_on = _field(Agreement, "state_signed_on", required=True)
    municipality_signatory = _field(Agreement, "municipality_signatory", required=True)
    municipality_signatory_title = _field(Agreement, "municipality_signatory_title")
    municipality_signed_on = _field(Agreement, "municipality_signed_on", required=True)
    signed_document = forms.FileField(
        label=_("Undertecknat avtal (PDF)"),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_document"].help_text = _(
            "Det undertecknade avtalet som PDF. Högst %(limit)s MB."
        ) % {"limit": _size_limit()}

    def clean_signed_document(self):
        return check_upload(self.cleaned_data["signed_document"], allowed=(PDF,))

    def signatures(self) -> Signatures:
        data = self.cleaned_data
        return Signatures(
            **{name: data[name] for name in Signatures.__dataclass_fields__},
        )


class RevisionForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    description = _field(
        AgreementRevision,
        "description",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vad som ändrades i avtalet vid årets revidering."),
    )
    decided_on = _field(AgreementRevision, "decided_on")


def _size_limit() -> str:
    return formats.number(settings.UPLOAD_MAX_BYTES / 1_048_576, 1).removesuffix(",0")


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Fil"))
    description = forms.CharField(label=_("Beskrivning"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word (DOCX) eller Excel (XLSX). Högst %(limit)s MB."
        ) % {"limit": _size_limit()}

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])
