from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    """Log in with username and password. django-axes throttles repeated failures and answers
    429 with `accounts/locked_out.html` (settings.AXES_LOCKOUT_TEMPLATE)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # As every invalid form in the project: re-render with status 400.
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as Django's LogoutView) and say so on the login page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("Du är nu utloggad."))
        return response
