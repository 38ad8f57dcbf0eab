from django.contrib import admin
from django.db.models import Q, Sum
from django.utils import timezone
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from peaceplatform.models import KeyUsage, PartnerKey

# The library's own key model is unused: partner keys carry contact, origins and quota.
admin.site.unregister(APIKey)


class KeyUsageInline(admin.TabularInline):
    model = KeyUsage
    fields = ["day", "requests"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-day"]
    verbose_name_plural = "requests per day (UTC)"


@admin.register(PartnerKey)
class PartnerKeyAdmin(APIKeyModelAdmin):
    """Created here and shown once, on creation; only a hash is stored."""

    list_display = [
        "name",
        "organization",
        "prefix",
        "rate_limit",
        "requests_today",
        "last_used_at",
        "revoked",
        "expiry_date",
    ]
    list_filter = ["revoked", "created"]
    search_fields = ["name", "organization", "contact", "prefix"]
    fields = [
        "name",
        "organization",
        "contact",
        "allowed_origins",
        "rate_limit",
        "expiry_date",
        "revoked",
        "prefix",
        "created",
        "last_used_at",
    ]
    inlines = [KeyUsageInline]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "created", "last_used_at")

    def get_queryset(self, request):
        today = timezone.now().date()
        return (
            super()
            .get_queryset(request)
            .annotate(requests_today=Sum("usage__requests", filter=Q(usage__day=today)))
        )

    @admin.display(description="requests today", ordering="requests_today")
    def requests_today(self, obj):
        return obj.requests_today or 0
