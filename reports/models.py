"""Reports, their documents and symbols, their recommendations, and how each
recommendation's implementation has gone over time."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.history import tracked
from directory.models import MemberState, Organization, Topic
from directory.publishing import (
    Publishable,
    PublishableQuerySet,
    Timestamped,
    public_condition,
    publish_permissions,
    publishable_constraints,
    publishable_indexes,
)
from directory.search import SearchableQuerySet, generated_search_vector, vector
from events.models import Event
from reports import documents


class ReportKind(models.TextChoices):
    UN_REPORT = "un_report", _("UN report")
    PANEL_REPORT = "panel_report", _("Panel report")
    RESOLUTION = "resolution", _("Resolution")
    DECLARATION = "declaration", _("Declaration or principles")
    POLICY_PAPER = "policy_paper", _("Policy paper")
    MEETING_NOTE = "meeting_note", _("Meeting note")


class ReportQuerySet(SearchableQuerySet, PublishableQuerySet):
    def newest_first(self):
        return self.order_by(F("published_on").desc(nulls_last=True), "title")

    def for_listing(self):
        """What a report card shows besides its own columns: symbols, in one query."""
        return self.prefetch_related(
            models.Prefetch("symbols", queryset=DocumentSymbol.objects.order_by("order", "symbol"))
        )

    def for_citation(self):
        """What reports/citations.py reads: symbols and authoring bodies."""
        return self.prefetch_related("symbols", "authors")

    def about(self, topic):
        return self.filter(topics=topic)

    def with_symbol(self, symbol: str):
        return self.filter(symbols__symbol=DocumentSymbol.normalise(symbol))


@tracked(exclude=["search_symbols", "search_documents"])
class Report(Publishable):
    title = models.CharField(max_length=400)
    subtitle = models.CharField(max_length=400, blank=True)
    kind = models.CharField(max_length=24, choices=ReportKind.choices, db_index=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True, db_index=True)
    authors = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="reports_authored",
        verbose_name=_("authoring bodies"),
    )
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    source_url = models.URLField(blank=True, help_text=_("Where the official text is published."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="reports")
    member_states = models.ManyToManyField(
        MemberState, blank=True, related_name="reports", help_text=_("States the report concerns.")
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="reports", help_text=_("Events that discussed the report.")
    )
    related = models.ManyToManyField(
        "self", through="ReportRelation", symmetrical=False, related_name="related_from", blank=True
    )
    # Copies kept by database triggers (reports migration 0002) so that the generated
    # search_vector, which can only read its own row, covers symbols and documents.
    search_symbols = models.TextField(blank=True, default="", editable=False)
    search_documents = models.TextField(blank=True, default="", editable=False)
    search_vector = generated_search_vector(
        vector("title", "search_symbols", weight="A")
        + vector("subtitle", "summary", weight="B")
        + vector("body", weight="C")
        + vector("search_documents", weight="D")
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        permissions = publish_permissions("report")
        ordering = ["-published_on", "title"]
        indexes = [
            *publishable_indexes(),
            GinIndex(fields=["search_vector"], name="report_search"),
            # Newest-first lists, and the candidates of broad searches (directory/search.py),
            # read this index in order and stop early.
            models.Index(
                F("published_on").desc(nulls_last=True),
                F("id").desc(),
                name="report_published_recent",
                condition=Q(status="published"),
            ),
            GinIndex(fields=["title"], name="report_title_trgm", opclasses=["gin_trgm_ops"]),
        ]
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="report_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"slug": self.slug})


@tracked()
class DocumentSymbol(models.Model):
    """A UN document symbol. One report can carry several: the HIPPO report is
    both A/70/95 (General Assembly) and S/2015/446 (Security Council)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="symbols")
    symbol = models.CharField(max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["report", "order", "symbol"]
        # Symbol prefix search (`A/70/` finds A/70/95 and A/70/357) is a LIKE 'A/70/%'.
        indexes = [
            models.Index(
                fields=["symbol"], name="documentsymbol_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]
        constraints = [
            # Stored in capitals without spaces, so "a/70/95" and "A/70/95" cannot both exist.
            models.CheckConstraint(
                condition=Q(symbol=Upper("symbol")) & Q(symbol__regex=r"^[A-Z0-9][A-Z0-9/.()\-]*$"),
                name="documentsymbol_normalised",
            ),
        ]

    def __str__(self):
        return self.symbol

    def save(self, *args, **kwargs):
        self.symbol = self.normalise(self.symbol)
        super().save(*args, **kwargs)

    def clean(self):
        # Before the unique and check constraints are validated, so that a curator
        # typing "a/70/95" gets "already exists", not "constraint violated".
        self.symbol = self.normalise(self.symbol)

    @staticmethod
    def normalise(symbol: str) -> str:
        return symbol.strip().upper()


class RelationKind(models.TextChoices):
    RESPONDS_TO = "responds_to", _("responds to")
    IMPLEMENTS = "implements", _("implements")
    FOLLOWS_UP = "follows_up", _("follows up")
    REFERS_TO = "refers_to", _("refers to")


RELATION_INVERSES = {
    RelationKind.RESPONDS_TO: _("responded to by"),
    RelationKind.IMPLEMENTS: _("implemented by"),
    RelationKind.FOLLOWS_UP: _("followed up by"),
    RelationKind.REFERS_TO: _("referred to by"),
}


@tracked()
class ReportRelation(models.Model):
    """A typed link between two reports, read as “source <kind> target”."""

    source = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=16, choices=RelationKind.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["source", "kind", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="reportrelation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="reportrelation_not_to_itself",
                violation_error_message=_("A report cannot relate to itself."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationKind.values), name="reportrelation_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def inverse_label(self):
        return RELATION_INVERSES[self.kind]


class Language(models.TextChoices):
    """The six official languages of the United Nations."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


@tracked()
class ReportDocument(Timestamped):
    """One language version of a report: its file and the text extracted for search
    (reports/documents.py checks uploads and reads them)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(max_length=2, choices=Language.choices)
    file = models.FileField(
        upload_to=documents.upload_to,
        blank=True,
        max_length=200,
        validators=[documents.validate_pdf],
        help_text=_("A PDF. Its text is read for search."),
    )
    source_url = models.URLField(blank=True, help_text=_("The official copy, if not uploaded."))
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    extracted_text = models.TextField(blank=True, help_text=_("Full text, used by search."))
    # db_default: rows written by raw SQL (generate_corpus's COPY) start without a warning.
    extraction_warning = models.CharField(
        max_length=300, blank=True, default="", db_default="", editable=False
    )

    class Meta:
        ordering = ["report", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"], name="reportdocument_one_per_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="reportdocument_language_valid"
            ),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(source_url=""),
                name="reportdocument_has_file_or_url",
                violation_error_message=_(
                    "Upload a file or give the address of the official copy."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.report} ({self.get_language_display()})"

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A new upload: read its text before it is stored.
            self.size_bytes = self.file.size
            self.extracted_text, self.extraction_warning = documents.extract_text(self.file)
        elif not self.file:
            self.size_bytes = None
            self.extraction_warning = ""
        super().save(*args, **kwargs)


class RecommendationQuerySet(SearchableQuerySet):
    def published(self):
        """A recommendation is public when its report is."""
        return self.filter(public_condition("report__"))

    def with_current_status(self):
        """`current_status` and `current_status_on`: the latest update's, never a field
        of their own (see RecommendationUpdate)."""
        latest = RecommendationUpdate.objects.filter(recommendation=models.OuterRef("pk")).order_by(
            "-dated", "-id"
        )
        return self.annotate(
            current_status=models.Subquery(latest.values("status")[:1]),
            current_status_on=models.Subquery(latest.values("dated")[:1]),
        )


@tracked()
class Recommendation(Timestamped):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="recommendations")
    label = models.CharField(
        max_length=32, help_text=_("As numbered in the report: “1”, “para. 45”, “III.B.2”.")
    )
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    text = models.TextField(help_text=_("The recommendation, summarised or quoted."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="recommendations")
    events = models.ManyToManyField(
        Event, blank=True, related_name="recommendations", help_text=_("Events that discussed it.")
    )
    search_vector = generated_search_vector(
        vector("label", "title", weight="A") + vector("text", weight="B")
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["report", "order", "label"]
        indexes = [GinIndex(fields=["search_vector"], name="recommendation_search")]
        constraints = [
            models.UniqueConstraint(fields=["report", "label"], name="recommendation_label_unique"),
            models.CheckConstraint(condition=~Q(label=""), name="recommendation_label_set"),
        ]

    def __str__(self):
        return f"{self.report}: {self.label}. {self.title}"


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIAL = "partial", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    SUPERSEDED = "superseded", _("Superseded")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("No longer relevant")


@tracked()
class RecommendationUpdate(Timestamped):
    """One dated entry in a recommendation's implementation record. The current
    status is the latest entry, never a separately edited field."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(max_length=24, choices=ImplementationStatus.choices)
    dated = models.DateField()
    summary = models.TextField()
    source_report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_updates",
    )
    source_event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_updates",
    )
    source_url = models.URLField(blank=True)

    class Meta:
        ordering = ["recommendation", "-dated", "-id"]
        get_latest_by = "dated"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImplementationStatus.values),
                name="recommendationupdate_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(source_report__isnull=False)
                | Q(source_event__isnull=False)
                | ~Q(source_url=""),
                name="recommendationupdate_has_source",
                violation_error_message=_("Give a source: a report, an event or a link."),
            ),
        ]

    def __str__(self):
        return f"{self.dated}: {self.get_status_display()}"


# Links kept in Django's own many-to-many tables have a history too, so that an undo
# or a restore from the trash brings back what a thing was linked to.
tracked(model_name="ReportAuthorsEvent")(Report.authors.through)
tracked(model_name="ReportTopicsEvent")(Report.topics.through)
tracked(model_name="ReportMemberStatesEvent")(Report.member_states.through)
tracked(model_name="ReportEventsEvent")(Report.events.through)
tracked(model_name="RecommendationTopicsEvent")(Recommendation.topics.through)
tracked(model_name="RecommendationEventsEvent")(Recommendation.events.through)
