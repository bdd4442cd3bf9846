from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Statsbidrag enligt förordning (2018:151)")

    def ready(self):
        from grants.annual_report import funding_section
        from reports.annual.hooks import register_funding_provider

        register_funding_provider("grants", funding_section)
