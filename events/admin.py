from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from import_export.forms import ConfirmImportForm, ImportForm

from directory.admin import (
    ChildOfPublishableAdmin,
    ImportExportAdmin,
    LockedWithParentInline,
    PublishableAdmin,
    SelectedOnceInline,
)
from events.models import Event, EventSeries, Participation
from events.resources import ParticipationResource


class ParticipationImportForm(ImportForm):
    event = forms.ModelChoiceField(
        queryset=Event.objects.order_by("-starts_on"),
        required=False,
        help_text=gettext_lazy(
            "The event the list is for. Leave empty if the file has an “event” column."
        ),
    )


class ParticipationConfirmForm(ConfirmImportForm):
    event = forms.ModelChoiceField(
        queryset=Event.objects.all(), required=False, widget=forms.HiddenInput
    )


@admin.register(EventSeries)
class EventSeriesAdmin(PublishableAdmin):
    list_display = ["name", "organizer", "event_count", "status"]
    list_select_related = ["organizer"]
    search_fields = ["name"]
    autocomplete_fields = ["organizer"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_event_count=Count("events"))

    @admin.display(description=gettext_lazy("events"), ordering="_event_count")
    def event_count(self, series):
        return series._event_count


class ParticipationInline(SelectedOnceInline, LockedWithParentInline, admin.TabularInline):
    model = Participation
    fields = ["order", "role", "level", "person", "member_state", "organization", "title"]
    autocomplete_fields = ["person", "member_state", "organization"]
    extra = 0

    def get_queryset(self, request):
        # Each row's name reads who took part.
        return (
            super().get_queryset(request).select_related("person", "member_state", "organization")
        )


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = ["title", "kind", "starts_on", "city", "series", "participant_count", "status"]
    list_filter = ["status", "kind", "chatham_house_rule", "series"]
    list_select_related = ["series"]
    search_fields = ["title", "also_known_as", "summary", "venue", "city"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "country", "topics", "operations"]
    inlines = [ParticipationInline]
    fieldsets = [
        (None, {"fields": ["title", "also_known_as", "slug", "status", "kind"]}),
        (
            gettext_lazy("When and where"),
            {"fields": ["starts_on", "ends_on", "venue", "city", "country"]},
        ),
        (gettext_lazy("Series"), {"fields": ["series", "edition"]}),
        (
            gettext_lazy("Content"),
            {
                "fields": [
                    "summary",
                    "body",
                    "chatham_house_rule",
                    "topics",
                    "operations",
                    "source_url",
                ]
            },
        ),
        (gettext_lazy("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_participant_count=Count("participations"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.user.has_perm("events.add_participation"):
            url = reverse("admin:events_participation_import") + f"?event={obj.pk}"
            context["extra_tools"] = [(gettext("Import attendance list"), url)]
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=gettext_lazy("participations"), ordering="_participant_count")
    def participant_count(self, event):
        return event._participant_count


@admin.register(Participation)
class ParticipationAdmin(ImportExportAdmin, ChildOfPublishableAdmin):
    """Attendance lists come in by import: choose the event on the form."""

    resource_classes = [ParticipationResource]
    import_form_class = ParticipationImportForm
    confirm_form_class = ParticipationConfirmForm

    def get_import_form_initial(self, request):
        return {**super().get_import_form_initial(request), "event": request.GET.get("event")}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            event = import_form.cleaned_data.get("event")
            initial["event"] = event.pk if event else None
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        event = form.cleaned_data.get("event") if form is not None and form.is_valid() else None
        return {**super().get_import_resource_kwargs(request, **kwargs), "event": event}

    list_display = ["event", "role", "level", "person", "member_state", "organization"]
    list_filter = ["role", "level"]
    list_select_related = ["event", "person", "member_state", "organization"]
    search_fields = ["event__title", "person__name", "member_state__name", "organization__name"]
    autocomplete_fields = ["event", "person", "member_state", "organization"]
