from django.contrib import admin

from directory.admin import PublishableAdmin
from operations.models import Operation


@admin.register(Operation)
class OperationAdmin(PublishableAdmin):
    list_display = ["acronym", "name", "kind", "started_on", "ended_on", "status", "updated_at"]
    list_filter = ["status", "kind", "dates_precision"]
    search_fields = ["acronym", "name", "also_known_as", "territory"]
    autocomplete_fields = ["hosts", "topics", "predecessor"]
    prepopulated_fields = {"slug": ["acronym"]}
    date_hierarchy = "started_on"
