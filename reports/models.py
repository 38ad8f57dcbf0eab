"""Reports, their documents and symbols, their recommendations, and how each
recommendation's implementation has gone over time."""

import re

import pgtrigger
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import markup
from core.addresses import slug_url
from core.copies import refreshed_when_links_change
from core.publishing.history import tracked
from core.publishing.status import (
    Publishable,
    PublishableQuerySet,
    Timestamped,
    Workflowed,
    public_condition,
    publish_permissions,
    publishable_constraints,
    publishable_indexes,
    workflowed_constraints,
)
from core.publishing.trash import delete_files_when_committed
from core.search import (
    KeyedQuerySet,
    SearchableQuerySet,
    also_known_as_field,
    generated_search_vector,
    known_names_field,
    translated_vector,
    vector,
)
from core.translations import LANGUAGE_CODES, InLanguage, column, translatable
from directory.models import MemberState, Organization, Topic
from events.models import Event
from operations.models import Operation
from reports import documents, tasks


def search_copies_trigger():
    """Symbols and documents' text copied onto their report (core/copies.py)."""
    return refreshed_when_links_change(
        "search_copies", refresh="reports_refresh_search_copies", key="report_id"
    )


def facet_keys_trigger():
    """Topics, authoring bodies, member states and languages copied onto their report
    as facet keys (core/copies.py)."""
    return refreshed_when_links_change("facet_keys", "reports_refresh_facet_keys", "report_id")


class ReportKind(models.TextChoices):
    UN_REPORT = "un_report", _("UN report")
    PANEL_REPORT = "panel_report", _("Panel report")
    RESOLUTION = "resolution", _("Resolution")
    DECLARATION = "declaration", _("Declaration or principles")
    POLICY_PAPER = "policy_paper", _("Policy paper")
    MEETING_NOTE = "meeting_note", _("Meeting note")


# Kept for search and facets, never shown nor part of an API answer.
SEARCH_COLUMNS = (
    "search_symbols",
    "search_documents",
    "search_names",
    "search_vector",
    "translations_vector",
    "facet_keys",
    "known_names",
)
# What a list of reports never shows (ReportQuerySet.for_listing).
LONG_COLUMNS = (
    "body",
    # The body's translations (core/translations.py): a card shows none of them.
    *(column("body", language) for language in LANGUAGE_CODES),
    *SEARCH_COLUMNS,
)
# Nor what a card never reads: the workflow's timestamps (psycopg parses each one, four
# per card) and the source's address.
UNLISTED_COLUMNS = ("created_at", "updated_at", "publish_at", "status_changed_at", "source_url")
# Where a search result's snippet comes from: reports often match in their body only.
# In the page's language when the report has a summary in it (core/translations.py).
SNIPPET_SOURCE = InLanguage("summary", "body")
# A report's symbols in their order, as one array per row: a subquery PostgreSQL runs
# only for the rows returned. Constant SQL (RawSQL), so nothing to compile per request.
SYMBOLS_SQL = (
    "ARRAY(SELECT s.symbol FROM reports_documentsymbol s "
    'WHERE s.report_id = reports_report.id ORDER BY s."order", s.symbol)'
)


class ReportQuerySet(KeyedQuerySet, SearchableQuerySet, PublishableQuerySet):
    def newest_first(self):
        return self.order_by(F("published_on").desc(nulls_last=True), "title")

    def for_listing(self):
        """What a report card shows: its short columns, and its symbols as
        `listed_symbols`, in the same query. The long columns (body, the search copies
        and vector) stay in the database: they were most of the bytes of a results
        page's rows. (A prefetch of the symbols took a query, and a related manager
        and a cloned queryset per row in Python.)"""
        return self.defer(*LONG_COLUMNS, *UNLISTED_COLUMNS).annotate(
            listed_symbols=RawSQL(SYMBOLS_SQL, (), output_field=ArrayField(models.TextField()))  # noqa: S611
        )

    def for_citation(self):
        """What reports/citations.py reads: symbols and authoring bodies."""
        return self.prefetch_related("symbols", "authors")

    def about(self, topic):
        return self.filter(topics=topic)

    def with_symbol(self, symbol: str):
        return self.filter(symbols__symbol=DocumentSymbol.normalise(symbol))


@tracked(
    exclude=["search_symbols", "search_documents", "search_names", "facet_keys"],
    # A request for an address no report has now asks the history whether one had it
    # (reports.views.renamed_report_or_404): any visitor or crawler can ask, so it
    # must not read every snapshot ever taken.
    meta={"indexes": [models.Index(fields=["slug", "-pgh_id"], name="reportevent_former_slug")]},
)
@translatable("title", "subtitle", "summary", "body")
class Report(Publishable):
    title = models.CharField(max_length=400, verbose_name=_("title"))
    subtitle = models.CharField(max_length=400, blank=True, verbose_name=_("subtitle"))
    also_known_as = also_known_as_field()
    kind = models.CharField(
        max_length=24, choices=ReportKind.choices, db_index=True, verbose_name=_("kind")
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True, db_index=True)
    authors = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="reports_authored",
        verbose_name=_("authoring bodies"),
    )
    summary = models.TextField(
        blank=True, max_length=markup.SHORT_MAX_LENGTH, verbose_name=_("summary")
    )
    body = models.TextField(blank=True, max_length=markup.MAX_LENGTH, verbose_name=_("body"))
    source_url = models.URLField(
        blank=True,
        help_text=_("Where the official text is published."),
        verbose_name=_("source URL"),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="reports", verbose_name=_("topics")
    )
    member_states = models.ManyToManyField(
        MemberState,
        blank=True,
        related_name="reports",
        help_text=_("States the report concerns."),
        verbose_name=_("member states"),
    )
    events = models.ManyToManyField(
        Event,
        blank=True,
        related_name="reports",
        help_text=_("Events that discussed the report."),
        verbose_name=_("events"),
    )
    operations = models.ManyToManyField(
        Operation,
        blank=True,
        related_name="reports",
        verbose_name=_("peace operations"),
        help_text=_("The operations the report concerns: MINUSMA for a review of MINUSMA."),
    )
    related = models.ManyToManyField(
        "self",
        through="ReportRelation",
        symmetrical=False,
        related_name="related_from",
        blank=True,
        verbose_name=_("related"),
    )
    # Copies kept by database triggers (core/copies.py) so that the generated
    # search_vector, which can only read its own row, covers symbols and documents.
    search_symbols = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("search symbols")
    )
    search_documents = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("search documents")
    )
    # The authoring bodies' names, acronyms and other names, one per line, kept by the
    # triggers that keep facet_keys: "HIPPO" or "DPKO" finds the reports they wrote.
    search_names = models.TextField(
        blank=True, default="", db_default="", editable=False, verbose_name=_("search names")
    )
    search_vector = generated_search_vector(
        vector("title", "search_symbols", "also_known_as", weight="A")
        + vector("subtitle", "summary", "search_names", weight="B")
        + vector("body", weight="C")
        + vector("search_documents", weight="D")
    )
    translations_vector = generated_search_vector(
        translated_vector("title", weight="A")
        + translated_vector("subtitle", "summary", weight="B")
        + translated_vector("body", weight="C")
    )
    # What the report is linked to, as "topic:12", "organization:7", "member_state:4"
    # and "language:fr", kept by database triggers (core/copies.py). Counting
    # the facets of a result set then reads the rows it already has, instead of
    # looking each one up again in four link tables (core/listing.py).
    facet_keys = ArrayField(
        models.CharField(max_length=40), default=list, editable=False, verbose_name=_("facet keys")
    )
    known_names = known_names_field("title", "also_known_as")

    corrections = GenericRelation("directory.Correction")

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = publish_permissions("report")
        ordering = ["-published_on", "title"]
        indexes = [
            *publishable_indexes(),
            GinIndex(fields=["search_vector"], name="report_search"),
            GinIndex(fields=["translations_vector"], name="report_translated"),
            # Newest-first lists, and the candidates of broad searches (core/search.py),
            # read this index in order and stop early. It carries what lists filter and
            # count facets on (the publication time, kind and facet keys), so a list
            # filtered by topic, kind or year reads the index alone: 50 rows a page
            # rather than one heap page a row.
            models.Index(
                F("published_on").desc(nulls_last=True),
                F("id").desc(),
                name="report_published_recent",
                condition=Q(status="published"),
                include=["publish_at", "kind", "facet_keys"],
            ),
            # The same, a kind at a time: a list of one kind (resolutions, policy papers:
            # a sixth of the reports each) narrowed by year or topic reads that kind's
            # entries only. Policy papers of 2001 on one topic walked the 28,000 entries
            # of 2001 above, 9 ms of a million-report page; here 4,700 (BENCHMARKS.md).
            models.Index(
                F("kind"),
                F("published_on").desc(nulls_last=True),
                F("id").desc(),
                name="report_kind_recent",
                condition=Q(status="published"),
                include=["publish_at", "facet_keys"],
            ),
            GinIndex(fields=["title"], name="report_title_trgm", opclasses=["gin_trgm_ops"]),
            # "Did you mean …": the title nearest a query that found nothing, read in
            # order of distance (peaceplatform/search.py, suggestion_for).
            GistIndex(
                fields=["title"],
                name="report_title_nearest",
                opclasses=["gist_trgm_ops"],
                condition=Q(status="published"),
            ),
            # Lists by title, A to Z or Z to A (the site's "Title A–Z", the API's
            # `ordering=title`, its cursor pages): read in order from here, they stop
            # after a page; without it each request sorted every published report.
            models.Index(
                fields=["title", "id"], name="report_by_title", condition=Q(status="published")
            ),
            # Filters by topic, body, state and language (core/listing.py).
            GinIndex(fields=["facet_keys"], name="report_facet_keys"),
            # A query that is a report's title or other name (core/search.py).
            GinIndex(fields=["known_names"], name="report_known_names"),
        ]
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="report_kind_valid"
            ),
        ]
        triggers = [
            # The copies are the link tables' to write. A report saved from an instance
            # loaded before its symbols, documents or links changed writes back the
            # copies it read; such an UPDATE gets them worked out again. Not the
            # refreshes' own UPDATEs, issued from the link tables' triggers
            # (pg_trigger_depth() > 0), which have just worked them out (a document's
            # text, up to 200,000 characters, would be aggregated twice).
            pgtrigger.Trigger(
                name="keeps_its_copies",
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(
                    "pg_trigger_depth() = 0 AND ("
                    "NEW.facet_keys IS DISTINCT FROM OLD.facet_keys"
                    " OR NEW.search_names IS DISTINCT FROM OLD.search_names"
                    " OR NEW.search_symbols IS DISTINCT FROM OLD.search_symbols"
                    " OR NEW.search_documents IS DISTINCT FROM OLD.search_documents)"
                ),
                func="""
                    IF NEW.facet_keys IS DISTINCT FROM OLD.facet_keys THEN
                        NEW.facet_keys := reports_facet_keys_of(NEW.id);
                    END IF;
                    IF NEW.search_names IS DISTINCT FROM OLD.search_names THEN
                        NEW.search_names := reports_names_of(NEW.id);
                    END IF;
                    IF NEW.search_symbols IS DISTINCT FROM OLD.search_symbols THEN
                        NEW.search_symbols := reports_symbols_of(NEW.id);
                    END IF;
                    IF NEW.search_documents IS DISTINCT FROM OLD.search_documents THEN
                        NEW.search_documents := reports_documents_of(NEW.id);
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("reports:detail", self.slug)


class DocumentSymbolQuerySet(models.QuerySet):
    def report_ids_starting(self, prefix: str, limit: int) -> list[int]:
        """The reports of the first `limit` symbols that start with `prefix`, in the
        symbols' byte order, read from documentsymbol_prefix alone: an index-only scan
        that stops at `limit`. Django cannot spell the index's own order (`USING ~<~`),
        and ORDER BY symbol sorted every match by the collation after reading each
        from the table."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                "SELECT report_id FROM reports_documentsymbol WHERE symbol LIKE %s "
                "ORDER BY symbol USING ~<~ LIMIT %s",
                [pattern, limit],
            )
            return [report_id for (report_id,) in cursor.fetchall()]


@tracked()
class DocumentSymbol(models.Model):
    """A UN document symbol. One report can carry several: the HIPPO report is
    both A/70/95 (General Assembly) and S/2015/446 (Security Council)."""

    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "report"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="symbols", verbose_name=_("report")
    )
    symbol = models.CharField(max_length=64, unique=True, verbose_name=_("symbol"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    objects = DocumentSymbolQuerySet.as_manager()

    class Meta:
        verbose_name = _("document symbol")
        verbose_name_plural = _("document symbols")
        ordering = ["report", "order", "symbol"]
        # Symbol prefix search (`A/70/` finds A/70/95 and A/70/357) is a LIKE 'A/70/%';
        # with the report in the index, it never reads the table.
        indexes = [
            models.Index(
                fields=["symbol"],
                name="documentsymbol_prefix",
                opclasses=["varchar_pattern_ops"],
                include=["report_id"],
            )
        ]
        constraints = [
            # Stored in capitals without spaces, so "a/70/95" and "A/70/95" cannot both exist.
            models.CheckConstraint(
                condition=Q(symbol=Upper("symbol")) & Q(symbol__regex=r"^[A-Z0-9][A-Z0-9/.()\-]*$"),
                name="documentsymbol_normalised",
            ),
        ]
        triggers = [search_copies_trigger()]

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

    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "source"

    source = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("source")
    )
    target = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("target")
    )
    kind = models.CharField(max_length=16, choices=RelationKind.choices, verbose_name=_("kind"))
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("report relation")
        verbose_name_plural = _("report relations")
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


class DocumentFieldFile(models.fields.files.FieldFile):
    """A stored document's address is the view that checks its report's publication
    (reports.views.report_document), never the media folder: the admin's "Currently"
    link and any other ``.url`` lead there too."""

    @property
    def url(self):
        self._require_file()
        return reverse("reports:document", args=[self.instance.report.slug, self.instance.language])


class DocumentFileField(models.FileField):
    attr_class = DocumentFieldFile


@tracked()
class ReportDocument(Timestamped):
    """One language version of a report: its file and the text extracted for search
    (reports/documents.py checks uploads and reads them)."""

    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "report"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="documents", verbose_name=_("report")
    )
    language = models.CharField(max_length=2, choices=Language.choices, verbose_name=_("language"))
    file = DocumentFileField(
        upload_to=documents.upload_to,
        blank=True,
        max_length=200,
        validators=[documents.validate_pdf],
        help_text=_("A PDF. Its text is read for search."),
        verbose_name=_("file"),
    )
    source_url = models.URLField(
        blank=True, help_text=_("The official copy, if not uploaded."), verbose_name=_("source URL")
    )
    size_bytes = models.PositiveBigIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("size bytes")
    )
    extracted_text = models.TextField(
        blank=True, help_text=_("Full text, used by search."), verbose_name=_("extracted text")
    )
    # db_default: rows written by raw SQL (generate_corpus's COPY) start without a warning.
    extraction_warning = models.CharField(
        max_length=300,
        blank=True,
        default="",
        db_default="",
        editable=False,
        verbose_name=_("extraction warning"),
    )
    # Set while a worker has yet to read an upload's text (reports/tasks.py).
    text_queued_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("text queued at")
    )

    class Meta:
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")
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
        triggers = [
            search_copies_trigger(),
            facet_keys_trigger(),
        ]

    def __str__(self):
        return f"{self.report} ({self.get_language_display()})"

    def save(self, *args, **kwargs):
        uploaded = bool(self.file) and not self.file._committed
        if uploaded:
            # A new upload: its text is read by a worker once it is stored; until
            # then search knows none of its words.
            self.size_bytes = self.file.size
            self.extracted_text, self.extraction_warning = "", ""
            self.text_queued_at = timezone.now()
        elif not self.file:
            self.size_bytes = None
            self.extraction_warning = ""
            self.text_queued_at = None
        replaced = self.stored_file_name() if self.pk else ""
        super().save(*args, **kwargs)
        if uploaded:
            # In this save's transaction: rolled back, no job; committed, never lost.
            tasks.read_document_text.defer(document_id=self.pk, file_name=self.file.name)
        if replaced and replaced != self.file.name:
            # A new file (or none) in place of the old: the old one goes once the save
            # is committed, and stays if it is rolled back.
            delete_files_when_committed(replaced)

    def stored_file_name(self) -> str:
        return (
            ReportDocument.objects.filter(pk=self.pk).values_list("file", flat=True).first() or ""
        )


def label_slug(label: str) -> str:
    """A recommendation's address from its label: "III.B.2" -> "iii-b-2",
    "para. 45" -> "para-45" (dots and slashes separate, as readers expect)."""
    return slugify(re.sub(r"[\s./]+", "-", label))[:40].strip("-")


class RecommendationQuerySet(SearchableQuerySet):
    def published(self):
        """A recommendation is public when its report is."""
        return self.filter(public_condition("report__"))

    def with_current_status(self):
        """`current_status` and `current_status_on`: the latest *public* update's,
        never a field of their own (see RecommendationUpdate)."""
        latest = RecommendationUpdate.objects.filter(
            public_condition(), recommendation=models.OuterRef("pk")
        ).order_by("-dated", "-id")
        return self.annotate(
            current_status=models.Subquery(latest.values("implementation_status")[:1]),
            current_status_on=models.Subquery(latest.values("dated")[:1]),
        )

    def with_links(self):
        """Everything a recommendation's page and API item show, public only: topics,
        who it is addressed to, events, citing reports, typed links both ways (to
        recommendations of published reports), and its public updates."""
        published_reports = Report.objects.published()
        public_recommendations = Recommendation.objects.filter(report__in=published_reports)
        return self.prefetch_related(
            models.Prefetch("topics", queryset=Topic.objects.published()),
            models.Prefetch(
                "responsible_organizations",
                queryset=Organization.objects.published().order_by("name"),
            ),
            models.Prefetch(
                "responsible_member_states", queryset=MemberState.objects.order_by("name")
            ),
            models.Prefetch("events", queryset=Event.objects.published().order_by("-starts_on")),
            models.Prefetch(
                "operations", queryset=Operation.objects.published().order_by("started_on")
            ),
            models.Prefetch(
                "cited_by", queryset=published_reports.order_by("-published_on", "title")
            ),
            models.Prefetch(
                "links_out",
                queryset=RecommendationLink.objects.filter(
                    target__in=public_recommendations
                ).select_related("target__report"),
            ),
            models.Prefetch(
                "links_in",
                queryset=RecommendationLink.objects.filter(
                    source__in=public_recommendations
                ).select_related("source__report"),
            ),
            models.Prefetch(
                "updates",
                queryset=RecommendationUpdate.objects.filter(public_condition())
                .select_related("source_report", "source_event")
                .order_by("-dated", "-id"),
            ),
        )

    def addressed_to(self, entity):
        """Recommendations whose responsible entities include this organization or
        member state."""
        if isinstance(entity, MemberState):
            return self.filter(responsible_member_states=entity)
        return self.filter(responsible_organizations=entity)


class LabelSource(models.TextChoices):
    """Whose a recommendation's label is: readers must not take a label of ours ("Shift
    1", "Protection of civilians") for the document's own numbering."""

    DOCUMENT = "document", _("The document's own reference, as printed")
    OURS = "ours", _("A label of ours")


@tracked()
@translatable("title", "text")
class Recommendation(Timestamped):
    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "report"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("report")
    )
    label = models.CharField(
        max_length=32,
        help_text=_(
            "As numbered in the report (“para. 45”, “III.B.2”), or a short label of ours "
            "(“Shift 1”) when the report does not number it."
        ),
        verbose_name=_("label"),
    )
    # Ours unless a curator says otherwise: the platform never claims a numbering the
    # document does not print.
    label_source = models.CharField(
        _("whose label"),
        max_length=16,
        choices=LabelSource.choices,
        default=LabelSource.OURS,
        db_default=LabelSource.OURS,
        help_text=_(
            "The document's own reference, as printed, or a label of ours; pages and the "
            "API say which."
        ),
    )
    slug = models.SlugField(
        max_length=40,
        blank=True,
        help_text=_(
            "Its address under the report (…/recommendations/<this>/). Made from the label "
            "when left empty, and kept when the label changes, so that links stay valid."
        ),
        verbose_name=_("slug"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    text = models.TextField(
        help_text=_("The recommendation, summarised or quoted."), verbose_name=_("text")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="recommendations", verbose_name=_("topics")
    )
    responsible_organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="recommendations_addressed",
        help_text=_("The bodies it asks to act."),
        verbose_name=_("responsible organizations"),
    )
    responsible_member_states = models.ManyToManyField(
        MemberState,
        blank=True,
        related_name="recommendations_addressed",
        help_text=_("The member states it asks to act."),
        verbose_name=_("responsible member states"),
    )
    events = models.ManyToManyField(
        Event,
        blank=True,
        related_name="recommendations",
        help_text=_("Events that discussed it."),
        verbose_name=_("events"),
    )
    operations = models.ManyToManyField(
        Operation,
        blank=True,
        related_name="recommendations",
        verbose_name=_("peace operations"),
        help_text=_("The operations it is addressed to or is about."),
    )
    cited_by = models.ManyToManyField(
        Report,
        blank=True,
        related_name="cited_recommendations",
        help_text=_("Reports that cite it."),
        verbose_name=_("cited by"),
    )
    search_vector = generated_search_vector(
        vector("label", "title", weight="A") + vector("text", weight="B")
    )
    translations_vector = generated_search_vector(
        translated_vector("title", weight="A") + translated_vector("text", weight="B")
    )

    corrections = GenericRelation("directory.Correction")

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["report", "order", "label"]
        indexes = [
            GinIndex(fields=["search_vector"], name="recommendation_search"),
            GinIndex(fields=["translations_vector"], name="recommendation_translated"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["report", "label"], name="recommendation_label_unique"),
            models.CheckConstraint(condition=~Q(label=""), name="recommendation_label_set"),
            models.CheckConstraint(
                condition=Q(label_source__in=LabelSource.values),
                name="recommendation_label_source_valid",
            ),
            models.UniqueConstraint(
                fields=["report", "slug"],
                name="recommendation_slug_unique",
                violation_error_message=_(
                    "Another recommendation of this report has this address; change the slug."
                ),
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="recommendation_slug_set"),
        ]

    @property
    def label_is_ours(self) -> bool:
        return self.label_source == LabelSource.OURS

    def __str__(self):
        return f"{self.report}: {self.label}. {self.title}"

    def clean(self):
        # Before the constraints are validated, so that an empty slug is filled in,
        # not reported as missing.
        if not self.slug:
            self.slug = label_slug(self.label) or "item"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = label_slug(self.label) or "item"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "reports:recommendation", kwargs={"slug": self.report.slug, "label": self.slug}
        )

    @property
    def anchor(self) -> str:
        """Its place on the report's page."""
        return f"recommendation-{self.slug}"


class LinkKind(models.TextChoices):
    RESPONDS_TO = "responds_to", _("responds to")
    REAFFIRMS = "reaffirms", _("reaffirms")
    SUPERSEDES = "supersedes", _("supersedes")


LINK_INVERSES = {
    LinkKind.RESPONDS_TO: _("responded to by"),
    LinkKind.REAFFIRMS: _("reaffirmed by"),
    LinkKind.SUPERSEDES: _("superseded by"),
}


@tracked()
class RecommendationLink(models.Model):
    """A typed link between two recommendations, read as “source <kind> target”: the
    Secretary-General's paragraph 45 responds to the panel's recommendation 3."""

    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "source.report"

    source = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("source")
    )
    target = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("target")
    )
    kind = models.CharField(max_length=16, choices=LinkKind.choices, verbose_name=_("kind"))
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("recommendation link")
        verbose_name_plural = _("recommendation links")
        ordering = ["kind", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="recommendationlink_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="recommendationlink_not_to_itself",
                violation_error_message=_("A recommendation cannot be linked to itself."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=LinkKind.values), name="recommendationlink_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.source.label} {self.get_kind_display()} {self.target}"

    @property
    def inverse_label(self):
        return LINK_INVERSES[self.kind]


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIAL = "partial", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    SUPERSEDED = "superseded", _("Superseded")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("No longer relevant")


class RecommendationUpdateQuerySet(PublishableQuerySet):
    def published(self):
        """Public when the update itself is published and its report is."""
        return self.filter(public_condition(), public_condition("recommendation__report__"))


@tracked()
@translatable("summary")
class RecommendationUpdate(Workflowed):
    """One dated entry in a recommendation's implementation record. The current
    status is the latest public entry, never a separately edited field. Each entry
    has its own workflow: an editor drafts it, a publisher makes it public, long
    after the report itself was published."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("recommendation"),
    )
    implementation_status = models.CharField(
        _("status of implementation"),
        max_length=24,
        choices=ImplementationStatus.choices,
        help_text=_("Our assessment, from the source (see the methodology page)."),
    )
    dated = models.DateField(
        help_text=_("When the source says this was the state of things."), verbose_name=_("dated")
    )
    summary = models.TextField(
        help_text=_("What the source shows, in our words: the status is our assessment of it."),
        verbose_name=_("summary"),
    )
    # The source's own words beside ours, so that readers can judge the assessment.
    quote = models.TextField(
        blank=True,
        max_length=2000,
        db_default="",
        help_text=_("Optional: the source's own words, quoted exactly."),
        verbose_name=_("quote"),
    )
    source_report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_updates",
        verbose_name=_("source report"),
    )
    source_event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_updates",
        verbose_name=_("source event"),
    )
    source_url = models.URLField(blank=True, verbose_name=_("source URL"))

    objects = RecommendationUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation update")
        verbose_name_plural = _("recommendation updates")
        ordering = ["recommendation", "-dated", "-id"]
        get_latest_by = "dated"
        permissions = publish_permissions("recommendationupdate")
        indexes = [
            # The base index's name, "<class>_public_from", is over Django's 30 characters.
            models.Index(
                fields=["publish_at"],
                name="recupdate_public_from",
                condition=Q(status="published"),
            ),
            # The current status: the latest update of each recommendation.
            models.Index(
                F("recommendation"), F("dated").desc(), F("id").desc(),
                name="recommendationupdate_latest",
            ),
        ]  # fmt: skip
        constraints = [
            *workflowed_constraints(),
            models.CheckConstraint(
                condition=Q(implementation_status__in=ImplementationStatus.values),
                name="recommendationupdate_implementation_valid",
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
        recommendation = self.recommendation
        return (
            f"{recommendation.report.title[:60]}, {recommendation.label}: "
            f"{self.get_implementation_status_display()} ({self.dated})"
        )


# Links kept in Django's own many-to-many tables have a history too, so that an undo
# or a restore from the trash brings back what a thing was linked to.
tracked(model_name="ReportAuthorsEvent")(Report.authors.through)
tracked(model_name="ReportTopicsEvent")(Report.topics.through)
tracked(model_name="ReportMemberStatesEvent")(Report.member_states.through)
tracked(model_name="ReportEventsEvent")(Report.events.through)
tracked(model_name="RecommendationTopicsEvent")(Recommendation.topics.through)
tracked(model_name="RecommendationEventsEvent")(Recommendation.events.through)
tracked(model_name="RecommendationResponsibleOrganizationsEvent")(
    Recommendation.responsible_organizations.through
)
tracked(model_name="RecommendationResponsibleMemberStatesEvent")(
    Recommendation.responsible_member_states.through
)
tracked(model_name="RecommendationCitedByEvent")(Recommendation.cited_by.through)
tracked(model_name="ReportOperationsEvent")(Report.operations.through)
tracked(model_name="RecommendationOperationsEvent")(Recommendation.operations.through)

# A report's links are copied onto its row as facet keys (core/copies.py).
for links in (Report.topics.through, Report.authors.through, Report.member_states.through):
    pgtrigger.register(facet_keys_trigger())(links)
