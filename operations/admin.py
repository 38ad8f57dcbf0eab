from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from directory.admin import (
    ChildOfPublishableAdmin,
    ImportExportAdmin,
    LockedWithParentInline,
    PublishableAdmin,
    SelectedOnceInline,
)
from operations.models import Contribution, Leader, Mandate, Operation
from operations.resources import ContributionResource


class MandateInline(LockedWithParentInline, admin.StackedInline):
    model = Mandate
    fields = [("symbol", "adopted_on", "change", "runs_until"), "tasks", "note"]
    autocomplete_fields = ["tasks"]
    extra = 0
    verbose_name_plural = _("Mandate history (Security Council resolutions)")


class LeaderInline(SelectedOnceInline, LockedWithParentInline, admin.TabularInline):
    model = Leader
    fields = ["person", "role", "title", "started_on", "ended_on"]
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name_plural = _("Leadership")


@admin.register(Operation)
class OperationAdmin(PublishableAdmin):
    list_display = ["acronym", "name", "kind", "started_on", "ended_on", "status", "updated_at"]
    list_filter = ["status", "kind", "dates_precision"]
    search_fields = ["acronym", "name", "also_known_as", "territory"]
    autocomplete_fields = ["hosts", "topics", "predecessor"]
    prepopulated_fields = {"slug": ["acronym"]}
    date_hierarchy = "started_on"
    inlines = [MandateInline, LeaderInline]


@admin.register(Contribution)
class ContributionAdmin(ImportExportAdmin, ChildOfPublishableAdmin):
    """The UN's monthly figures come in by import (operations/resources.py has the
    columns); single rows can be corrected here."""

    resource_classes = [ContributionResource]
    list_display = [
        "operation",
        "member_state",
        "month",
        "personnel_type",
        "women",
        "men",
        "total",
    ]
    list_filter = ["personnel_type"]
    list_select_related = ["operation", "member_state"]
    search_fields = ["operation__acronym", "member_state__name", "member_state__iso3"]
    autocomplete_fields = ["operation", "member_state"]
    date_hierarchy = "month"
    list_per_page = 100
