from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accessibility.models import AccessibilityReport


@admin.register(AccessibilityReport)
class AccessibilityReportAdmin(SimpleHistoryAdmin):
    list_display = ["created_at", "page_url", "status", "wants_answer", "email"]
    list_filter = ["status", "wants_answer"]
    search_fields = ["description", "page_url", "email"]
    readonly_fields = ["page_url", "description", "name", "email", "wants_answer", "created_at"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
