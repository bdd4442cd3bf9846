from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with Swedish labels and messages, and no label suffix."""

    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Kontrollera stavningen och att Caps Lock inte är på."
        ),
        "inactive": _("Kontot är inaktiverat. Kontakta systemadministratören."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.label_suffix = ""
        username = self.fields["username"]
        username.label = _("Användarnamn")
        username.error_messages["required"] = _("Fyll i ditt användarnamn.")
        password = self.fields["password"]
        password.label = _("Lösenord")
        password.error_messages["required"] = _("Fyll i ditt lösenord.")
