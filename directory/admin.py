from django.contrib import admin
from django.db.models import Count

from directory.models import MemberState, Organization, Person, Position, Topic


class PublishableAdmin(admin.ModelAdmin):
    """Shared by every publishable model's admin: status at a glance, filters,
    timestamps read-only. Editorial workflow actions arrive with their own issue."""

    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]
    save_on_top = True


@admin.register(MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    list_display = ["name", "iso3", "iso2", "m49", "region", "membership", "admitted_on"]
    list_filter = ["region", "membership"]
    search_fields = ["name", "short_name", "official_name", "iso2", "iso3", "m49"]
    date_hierarchy = "admitted_on"
    prepopulated_fields = {"slug": ["short_name"]}
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50


class ChildOrganizationInline(admin.TabularInline):
    model = Organization
    fk_name = "parent"
    fields = ["name", "acronym", "kind", "status"]
    extra = 0
    show_change_link = True
    verbose_name_plural = "Parts of this organization"


@admin.register(Organization)
class OrganizationAdmin(PublishableAdmin):
    list_display = ["name", "acronym", "kind", "parent", "status", "updated_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ChildOrganizationInline]


class PositionInline(admin.TabularInline):
    model = Position
    fields = ["title", "organization", "member_state", "started_on", "ended_on"]
    autocomplete_fields = ["organization", "member_state"]
    extra = 0


@admin.register(Person)
class PersonAdmin(PublishableAdmin):
    list_display = ["name", "sort_name", "honorific", "position_count", "status", "updated_at"]
    search_fields = ["name", "sort_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_position_count=Count("positions"))

    @admin.display(description="positions", ordering="_position_count")
    def position_count(self, person):
        return person._position_count


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organization", "member_state", "started_on", "ended_on"]
    list_select_related = ["person", "organization", "member_state"]
    search_fields = ["title", "person__name", "organization__name", "member_state__name"]
    autocomplete_fields = ["person", "organization", "member_state"]
    date_hierarchy = "started_on"
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Topic)
class TopicAdmin(PublishableAdmin):
    list_display = ["name", "parent", "status", "updated_at"]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
