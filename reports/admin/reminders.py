"""Admin of the reminders sent about district reports: a log, read-only."""

from django.contrib import admin

from reports.models import ReportReminder
from udavtal.lib.admin import ReadOnlyAdminMixin, SelectRelatedMixin


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyAdminMixin, SelectRelatedMixin, admin.ModelAdmin):
    list_display = ["report", "kind", "due_on", "sent_at"]
    list_filter = ["kind", "report__year"]
    list_select_related = ["report__district"]
    str_select_related = ("report__district",)
    search_fields = ["report__district__name", "report__district__municipality__name"]
    date_hierarchy = "sent_at"
