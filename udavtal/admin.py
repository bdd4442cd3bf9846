"""Titles of the admin site (the admin modules of the apps register the models)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("udavtal – administration")
admin.site.site_title = _("Lokala utvecklingsavtal")
admin.site.index_title = _("Referensdata och användare")
