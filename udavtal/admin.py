"""Titles of the admin site (the admin modules of the apps register the models)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from udavtal.lib.admin import ReadOnlyAdminMixin
from udavtal.models import ListExport

admin.site.site_header = _("udavtal – administration")
admin.site.site_title = _("Lokala utvecklingsavtal")
admin.site.index_title = _("Referensdata och användare")


@admin.register(ListExport)
class ListExportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Stored list exports: written by the export task, downloadable by their owner only (the
    file is not linked here); they go after settings.EXPORT_KEEP_DAYS."""

    list_display = ["title", "user", "created_at", "row_count", "status"]
    list_filter = ["status"]
    search_fields = ["title", "user__username"]
    list_select_related = ["user"]
    exclude = ["file"]
