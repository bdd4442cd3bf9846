"""Forms shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    """The reason asked for on a confirmation page (includes/confirm.html), e.g. why a report is
    returned or an agreement terminated. The reason ends up in the history record."""

    reason = forms.CharField(
        label=_("Motivering"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, required: bool = True, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        if label is not None:
            field.label = label
        if help_text is not None:
            field.help_text = help_text
