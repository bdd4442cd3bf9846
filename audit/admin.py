from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "content_type", "object_repr", "action", "reason"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "reason", "user__username"]
    date_hierarchy = "at"
    list_select_related = ["user", "content_type"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
