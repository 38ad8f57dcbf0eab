from django.contrib import admin, messages
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext

from directory.admin import ChildOfPublishableAdmin, LockedWithParentInline, PublishableAdmin
from reports.models import (
    DocumentSymbol,
    Recommendation,
    RecommendationLink,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportRelation,
)


class DocumentSymbolInline(LockedWithParentInline, admin.TabularInline):
    model = DocumentSymbol
    fields = ["symbol", "order"]
    extra = 1


class UploadNameMixin:
    """The uploaded file's own name is never used (documents.upload_to makes ours),
    so a long one must not get the upload refused."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file" and field is not None:
            field.max_length = None
        return field


class ReportDocumentInline(UploadNameMixin, LockedWithParentInline, admin.TabularInline):
    model = ReportDocument
    fields = ["language", "file", "source_url", "size_bytes", "text"]
    readonly_fields = ["size_bytes", "text"]
    extra = 0

    @admin.display(description=gettext_lazy("Text for search"))
    def text(self, document):
        return text_state(document)


class RecommendationInline(LockedWithParentInline, admin.StackedInline):
    model = Recommendation
    fields = [("label", "label_source", "order", "slug"), "title", "text", "implementation"]
    readonly_fields = ["implementation"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Each row's title names its report; fetch it once, not once per row.
        return (
            super()
            .get_queryset(request)
            .select_related("report")
            .annotate(_update_count=Count("updates"))
        )

    @admin.display(description=gettext_lazy("Implementation"))
    def implementation(self, recommendation):
        """Where the implementation updates are kept: on the recommendation's own page,
        reached from here with their number."""
        if recommendation.pk is None:
            return gettext("Save the report, then record implementation updates from here.")
        count = getattr(recommendation, "_update_count", None)
        if count is None:
            count = recommendation.updates.count()
        url = reverse("admin:reports_recommendation_change", args=[recommendation.pk])
        return format_html(
            '<a href="{}#updates-group">{}</a>',
            url,
            ngettext(
                "%(count)s implementation update: add or edit",
                "%(count)s implementation updates: add or edit",
                count,
            )
            % {"count": count},
        )


class ReportRelationInline(LockedWithParentInline, admin.TabularInline):
    model = ReportRelation
    fk_name = "source"
    fields = ["kind", "target", "note"]
    autocomplete_fields = ["target"]
    extra = 0
    verbose_name = gettext_lazy("relation to another report")
    verbose_name_plural = gettext_lazy("relations to other reports")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "target")


@admin.register(Report)
class ReportAdmin(PublishableAdmin):
    list_display = [
        "title",
        "symbol_list",
        "kind",
        "published_on",
        "recommendation_count",
        "status",
    ]
    list_filter = ["status", "kind", "topics"]
    search_fields = ["title", "subtitle", "also_known_as", "summary", "symbols__symbol"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "topics", "member_states", "events", "operations"]
    inlines = [
        DocumentSymbolInline,
        ReportDocumentInline,
        ReportRelationInline,
        RecommendationInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "subtitle",
                    "also_known_as",
                    "slug",
                    "status",
                    "kind",
                    "published_on",
                ]
            },
        ),
        (gettext_lazy("Content"), {"fields": ["summary", "body", "source_url"]}),
        (
            gettext_lazy("Links"),
            {"fields": ["authors", "topics", "member_states", "operations", "events"]},
        ),
        (gettext_lazy("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_recommendation_count=Count("recommendations", distinct=True))
            .prefetch_related(
                Prefetch("symbols", queryset=DocumentSymbol.objects.order_by("order"))
            )
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ReportDocument:
            changed = [document for document, _ in formset.changed_objects]
            tell_about_text(request, [*formset.new_objects, *changed])

    @admin.display(description=gettext_lazy("symbols"))
    def symbol_list(self, report):
        return ", ".join(symbol.symbol for symbol in report.symbols.all()) or "—"

    @admin.display(description=gettext_lazy("recommendations"), ordering="_recommendation_count")
    def recommendation_count(self, report):
        return report._recommendation_count


@admin.register(DocumentSymbol)
class DocumentSymbolAdmin(ChildOfPublishableAdmin):
    list_display = ["symbol", "report"]
    list_select_related = ["report"]
    search_fields = ["symbol", "report__title"]
    autocomplete_fields = ["report"]


@admin.register(ReportDocument)
class ReportDocumentAdmin(UploadNameMixin, ChildOfPublishableAdmin):
    list_display = ["report", "language", "file", "size_bytes", "updated_at"]
    list_filter = ["language"]
    list_select_related = ["report"]
    search_fields = ["report__title"]
    autocomplete_fields = ["report"]
    readonly_fields = ["size_bytes", "text", "created_at", "updated_at"]

    @admin.display(description=gettext_lazy("Text for search"))
    def text(self, document):
        return text_state(document)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        tell_about_text(request, [obj])


def text_state(document) -> str:
    """Where a document's text stands, in the words its form shows."""
    if document.text_queued_at:
        return gettext(
            "Being read: a background worker reads the text within seconds of the "
            "upload. Reload this page to see it."
        )
    if document.extraction_warning:
        return document.extraction_warning
    if document.extracted_text:
        return gettext("%(count)s characters read; search finds its words.") % {
            "count": number_format(len(document.extracted_text), force_grouping=True)
        }
    return "—"


def tell_about_text(request, documents):
    """An upload answers at once and its text is read in the background (reports/
    tasks.py): staff are told, so that a search that misses it for a few seconds is
    no surprise."""
    for document in documents:
        if document.text_queued_at:
            messages.info(
                request,
                gettext(
                    "%(document)s: the PDF is stored; its text is being read in the background "
                    "and will be searchable within seconds. If it holds no readable text, "
                    "this document's form will say so."
                )
                % {"document": document},
            )


@admin.register(ReportRelation)
class ReportRelationAdmin(ChildOfPublishableAdmin):
    list_display = ["source", "kind", "target"]
    list_filter = ["kind"]
    list_select_related = ["source", "target"]
    search_fields = ["source__title", "target__title"]
    autocomplete_fields = ["source", "target"]


class RecommendationUpdateInline(LockedWithParentInline, admin.TabularInline):
    """Updates added here start as drafts; each is published on its own page."""

    model = RecommendationUpdate
    fields = [
        "dated",
        "implementation_status",
        "summary",
        "source_report",
        "source_event",
        "source_url",
        "status",
    ]
    readonly_fields = ["status"]
    autocomplete_fields = ["source_report", "source_event"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        # Each row's name reads its recommendation and report.
        return super().get_queryset(request).select_related("recommendation__report")


class RecommendationLinkInline(LockedWithParentInline, admin.TabularInline):
    model = RecommendationLink
    fk_name = "source"
    fields = ["kind", "target", "note"]
    autocomplete_fields = ["target"]
    extra = 0
    verbose_name = gettext_lazy("link to another recommendation")
    verbose_name_plural = gettext_lazy("links to other recommendations")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source__report", "target__report")


@admin.register(Recommendation)
class RecommendationAdmin(ChildOfPublishableAdmin):
    list_display = ["label", "title", "report", "update_count"]
    list_filter = ["report", "topics"]
    list_select_related = ["report"]
    search_fields = ["label", "title", "text", "report__title"]
    autocomplete_fields = [
        "report",
        "topics",
        "events",
        "responsible_organizations",
        "responsible_member_states",
        "operations",
        "cited_by",
    ]
    fieldsets = [
        (None, {"fields": ["report", ("label", "label_source", "order"), "slug", "title", "text"]}),
        (
            gettext_lazy("Links"),
            {
                "fields": [
                    "topics",
                    "responsible_organizations",
                    "responsible_member_states",
                    "operations",
                    "events",
                    "cited_by",
                ]
            },
        ),
        (gettext_lazy("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [RecommendationLinkInline, RecommendationUpdateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_update_count=Count("updates"))

    @admin.display(description=gettext_lazy("updates"), ordering="_update_count")
    def update_count(self, recommendation):
        return recommendation._update_count


@admin.register(RecommendationLink)
class RecommendationLinkAdmin(ChildOfPublishableAdmin):
    list_display = ["source", "kind", "target"]
    list_filter = ["kind"]
    list_select_related = ["source__report", "target__report"]
    search_fields = ["source__title", "target__title", "source__report__title"]
    autocomplete_fields = ["source", "target"]


@admin.register(RecommendationUpdate)
class RecommendationUpdateAdmin(PublishableAdmin):
    """An update is published on its own, under the workflow: an editor drafts it for
    a recommendation of a published report, a publisher makes it public."""

    list_display = ["recommendation", "dated", "implementation_status", "source_report", "status"]
    list_filter = ["status", "implementation_status"]
    list_select_related = ["recommendation__report", "source_report"]
    search_fields = ["summary", "recommendation__title", "recommendation__report__title"]
    autocomplete_fields = ["recommendation", "source_report", "source_event"]
    date_hierarchy = "dated"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "recommendation",
                    ("dated", "implementation_status"),
                    "summary",
                    "source_report",
                    "source_event",
                    "source_url",
                    "quote",
                ]
            },
        ),
    ]
