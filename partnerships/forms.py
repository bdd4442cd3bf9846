"""Forms for accords and partnerships. They parse input and limit choices to the user's scope;
the services save."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import GoalArea
from partnerships.models import PartnershipMember
from udavtal.forms import ReasonForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, help_text=help_text)


class VersionField(forms.IntegerField):
    """The version the record was loaded at (optimistic locking)."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, **kwargs)


class ChoiceField(forms.ModelChoiceField):
    """A model choice with a Swedish empty choice (Django 6.1's "- Select an option -" has no
    Swedish translation yet)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("– Välj –"))
        super().__init__(*args, **kwargs)


class AgreementChoiceField(ChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.municipality.name} – {obj.title} ({obj.starts_on:%Y}–{obj.ends_on:%Y})"


class UnitChoiceField(ChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.agency.name} – {obj.name} ({obj.get_level_display().lower()})"


class AccordCreateForm(forms.Form):
    agreement = AgreementChoiceField(
        label=_("Avtal (kommun)"),
        queryset=None,
        help_text=_("Överenskommelsen träffas med den kommun som har avtalet."),
    )
    agency_unit = UnitChoiceField(
        label=_("Myndighetens enhet"),
        queryset=None,
        help_text=_(
            "Den enhet som tecknar överenskommelsen, t.ex. den lokala polismyndigheten. En "
            "regional eller lokal enhet måste omfatta kommunen."
        ),
    )
    title = forms.CharField(label=_("Rubrik"), max_length=250)
    case_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    starts_on = _date_field(
        _("Gäller från"), required=False, help_text=_("Tomt: avtalets startdatum.")
    )
    ends_on = _date_field(
        _("Gäller till"), required=False, help_text=_("Tomt: avtalets slutdatum.")
    )

    def __init__(self, *args, agreements, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        self.fields["agency_unit"].queryset = units


class AccordEditForm(forms.Form):
    version = VersionField()
    title = forms.CharField(label=_("Rubrik"), max_length=250)
    case_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    agency_unit = UnitChoiceField(label=_("Myndighetens enhet"), queryset=None)
    starts_on = _date_field(_("Gäller från"))
    ends_on = _date_field(_("Gäller till"))
    plans = forms.ModelMultipleChoiceField(
        label=_("Bygger på stadsdelsplanerna"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Överenskommelsen ska utgå från avtalets strategiska stadsdelsplaner."),
    )
    goal_areas = forms.ModelMultipleChoiceField(
        label=_("Målområden"),
        queryset=GoalArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agency_contact = forms.CharField(
        label=_("Kontaktperson hos myndigheten"),
        max_length=250,
        required=False,
        help_text=_("Namn, telefon och e-post."),
    )
    municipality_contact = forms.CharField(
        label=_("Kontaktperson i kommunen"),
        max_length=250,
        required=False,
        help_text=_("Namn, telefon och e-post."),
    )
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    reason = forms.CharField(
        label=_("Vad ändras och varför"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när en undertecknad överenskommelse revideras."),
    )

    def __init__(self, *args, accord, units, plans, revision: bool, **kwargs):
        if not kwargs.get("data"):
            kwargs.setdefault(
                "initial",
                {
                    "version": accord.version,
                    "title": accord.title,
                    "case_number": accord.case_number,
                    "agency_unit": accord.agency_unit_id,
                    "starts_on": accord.starts_on,
                    "ends_on": accord.ends_on,
                    "plans": [p.pk for p in accord.plans.all()],
                    "goal_areas": [a.pk for a in accord.goal_areas.all()],
                    "agency_contact": accord.agency_contact,
                    "municipality_contact": accord.municipality_contact,
                    "description": accord.description,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["agency_unit"].queryset = units
        self.fields["plans"].queryset = plans
        self.fields["plans"].label_from_instance = lambda plan: plan.district.name
        if revision:
            self.fields["reason"].required = True
            self.fields["agency_unit"].disabled = True
        else:
            del self.fields["reason"]


class CommitmentForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    plan_goal = ChoiceField(label=_("Mål i stadsdelsplanen"), queryset=None)
    what = forms.CharField(
        label=_("Åtagande"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad myndigheten åtar sig att göra."),
    )
    who = forms.CharField(label=_("Vem"), max_length=250, required=False)
    when = forms.CharField(label=_("När"), max_length=250, required=False)
    resources = forms.CharField(
        label=_("Resurser"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    remove = forms.BooleanField(label=_("Ta bort åtagandet"), required=False)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_goal"].queryset = goals
        if not self.initial.get("pk"):
            del self.fields["remove"]
        self.fields["plan_goal"].label_from_instance = lambda goal: (
            f"{goal.plan.district.name}: {goal.goal_area.name} – {goal.text[:80]}"
        )


class BaseCommitmentFormSet(forms.BaseFormSet):
    def __init__(self, *args, goals, **kwargs):
        self.goals = goals
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "goals": self.goals}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            goals=self.goals,
        )
        self.add_fields(form, None)
        return form


CommitmentFormSet = forms.formset_factory(
    CommitmentForm, formset=BaseCommitmentFormSet, extra=2, max_num=200
)


class CommitmentsMetaForm(forms.Form):
    """The version of the accord and, for a revision, why."""

    version = VersionField()
    reason = forms.CharField(
        label=_("Vad ändras och varför"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, revision: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if revision:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _(
                "Överenskommelsen är undertecknad: ändringen blir en revidering."
            )
        else:
            del self.fields["reason"]


class VersionForm(forms.Form):
    version = VersionField()


class AcceptForm(forms.Form):
    version = VersionField()
    agency_signatory = forms.CharField(label=_("Undertecknare för myndigheten"), max_length=200)
    agency_signed_on = _date_field(_("Undertecknad av myndigheten den"))
    municipality_signatory = forms.CharField(label=_("Undertecknare för kommunen"), max_length=200)
    municipality_signed_on = _date_field(_("Undertecknad av kommunen den"))

    def __init__(self, *args, accord, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "version": accord.version,
                "agency_signatory": accord.agency_signatory,
                "agency_signed_on": accord.agency_signed_on or today,
                "municipality_signatory": accord.municipality_signatory,
                "municipality_signed_on": accord.municipality_signed_on or today,
            },
        )
        super().__init__(*args, **kwargs)


class VersionedReasonForm(ReasonForm):
    version = VersionField()


class EndForm(VersionedReasonForm):
    ended_on = _date_field(_("Upphör den"))

    field_order = ["ended_on", "reason"]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Fil"), help_text=_("PDF, Word (DOCX) eller Excel (XLSX)."))
    description = forms.CharField(label=_("Beskrivning"), max_length=300, required=False)


class PartnershipCreateForm(forms.Form):
    agreement = AgreementChoiceField(label=_("Avtal"), queryset=None)
    name = forms.CharField(
        label=_("Namn"),
        max_length=250,
        required=False,
        help_text=_("Tomt: ”Lokalt partnerskap” och kommunens namn."),
    )
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements


MEMBER_KINDS = [
    (value, label)
    for value, label in PartnershipMember.Kind.choices
    if value != PartnershipMember.Kind.AGENCY
]


class MemberForm(forms.Form):
    version = VersionField()
    kind = forms.ChoiceField(
        label=_("Typ av medlem"),
        choices=MEMBER_KINDS,
        help_text=_("Statliga myndigheter ansluter genom en samverkansöverenskommelse."),
    )
    name = forms.CharField(label=_("Namn"), max_length=250)
    contact = forms.CharField(label=_("Kontaktperson"), max_length=250, required=False)
    joined_on = _date_field(_("Ansluten den"), required=False)
    left_on = _date_field(_("Lämnade den"), required=False)

    def __init__(self, *args, member=None, **kwargs):
        if member is not None and not kwargs.get("data"):
            kwargs.setdefault(
                "initial",
                {
                    "version": member.version,
                    "kind": member.kind,
                    "name": member.name,
                    "contact": member.contact,
                    "joined_on": member.joined_on,
                    "left_on": member.left_on,
                },
            )
        super().__init__(*args, **kwargs)
        if member is None:
            del self.fields["version"]
