from django import forms
from django.utils.translation import gettext_lazy as _

from accessibility.models import AccessibilityReport


class AccessibilityReportForm(forms.ModelForm):
    class Meta:
        model = AccessibilityReport
        fields = ["page_url", "description", "name", "email", "wants_answer"]
        labels = {
            "page_url": _("Vilken sida gäller det?"),
            "description": _("Beskriv problemet"),
            "name": _("Ditt namn"),
            "email": _("Din e-postadress"),
            "wants_answer": _("Jag vill ha svar"),
        }
        help_texts = {
            "page_url": _("Adressen eller namnet på sidan, om du vet det."),
            "description": _("Vad försökte du göra och vad hände? Vilket hjälpmedel använde du?"),
            "email": _("Behövs om du vill ha svar."),
        }
        error_messages = {
            "description": {"required": _("Beskriv problemet.")},
            "email": {"invalid": _("Skriv en e-postadress i formen namn@exempel.se.")},
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wants_answer") and not cleaned.get("email"):
            self.add_error("email", _("Fyll i din e-postadress så att vi kan svara."))
        return cleaned
