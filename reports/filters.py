"""ReportFilter: one FilterSet for the public report list (and the API to come)."""

import django_filters
from django.db.models import BooleanField, Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core.listing.facets import Facet, FieldFacet, ThroughFacet, YearFacet
from core.listing.filters import (
    YEARS,
    ItemsFilter,
    MultipleFilter,
    RelatedMultipleFilter,
    TextListFilter,
    UpdatedSinceFilter,
    YearsFilter,
    selects_anything,
)
from core.listing.filtersets import FacetedFilterSetMixin
from core.publishing.status import public_condition
from core.search import (
    CANDIDATES,
    SPARSE_SHARE,
    FloatValue,
    QueryFilter,
    ScopedSearchFilter,
    id_array,
    known_names,
    looks_like_symbol,
    matching,
    matching_row_by_row,
    names_literal,
    rank,
    table_rows,
)
from directory.filters import MemberStateChoiceFilter
from directory.models import MemberState, Organization, Topic
from operations.models import Operation
from reports.models import (
    DocumentSymbol,
    ImplementationStatus,
    Language,
    Recommendation,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportKind,
)

SORTS = [
    ("relevance", _("Most relevant")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title A–Z")),
]


class SymbolFilter(TextListFilter):
    def filter(self, qs, value):
        if not value:
            return qs
        symbols = DocumentSymbol.objects.filter(
            symbol__in=[DocumentSymbol.normalise(v) for v in value]
        )
        return qs.filter(pk__in=symbols.values("report_id"))


def symbols_starting(words: str) -> Q:
    """Reports with a document symbol that starts with the words (`A/70/` or `A/70/95`)."""
    starting = DocumentSymbol.objects.filter(symbol__startswith=DocumentSymbol.normalise(words))
    return Q(pk__in=starting.values("report_id"))


# What `q_fields` may scope a report search to: the parts of search_vector by weight
# (Report.search_vector), and the symbols apart (exact beginnings, not words).
REPORT_SEARCH_SCOPES = {
    "title": ("Title, document symbols and other names (such as “HIPPO report”)", "a"),
    "summary": ("Subtitle, summary, and the names of the authoring bodies", "b"),
    "body": ("Body text", "c"),
    "documents": ("Text of the documents (PDFs)", "d"),
    "symbol": ("Document symbols: q is a symbol or its beginning", symbols_starting),
}


class ReportFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    q = QueryFilter(method="filter_q", label=_("Search reports"), max_length=10_000)
    q_fields = ScopedSearchFilter(REPORT_SEARCH_SCOPES, label=_("Search only in"))
    topic = RelatedMultipleFilter(
        field_name="topics__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label=_("Topic"),
        key="topic",
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=ReportKind.choices, label=_("Kind"), distinct=False
    )
    year = YearsFilter(field_name="published_on", label=_("Year"))
    organization = RelatedMultipleFilter(
        field_name="authors__slug",
        to_field_name="slug",
        queryset=Organization.objects.published(),
        label=_("Authoring body"),
        key="organization",
    )
    member_state = MemberStateChoiceFilter(
        field_name="member_states__iso3",
        label=_("Member state"),
        key="member_state",
    )
    language = MultipleFilter(
        field_name="documents__language",
        choices=Language.choices,
        label=_("Language"),
        key="language",
    )
    operation = RelatedMultipleFilter(
        field_name="operations__slug",
        to_field_name="slug",
        queryset=Operation.objects.published(),
        label=_("Peace operation concerned"),
    )
    symbol = SymbolFilter(label=_("Document symbol (exact, e.g. A/70/95)"))
    published_after = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("Published on or after")
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("Published on or before")
    )
    updated_since = UpdatedSinceFilter()
    sort = django_filters.ChoiceFilter(choices=SORTS, method="filter_sort", label=_("Sort by"))

    facets = [
        ThroughFacet(
            "topic",
            _("Topic"),
            Report.topics.through,
            "report_id",
            "topic__slug",
            "topic__name",
            condition=public_condition("topic__"),
            key="topic",
            related=Topic.objects.published(),
        ),
        YearFacet("year", _("Year"), Report, "published_on"),
        FieldFacet("kind", _("Kind"), Report, "kind", choices=ReportKind.choices, from_row=True),
        ThroughFacet(
            "organization",
            _("Authoring body"),
            Report.authors.through,
            "report_id",
            "organization__slug",
            "organization__name",
            condition=public_condition("organization__"),
            key="organization",
            related=Organization.objects.published(),
        ),
        ThroughFacet(
            "member_state",
            _("Member state"),
            Report.member_states.through,
            "report_id",
            "memberstate__iso3",
            "memberstate__short_name",
            key="member_state",
            related=MemberState.objects.all(),
        ),
        ThroughFacet(
            "language",
            _("Language"),
            ReportDocument,
            "report_id",
            "language",
            None,
            key="language",
        ),
    ]
    ranks_candidates = True

    recency = (F("published_on").desc(nulls_last=True), F("pk").desc())
    recency_field = "published_on"
    sample_keys = True  # reports_facet_keys_of

    class Meta:
        model = Report
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.facets[-1].choices = dict(Language.choices)

    # Filters on what the recency index (report_published_recent) holds: the date and
    # the id, with the kind, publish_at and the facet keys included (report_kind_recent
    # holds the same, a kind at a time).
    IN_RECENCY_INDEX = frozenset(
        {
            "q",
            "sort",
            "topic",
            "organization",
            "member_state",
            "language",
            "kind",
            "year",
            "published_after",
            "published_before",
        }
    )
    # The least share of the table a walk's rows may hold: the walk reads about
    # CANDIDATES / share entries of the index (20,000 at 5 %).
    WALK_SHARE = 0.05

    def words_row_by_row(self, estimate, without=None):
        """A common word with a facet (`q=peace&topic=…`): its facet bases fetch their
        newest candidates by walking the recency index newest first, testing the
        facet keys, kind and dates on the index entries themselves, and looking a
        row up only to test the words once the rest holds: about half the time of
        intersecting the text index's bitmap (84,000 entries for "peace") with the
        topic's, which is the plan PostgreSQL picks otherwise. It tests an index entry's included
        columns before reading the row only in an index-only scan, hence the words in
        a subquery of their own (a scalar one: PostgreSQL 18 would remove a join of
        the table to itself on its key, and the plan with it). Only when the words are
        common (their bitmap is the slow part, and a row looked up likely matches)
        and the rows kept are neither too few (the walk stays short) nor so many that
        a plain walk reading each row is as quick. Not for ranked candidates: ranking
        needs the row again, for each of them (a relevance search's page ranks in the
        one query that finds its candidates)."""
        value = self.form.cleaned_data.get("q")
        if not value or (looks_like_symbol(value) and self.symbol_matches(value)):
            return None
        active = {
            name
            for name, chosen in self.form.cleaned_data.items()
            if name != without and selects_anything(chosen)
        }
        if not active - {"q", "sort"} or not active <= self.IN_RECENCY_INDEX:
            return None  # the words alone walk the index already; or a row is needed
        total = table_rows(Report)
        if not total or not self.WALK_SHARE * total <= estimate < SPARSE_SHARE * total:
            return None  # too few rows for a short walk; or so many that a plain one is
        if self.words_estimate(value) < SPARSE_SHARE * total:
            return None  # words a word alone would not walk for either
        same_row = Report.objects.filter(pk=OuterRef("pk")).order_by()
        matched = same_row.filter(matching(value, Report)).values(hit=Value(True))
        return self.queryset_without("q", without).filter(
            Subquery(matched, output_field=BooleanField())
        )

    # Set while words_walked rebuilds the rows: filter_q then tests the words row by row.
    walking = False

    def words_walked(self, without=None):
        value = self.form.cleaned_data.get("q")
        if not value or (looks_like_symbol(value) and self.symbol_matches(value)):
            return None
        self.walking = True
        try:
            return self.queryset_without(*([without] if without else []))
        finally:
            self.walking = False

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        if looks_like_symbol(value) and self.symbol_matches(value):
            # A symbol or its prefix finds those documents through the symbol index
            # alone: OR-ing it with the text search would defeat both indexes.
            # Taken in symbol order (the index order) and passed as one array, so the
            # planner looks these reports up instead of walking the date index for them.
            report_ids = id_array(
                DocumentSymbol.objects.report_ids_starting(
                    DocumentSymbol.normalise(value), CANDIDATES
                )
            )
            return queryset.filter(pk__in=report_ids).annotate(
                symbol_hit=Value(True), rank=FloatValue(1.0)
            )
        # While words_walked rebuilds the rows, the words are tested row by row.
        matches = (matching_row_by_row if self.walking else matching)(value, Report)
        return queryset.filter(matches).annotate(
            symbol_hit=Value(False), rank=rank(value, Report, names_literal(known_names(value)))
        )

    def symbol_matches(self, value) -> bool:
        """Whether any document carries this symbol (prefix); asked once per request."""
        if not hasattr(self, "_symbol_matches"):
            self._symbol_matches = DocumentSymbol.objects.filter(
                symbol__startswith=DocumentSymbol.normalise(value)
            ).exists()
        return self._symbol_matches

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, since it depends on q

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        searching = bool(data.get("q"))
        sort = data.get("sort") or ("relevance" if searching else "newest")
        if sort == "relevance" and searching:
            return queryset.order_by(
                # Ties newest first, then by id descending: the order in which broad
                # queries rank their candidates (FacetedFilterSetMixin.results).
                "-symbol_hit",
                "-rank",
                F("published_on").desc(nulls_last=True),
                "-pk",
            )
        if sort == "oldest":
            return queryset.order_by(F("published_on").asc(nulls_last=True), "title", "pk")
        if sort == "title":
            return queryset.order_by("title", "pk")
        return queryset.order_by(F("published_on").desc(nulls_last=True), "title", "pk")


class CurrentStatusFacet(Facet):
    """Counts per current status: the latest public update's, "not started" when
    there is none (as the status filter reads it)."""

    def counts(self, ids):
        rows = (
            Recommendation.objects.filter(pk__in=ids)
            .with_current_status()
            .values("current_status")
            .annotate(n=Count("pk"))
        )
        totals = {}
        for row in rows:
            status = row["current_status"] or ImplementationStatus.NOT_STARTED
            totals[status] = totals.get(status, 0) + row["n"]
        # In the order of the scale, not by size: a reader scans it as progress.
        return [
            (status.value, str(status.label), totals[status])
            for status in ImplementationStatus
            if status in totals
        ]


class LastUpdateYearFacet(Facet):
    def counts(self, ids):
        rows = (
            Recommendation.objects.filter(pk__in=ids)
            .with_current_status()
            .filter(current_status_on__isnull=False)
            .annotate(year=ExtractYear("current_status_on"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        )
        return [(str(row["year"]), str(row["year"]), row["n"]) for row in rows]


# Recommendation.search_vector: the label and title (a), the text (b).
RECOMMENDATION_SEARCH_SCOPES = {
    "title": ("Label and title", "a"),
    "text": ("Text", "b"),
}

RECOMMENDATION_SORTS = [
    ("relevance", _("Most relevant")),
    ("report", _("By report, in its order")),
    ("updated", _("Latest status change first")),
]


# The best matches first, then in the order of their reports and within each report.
RECOMMENDATION_RELEVANCE = ("-rank", "report__published_on", "order", "pk")


class RecommendationFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    """Shared by the tracker pages (/recommendations/ and the report, topic and member
    state trackers) and /api/v1/recommendations/."""

    q = QueryFilter(method="filter_q", label=_("Search recommendations"), max_length=10_000)
    q_fields = ScopedSearchFilter(RECOMMENDATION_SEARCH_SCOPES, label=_("Search only in"))
    # One recommendation, or a few, by the API's id: what a visitor following a single
    # recommendation by e-mail saves (alerts/lists.py).
    id = ItemsFilter(queryset=Recommendation.objects.published(), label=_("Recommendation"))
    report = RelatedMultipleFilter(
        field_name="report__slug",
        to_field_name="slug",
        queryset=Report.objects.published(),
        label=_("Report"),
    )
    topic = RelatedMultipleFilter(
        field_name="topics__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label=_("Topic"),
    )
    organization = RelatedMultipleFilter(
        field_name="responsible_organizations__slug",
        to_field_name="slug",
        queryset=Organization.objects.published(),
        label=_("Responsible body"),
    )
    member_state = MemberStateChoiceFilter(
        field_name="responsible_member_states__iso3",
        label=_("Responsible member state"),
    )
    operation = RelatedMultipleFilter(
        field_name="operations__slug",
        to_field_name="slug",
        queryset=Operation.objects.published(),
        label=_("Peace operation addressed or concerned"),
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ImplementationStatus.choices,
        method="filter_status",
        label=_("Current status"),
    )
    year = django_filters.MultipleChoiceFilter(
        choices=YEARS, method="filter_year", label=_("Year of the latest status change")
    )
    updated_since = UpdatedSinceFilter(
        method="filter_updated_since",
        label=_("The recommendation or its implementation record changed at or after"),
    )
    sort = django_filters.ChoiceFilter(
        choices=RECOMMENDATION_SORTS, method="filter_sort", label=_("Sort by")
    )

    facets = [
        CurrentStatusFacet("status", _("Current status")),
        ThroughFacet(
            "topic",
            _("Topic"),
            Recommendation.topics.through,
            "recommendation_id",
            "topic__slug",
            "topic__name",
            condition=public_condition("topic__"),
        ),
        FieldFacet(
            "report",
            _("Report"),
            Recommendation,
            "report__slug",
            "report__title",
            condition=public_condition("report__"),
        ),
        ThroughFacet(
            "organization",
            _("Responsible body"),
            Recommendation.responsible_organizations.through,
            "recommendation_id",
            "organization__slug",
            "organization__name",
            condition=public_condition("organization__"),
        ),
        ThroughFacet(
            "member_state",
            _("Responsible member state"),
            Recommendation.responsible_member_states.through,
            "recommendation_id",
            "memberstate__iso3",
            "memberstate__short_name",
        ),
        ThroughFacet(
            "operation",
            _("Peace operation"),
            Recommendation.operations.through,
            "recommendation_id",
            "operation__slug",
            "operation__acronym",
            condition=public_condition("operation__"),
        ),
        LastUpdateYearFacet("year", _("Latest status change")),
    ]

    recency = (F("updated_at").desc(), F("pk").desc())
    # Counted exactly, however broad the list: scaled up from the most recently
    # changed candidates, the year of the latest status change would put nearly every
    # recommendation in the latest year, and the statuses would lean the same way (the
    # fault YearFacet corrects for dates on the row). Trackers hold thousands of
    # recommendations, not the hundred thousand reports the limit guards against.
    facets_exact_up_to = 50_000

    class Meta:
        model = Recommendation
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value else queryset

    def with_status(self, queryset):
        if "current_status" not in queryset.query.annotations:
            queryset = queryset.with_current_status()
        return queryset

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        queryset = self.with_status(queryset)
        condition = Q(current_status__in=value)
        if ImplementationStatus.NOT_STARTED in value:
            condition |= Q(current_status__isnull=True)  # no update yet: not started
        return queryset.filter(condition)

    def filter_year(self, queryset, name, value):
        if not value:
            return queryset
        return self.with_status(queryset).filter(current_status_on__year__in=value)

    def filter_updated_since(self, queryset, name, value):
        if value is None:
            return queryset
        # An update counts from when it changed or went public, whichever is later: a
        # scheduled update reaches a partner's sync when it appears, not before.
        # The update's own publication only: the rows filtered are public
        # recommendations, whose report is published already. Checked again in here
        # (RecommendationUpdate.objects.published()), it joined every report and read
        # all of them by id when no update matched.
        changed = RecommendationUpdate.objects.filter(
            public_condition(), Q(updated_at__gte=value) | Q(publish_at__gte=value)
        )
        return queryset.filter(
            Q(updated_at__gte=value) | Q(pk__in=changed.values("recommendation_id"))
        )

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, since it depends on q

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "sort" not in self.filters:  # the API orders with `ordering`
            return queryset
        data = self.form.cleaned_data
        searching = bool(data.get("q"))
        sort = data.get("sort") or ("relevance" if searching else "report")
        if sort == "relevance" and searching:
            return queryset.order_by(*RECOMMENDATION_RELEVANCE)
        if sort == "updated":
            return self.with_status(queryset).order_by(
                F("current_status_on").desc(nulls_last=True), "report_id", "order", "pk"
            )
        return queryset.order_by(
            F("report__published_on").desc(nulls_last=True), "report_id", "order", "label", "pk"
        )
