from django.contrib import admin
from django.db.models import Count

from directory.admin import ChildOfPublishableAdmin, LockedWithParentInline, PublishableAdmin
from events.models import Event, EventSeries, Participation


@admin.register(EventSeries)
class EventSeriesAdmin(PublishableAdmin):
    list_display = ["name", "organizer", "event_count", "status"]
    list_select_related = ["organizer"]
    search_fields = ["name"]
    autocomplete_fields = ["organizer"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_event_count=Count("events"))

    @admin.display(description="events", ordering="_event_count")
    def event_count(self, series):
        return series._event_count


class ParticipationInline(LockedWithParentInline, admin.TabularInline):
    model = Participation
    fields = ["order", "role", "level", "person", "member_state", "organization", "title"]
    autocomplete_fields = ["person", "member_state", "organization"]
    extra = 0


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = ["title", "kind", "starts_on", "city", "series", "participant_count", "status"]
    list_filter = ["status", "kind", "chatham_house_rule", "series"]
    list_select_related = ["series"]
    search_fields = ["title", "summary", "venue", "city"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "country", "topics"]
    inlines = [ParticipationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "kind"]}),
        ("When and where", {"fields": ["starts_on", "ends_on", "venue", "city", "country"]}),
        ("Series", {"fields": ["series", "edition"]}),
        ("Content", {"fields": ["summary", "body", "chatham_house_rule", "topics", "source_url"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_participant_count=Count("participations"))

    @admin.display(description="participations", ordering="_participant_count")
    def participant_count(self, event):
        return event._participant_count


@admin.register(Participation)
class ParticipationAdmin(ChildOfPublishableAdmin):
    workflow_parent = "event"

    list_display = ["event", "role", "level", "person", "member_state", "organization"]
    list_filter = ["role", "level"]
    list_select_related = ["event", "person", "member_state", "organization"]
    search_fields = ["event__title", "person__name", "member_state__name", "organization__name"]
    autocomplete_fields = ["event", "person", "member_state", "organization"]
