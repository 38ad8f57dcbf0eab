"""/search/: one query across reports, events, people, organizations, member states
and topics, results grouped by type, each with a highlighted snippet."""

from django.contrib.postgres.search import TrigramWordDistance
from django.db.models import Count, F, Window
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core import vocabulary
from core.compiled import CompiledQuery
from core.listing.pagination import in_order_of
from core.listing.results import PageReader
from core.search import (
    InvalidQuery,
    clean_query,
    expanded,
    has_known_names,
    headline,
    id_literal,
    known_names,
    looks_like_symbol,
    names_literal,
    rows_by_id,
    websearch,
)
from core.translations import SOURCE_LANGUAGE, active_language, column
from directory.models import MemberState, Organization, Person, Topic
from events.filters import EventFilter
from events.models import Event
from operations.models import Operation
from reports.filters import RECOMMENDATION_RELEVANCE, ReportFilter
from reports.models import SNIPPET_SOURCE, Recommendation, Report

PER_GROUP = 5
# How many of a broad query's newest reports or events a group ranks for its first
# few: half of what their lists rank (core/search.py CANDIDATES), read in half the
# time ("Gao" among a million reports: p50 47 → 35 ms for the page). A group shows its
# best five and links to the list, which ranks the whole CANDIDATES; items the words
# name (a title, a nickname) join either however old (FilterSet.named_ids).
GROUP_CANDIDATES = 500


def recommendation_rows():
    # With the status and report each hit shows, without the tracker's topics.
    return Recommendation.objects.published().with_current_status().select_related("report")


def report_rows():
    # As the report list reads them: with their symbols, without the long columns.
    return Report.objects.published().for_listing()


def directory_matches(model, queryset, snippet_field, *order) -> CompiledQuery:
    """A directory group's best rows, with the number of matches counted alongside
    (a window over every match, before the LIMIT) rather than by a query of its own:
    people, bodies, states and topics are a few hundred rows each."""

    def build(per_group, query, names=None):
        return (
            queryset()
            .search(query, names)
            .annotate(snippet=headline(snippet_field, websearch(query)), matches=Window(Count("*")))
            .order_by(*order)[:per_group]
        )

    # A body's names (core/search.py known_names) are a value of their own.
    return CompiledQuery(model, build, "query", *(["names"] if has_known_names(model) else []))


def recommendation_matches() -> CompiledQuery:
    """The recommendations group's best rows, compiled once like the directory's: with
    the match count beside them (a window), their current status, and their report's
    slug and title as columns, since a raw query follows no relation."""

    def build(per_group, query):
        return (
            recommendation_rows()
            .search(query)
            .annotate(
                snippet=headline("text", websearch(query)),
                matches=Window(Count("*")),
                report_slug=F("report__slug"),
                report_title=F("report__title"),
                # The report's title in the page's language: compiled per language.
                **translated_columns("report__", ("title",)),
            )
            .order_by(*RECOMMENDATION_RELEVANCE)[:per_group]
        )

    return CompiledQuery(Recommendation, build, "query")


def with_reports(recommendations) -> list:
    """The rows of `recommendation_matches`, each with its report (slug and title, all
    that its hit shows and its address needs) set from its own columns."""
    rows = list(recommendations)
    language = active_language()
    title = column("title", language) if language != SOURCE_LANGUAGE else None
    for row in rows:
        row.report = Report(pk=row.report_id, slug=row.report_slug, title=row.report_title)
        if title:
            setattr(row.report, title, getattr(row, f"report_{title}", ""))
    return rows


def translated_columns(prefix: str, fields) -> dict:
    """`report_title_fr=F("report__title_fr")` for the active language, if not English:
    a related row's translations as columns of a raw query's rows."""
    language = active_language()
    if language == SOURCE_LANGUAGE:
        return {}
    return {
        f"{prefix.rstrip('_')}_{column(field, language)}": F(f"{prefix}{column(field, language)}")
        for field in fields
    }


# The groups, in the order the page shows them.
GROUP_LABELS = {
    "reports": _("Reports"),
    "recommendations": _("Recommendations"),
    "events": _("Events"),
    "operations": _("Peace operations"),
    "member_states": _("Member states"),
    "people": _("People"),
    "organizations": _("Organizations"),
    "topics": _("Topics"),
}
# The queries that keep their shape whatever the words: compiled once (core/compiled.py).
COMPILED_GROUPS = {
    "recommendations": recommendation_matches(),
    "member_states": directory_matches(
        MemberState, MemberState.objects.all, "official_name", "-rank", "name"
    ),
    "people": directory_matches(Person, Person.objects.published, "biography", "-rank", "pk"),
    "organizations": directory_matches(
        Organization, Organization.objects.published, "description", "-rank", "pk"
    ),
    "topics": directory_matches(Topic, Topic.objects.published, "description", "-rank", "pk"),
    "operations": directory_matches(
        Operation, Operation.objects.published, "summary", "-rank", "pk"
    ),
}
DIRECTORY_GROUPS = COMPILED_GROUPS  # the name tests/core/test_compiled.py reads
RANKED_ROWS = {
    "reports": rows_by_id(Report, report_rows, SNIPPET_SOURCE),
    "events": rows_by_id(Event, Event.objects.published, "summary"),
}
# Where a compiled group's "Filter and sort these" link leads.
MORE_URLS = {"recommendations": "tracker:list", "operations": "operations:list"}


class GroupReader(PageReader):
    """A group's first rows, with the passage that matched each."""

    def __init__(self, query, search_query, snippet_field, ranked_rows):
        super().__init__()
        self.query, self.search_query = query, search_query
        self.snippet_field, self.ranked_rows = snippet_field, ranked_rows

    def rows(self, queryset):
        return queryset.annotate(snippet=headline(self.snippet_field, self.search_query))

    def by_id(self, ids):
        return in_order_of(ids, self.ranked_rows.raw(query=self.query, ids=id_literal(ids)))


def groups_for(query: str, per_group: int = PER_GROUP, only=None) -> list[dict]:
    search_query = websearch(query)

    # Reports, recommendations and events go through their FilterSets (broad terms rank the newest
    # candidates, with an estimated count); each is built only for the groups asked
    # for (the API's `types`).
    searched = {
        "reports": (
            lambda: ReportFilter({"q": query}, queryset=report_rows()).results(
                with_facets=False, candidates=GROUP_CANDIDATES
            ),
            SNIPPET_SOURCE,
            "reports:list",
        ),
        "events": (
            lambda: (
                EventFilter({"q": query}, queryset=Event.objects.published())
                .results(with_facets=False, candidates=GROUP_CANDIDATES)
                .ordered("-rank", "-starts_on")
            ),
            "summary",
            "events:list",
        ),
    }
    groups = []
    for key, label in GROUP_LABELS.items():
        if only is not None and key not in only:
            continue
        mandated = operations_mandated_by(query, per_group) if key == "operations" else None
        if mandated is not None:
            items, count, approximate = mandated[:per_group], len(mandated), False
            more_url = MORE_URLS[key]
        elif key in COMPILED_GROUPS:
            compiled = COMPILED_GROUPS[key]
            # Expanded here: a compiled query takes the words as they reach SQL.
            values = {"query": expanded(query)}
            if "names" in compiled.names:
                values["names"] = names_literal(known_names(query))
            items = list(compiled.raw(per_group, **values))
            if key == "recommendations":
                items = with_reports(items)
            count, approximate = (items[0].matches if items else 0), False
            more_url = MORE_URLS.get(key)
        else:
            source, snippet_field, more_url = searched[key]
            results = source()
            reader = GroupReader(query, search_query, snippet_field, RANKED_ROWS[key])
            items = results.page(1, per_group, reader=reader).object_list
            count, approximate = results.total, results.approximate
        groups.append(
            {
                "key": key,
                "label": label,
                # Reports, recommendations and events have titles; the others, names.
                "titled": key in ("reports", "recommendations", "events"),
                "items": items,
                "count": count,
                "approximate": approximate,
                "more_url": more_url,
            }
        )
    return groups


def operations_mandated_by(query: str, per_group: int) -> list | None:
    """A resolution's symbol (`S/RES/2100 (2013)`) finds the operations whose mandate
    it set, as on the operations list (OperationFilter.filter_q); None when the words
    are not the beginning of a symbol a mandate carries, and are searched as words.
    All of them: a resolution's prefix names a few dozen operations at most."""
    if not looks_like_symbol(query.replace(" ", "")):
        return None
    operations = list(
        Operation.objects.published()
        .mandated_by(query)
        .annotate(snippet=headline("summary", websearch(query)))
        .order_by("-started_on", "pk")
    )
    return operations or None


# Where the item the words name is looked for, in this order: a report called
# "HIPPO" before the panel whose acronym it is.
BEST_MATCH_GROUPS = {
    "reports": _("Report"),
    "events": _("Event"),
    "operations": _("Peace operation"),
    "organizations": _("Organization"),
    "people": _("Person"),
    "member_states": _("Member state"),
    "topics": _("Topic"),
}
NAME_ATTRIBUTES = ("title", "name", "acronym", "short_name", "official_name")


def names_of(item) -> set[str]:
    """An item's names as known_names() writes a query: its title or name, acronym,
    other names and document symbols, in lower case with single spaces. Read from the
    row the group already has (a report card's columns hold each of them)."""
    texts = [getattr(item, attribute, "") or "" for attribute in NAME_ATTRIBUTES]
    texts += (getattr(item, "also_known_as", "") or "").splitlines()
    texts += getattr(item, "listed_symbols", None) or []
    # A person by family name: "Ladsous" names Hervé Ladsous ("Ladsous, Hervé").
    texts.append((getattr(item, "sort_name", "") or "").split(",")[0])
    return {" ".join(text.lower().split()) for text in texts if text.strip()}


def best_match(query: str, groups: list[dict]) -> dict | None:
    """The item the words name exactly (a title, a nickname, an acronym, a symbol),
    to be shown first: the first row of the first group, in BEST_MATCH_GROUPS order,
    whose names include the words. Named rows rank first in their group (core/search.py
    KNOWN_NAME_BONUS), so looking at first rows is enough, and costs no query."""
    wanted = set(known_names(query))
    if not wanted:
        return None
    by_key = {group["key"]: group for group in groups}
    for key, label in BEST_MATCH_GROUPS.items():
        group = by_key.get(key)
        if group and group["items"] and names_of(group["items"][0]) & wanted:
            return {"group": group, "label": label, "item": group["items"][0]}
    return None


# How close a title or name must be to be suggested: a word similarity of at least this.
SUGGESTION_SIMILARITY = 0.3


def suggestion_for(query: str) -> str | None:
    """The closest title or name, for "Did you mean …" when nothing matched (pg_trgm).

    Each source gives its nearest row by word distance (1 - word similarity), nearest
    first: over the reports' titles, PostgreSQL walks a GiST index in order of distance
    (report_title_nearest) and stops at the first row. Filtered by similarity instead,
    it computed the similarity of every title, and a typo of a common word ("peaec",
    near the 15,000 titles with "peace") was slow; a distance
    limit in SQL would walk the whole index when nothing is close, so the limit is
    applied here to the one row returned."""
    candidates = []
    for queryset, field in [
        (Report.objects.published(), "title"),
        (Topic.objects.published(), "name"),
        (Person.objects.published(), "name"),
        (MemberState.objects.all(), "short_name"),
    ]:
        nearest = (
            queryset.annotate(distance=TrigramWordDistance(query, field))
            .order_by("distance")
            .values_list(field, "distance")
            .first()
        )
        if nearest and 1 - nearest[1] >= SUGGESTION_SIMILARITY:
            candidates.append((nearest[0], 1 - nearest[1]))
    if not candidates:
        return None
    # The closest match wins; among equals the shortest, a topic or a name rather than
    # a long title that happens to contain the same word.
    text, _ = max(candidates, key=lambda candidate: (round(candidate[1], 2), -len(candidate[0])))
    return text if text.lower() != query.lower() else None


def corrected_groups(query: str, **options) -> tuple[list[dict], str | None]:
    """groups_for(query); but when the words find nothing and the catalogue's own words
    correct them into words that do ("strenghts": "strengths"), the groups for those,
    and the corrected words (else None). A misspelt title still finds its report."""
    groups = groups_for(query, **options)
    if any(group["count"] for group in groups):
        return groups, None
    corrected = vocabulary.suggestion(query, finds_anything)
    if corrected is None:
        return groups, None
    return groups_for(corrected, **options), corrected


SEARCHED_ROWS = (
    Report.objects.published(),
    Recommendation.objects.published(),
    Event.objects.published(),
)


def finds_anything(words: str) -> bool:
    """Whether the words find a published report, recommendation or event."""
    return any(rows.search(words).exists() for rows in SEARCHED_ROWS)


@require_safe
def search(request):
    raw = request.GET.get("q", "")
    try:
        query = clean_query(raw)
    except InvalidQuery as error:
        return render(
            request, "peaceplatform/search.html", {"error": str(error), "query": ""}, status=400
        )
    context = {"query": query, "groups": [], "total": 0, "suggestion": None}
    if query:
        groups, corrected = corrected_groups(query)
        context["groups"], context["corrected"] = groups, corrected
        context["total"] = sum(group["count"] for group in groups)
        context["best_match"] = best_match(corrected or query, groups)
        if not context["total"]:
            # Nothing, even corrected with the catalogue's own words: the closest
            # title or name.
            context["suggestion"] = suggestion_for(query)
    else:
        context["topics"] = Topic.objects.published().order_by("name")
    return render(request, "peaceplatform/search.html", context)
