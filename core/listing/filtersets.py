"""FacetedFilterSetMixin: how a list's FilterSet finds its rows (exactly, or among the
newest candidates of a broad query) and counts its facets; the 400 for bad filters;
the active filters a page's form has no control for."""

import math
from collections import Counter

from django import forms
from django.core.exceptions import BadRequest
from django.db.models import Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.formats import date_format

from core import search
from core.compiled import CompiledQuery
from core.listing.facets import (
    Facet,
    FetchedRows,
    best_first,
    compiled_ids,
)
from core.listing.filters import selects_anything, variants_of
from core.listing.results import DatedRows, Results

# A facet shows its largest values (and any selected one): a list of 195 member
# states helps nobody, and rendering it was half of a results page's time.
FACET_VALUES_SHOWN = 15
# The query parameter that opens a facet in full: `?show=topic` lists every topic.
SHOW_ALL = "show"


def form_errors(filterset) -> str:
    """One readable sentence per bad parameter, naming it."""
    messages = []
    for field, errors in filterset.form.errors.items():
        for error in errors:
            messages.append(f"{field}: {error}")
    return " ".join(messages)


def filtered_or_400(filterset):
    if not filterset.is_valid():
        raise BadRequest(f"Some filters could not be used. {form_errors(filterset)}")
    return filterset.qs


def usable_part(filterset):
    """(filterset, errors) for a list page: the filterset itself when it is valid;
    otherwise the same filters without the parameters that could not be used, and
    per such parameter its label, the message and the query string without it. The
    page then keeps its form and shows the results of the rest, saying what it left
    out (the API answers 400 instead). A request wrong as a whole, not in one field,
    still answers the error page."""
    if filterset.is_valid():
        return filterset, []
    data = filterset.data.copy()
    errors = []
    for name, messages in filterset.form.errors.items():
        if name not in filterset.filters:
            raise BadRequest(f"Some filters could not be used. {form_errors(filterset)}")
        without = filterset.data.copy()
        for dropped in (name, "page"):
            without.pop(dropped, None)
        data.pop(name, None)
        errors.append(
            {
                "name": name,
                "label": filterset.filters[name].label or name,
                "message": " ".join(messages),
                "without": without.urlencode(),
            }
        )
    usable = type(filterset)(data, queryset=filterset.queryset, request=filterset.request)
    filtered_or_400(usable)
    # Each facet shows its own error beside its checkboxes (facet_counts).
    usable.filter_errors = {error["name"]: error for error in errors}
    return usable, errors


def kept_filters(filterset, controls, facets) -> list[dict]:
    """The active filters of a valid list page that its form shows no control for: a
    list reached from a profile (`/events/?person=…`), or a facet value selected
    that its facet no longer lists. Per value: `name` and `value` for a hidden input,
    so that applying a facet keeps it; what it selects (`label`, `shown_as`); and the
    query string `without` it. `controls`: the names of the form's own inputs;
    `facets`: the facets the page shows (`facet_counts`), whose values are checkboxes."""
    data = filterset.data
    if not hasattr(data, "getlist"):
        return []
    checkboxes = {facet["name"]: {v["value"] for v in facet["values"]} for facet in facets}
    kept = []
    for name, filter_ in filterset.filters.items():
        if name in controls or not data.getlist(name):
            continue
        chosen = filterset.form.cleaned_data.get(name)
        if not selects_anything(chosen):
            continue
        field = filter_.field
        key = getattr(field, "to_field_name", None)
        if key:  # the rows chosen, read already by the form's validation
            names = {str(getattr(row, key)): str(row) for row in chosen}
        else:
            names = {str(value): str(label) for value, label in getattr(field, "choices", ())}
        for value in dict.fromkeys(data.getlist(name)):
            if value in checkboxes.get(name, ()):
                continue
            rest = data.copy()
            rest.setlist(name, [other for other in data.getlist(name) if other != value])
            rest.pop("page", None)
            kept.append(
                {
                    "name": name,
                    "value": value,
                    "label": str(filter_.label),
                    "shown_as": names.get(value, value),
                    "without": rest.urlencode(),
                }
            )
    return kept


def active_filters(filterset, facets, kept, shown_apart=("q", "sort")) -> list[dict]:
    """Every filter value a list page applies, as removable chips above its results:
    per value, what it selects (`label`, `shown_as`) and the query string `without`
    it. The facets' checked values, the kept filters (`kept_filters`), and any other
    control of the form with a value (a date), but not `shown_apart` (the search box
    and the order, which read as themselves)."""
    data = filterset.data
    if not hasattr(data, "getlist"):
        return []
    chips = []
    for facet in facets:
        for value in facet["values"]:
            if value["selected"]:
                chips.append(
                    {
                        "label": str(facet["label"]),
                        "shown_as": value["label"],
                        "without": without_value(data, facet["name"], value["value"]),
                    }
                )
    listed = {facet["name"] for facet in facets} | {chip["name"] for chip in kept}
    for name, filter_ in filterset.filters.items():
        if name in listed or name in shown_apart:
            continue
        chosen = filterset.form.cleaned_data.get(name)
        if not selects_anything(chosen) or isinstance(chosen, (list, tuple, set, QuerySet)):
            continue
        shown_as = date_format(chosen) if hasattr(chosen, "isoformat") else str(chosen)
        chips.append(
            {
                "label": str(filter_.label),
                "shown_as": shown_as,
                "without": without_value(data, name, None),
            }
        )
    return chips + kept


def filter_chips(filterset, controls, facets) -> dict:
    """A list page's context for its active filters: `kept` (the hidden inputs of
    filters the form has no control for) and `chips` (every active filter, removable)."""
    kept = kept_filters(filterset, controls, facets)
    return {"kept": kept, "chips": active_filters(filterset, facets, kept)}


def with_values(data, name: str, values) -> str:
    """The query string of `data` with `name` holding `values` instead, from page 1."""
    changed = data.copy()
    changed.setlist(name, list(values))
    changed.pop("page", None)
    return changed.urlencode()


def without_value(data, name, value) -> str:
    """The query string without `value` of `name` (every value when None), from page 1."""
    kept = [] if value is None else [v for v in data.getlist(name) if v != value]
    return with_values(data, name, kept)


def canonical_data(filters: dict, data):
    """`data` with each value a filter can name several ways (a member state as FIN,
    fi or finland) written the one way the pages and facets use, so that a facet shows
    it checked and a chip names it; `data` itself when nothing changes. A filter says
    how with a `canonical(values)` method."""
    if not hasattr(data, "getlist"):
        return data
    changed = None
    for name, filter_ in filters.items():
        canonical = getattr(filter_, "canonical", None)
        values = data.getlist(name) if canonical else []
        if values and (written := canonical(values)) != values:
            changed = changed if changed is not None else data.copy()
            changed.setlist(name, written)
    return data if changed is None else changed


class RequirementsForm(forms.Form):
    """Refuses a filter given without the one it means nothing without (`requires`:
    `q_fields` scopes `q`), rather than ignoring it."""

    requirements: dict = {}

    def clean(self):
        data = super().clean()
        for name, needed in self.requirements.items():
            if selects_anything(data.get(name)) and not data.get(needed):
                self.add_error(name, f"{name} needs {needed}: add {needed}, or leave {name} out.")
        return data


class FacetedFilterSetMixin:
    facets: list[Facet] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(canonical_data(type(self).base_filters, data), *args, **kwargs)

    # Relevance searches whose facets count from fetched rows rank those rows (every
    # match, or a broad search's candidates) in Python and page through their ids
    # (Results.ranked_ids), rather than ranking in SQL again per page. Pages that use
    # it look their rows up with `page_rows`.
    ranks_candidates = False

    @classmethod
    def get_filters(cls):
        """The declared filters, and each one's variants (core.listing.filters.
        variants_of): `topic__not`, `topic__all`, `year__gte`, `year__lte`, … ."""
        filters = super().get_filters()
        for name, filter_ in list(filters.items()):
            for suffix, variant in variants_of(filter_, cls._meta.model).items():
                filters.setdefault(name + suffix, variant)
        return filters

    def get_form_class(self):
        # django-filter builds a new Form class for every FilterSet instance; ours never
        # depend on the request, so build it once per FilterSet class. (Each form
        # instance still gets its own copy of the fields, as Django forms always do.)
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = type(
                f"{cls.__name__}Form", (RequirementsForm, super().get_form_class()), {}
            )
            cls._form_class.requirements = {
                name: filter_.requires
                for name, filter_ in cls.base_filters.items()
                if getattr(filter_, "requires", None)
            }
        return cls._form_class

    recency: tuple = ()  # newest first, matching a partial index
    relevance_sort = "relevance"
    # Facets whose base holds more rows than this estimate their counts from the
    # newest CANDIDATES (core/search.py); None: search.EXACT_LIMIT.
    facets_exact_up_to: int | None = None

    def approximate_over(self) -> int:
        """The base estimate above which a facet's counts are estimates."""
        return self.facets_exact_up_to or search.EXACT_LIMIT

    def ranked_by_relevance(self) -> bool:
        data = self.form.cleaned_data
        return bool(data.get("q")) and (data.get("sort") or self.relevance_sort) == "relevance"

    def row_fields(self, names=None) -> list[str] | None:
        """The fields to fetch so that the facets (those in `names`, or all) count from
        rows, or None when one of them needs a query of its own."""
        fields = []
        for facet in self.facets:
            if names is not None and facet.name not in names:
                continue
            if facet.row_fields is None:
                return None
            fields += [f for f in facet.row_fields if f not in fields]
        return fields

    def results(
        self,
        *,
        with_facets: bool = True,
        estimate: int | None = None,
        candidates: int | None = None,
    ) -> Results:
        """`estimate`: the planner's row estimate for self.qs, if the caller has it.
        `candidates`: how many of a broad query's newest matches are ranked and paged
        through, if not search.CANDIDATES; fewer only without facets, whose estimates
        scale up from CANDIDATES rows (the site search's groups, which show a few)."""
        if candidates is not None and with_facets:
            raise ValueError("facets count search.CANDIDATES rows: no other number with them")
        queryset = self.qs
        if estimate is None:
            estimate = search.checked_estimate(
                queryset, search.estimated_count(queryset), self.form.cleaned_data.get("q")
            )
        fields = self.row_fields() if with_facets else []
        ranked = self.ranks_candidates and self.ranked_by_relevance()
        if estimate <= search.EXACT_LIMIT:
            if fields and ranked:
                # Every match, once, newest first: the facets count these rows, their
                # number is the total, and they are ranked here, so the page looks up
                # only its own rows rather than sort every match in SQL again.
                rows = FetchedRows(queryset.order_by(*self.recency), ["pk", "rank", *fields])
                return Results(
                    queryset,
                    self.facet_counts(estimate, rows=rows),
                    total=len(rows),
                    ranked_ids=best_first(rows),
                    base=self.queryset,
                )
            if fields:
                rows = FetchedRows(queryset.order_by(), ["pk", *fields])
                # The page looks up the matches found here by id, in the FilterSet's
                # order, rather than filtering again: a list narrowed by topic, kind
                # and year would intersect three indexes once more for its page.
                matches = self.queryset.filter(pk__in=search.id_array(rows.column("pk")))
                return Results(
                    matches.order_by(*queryset.query.order_by),
                    self.facet_counts(estimate, rows=rows),
                    total=len(rows),
                    dated=self.dated_rows(rows, queryset),
                )
            return Results(queryset, self.facet_counts(estimate) if with_facets else [])
        # One pass over the newest matches; the page and every facet reuse it.
        wanted = ["pk", *(["rank"] if ranked else []), *(fields or [])]
        rows = self.newest_rows(queryset, estimate, wanted, candidates=candidates)
        ids = search.id_array(rows.column("pk"))
        if not with_facets:
            facets = []
        elif fields:
            facets = self.facet_counts(estimate=estimate, rows=rows)
        else:
            facets = self.facet_counts(estimate=estimate, candidates=ids)
        ranked_ids, named = None, []
        if self.ranked_by_relevance():
            # Rank only the newest candidates: ranking every match is the slow part.
            # Rows the words name exactly (a title, a nickname) join them, however
            # old: "Brahimi report" must find the report of 2000 among newer mentions.
            candidates = set(rows.column("pk"))
            named = [pk for pk in self.named_ids() if pk not in candidates]
            if named:
                ids = search.id_array([*named, *rows.column("pk")])
            queryset = queryset.filter(pk__in=ids)
        if ranked:
            ranked_ids = [*named, *best_first(rows)]
        # Sorted by date or title, rows come straight from an index in order; deep
        # pages are capped so that OFFSET stays small.
        return Results(
            queryset,
            facets,
            total=search.about(estimate),
            approximate=True,
            page_cap=candidates or search.CANDIDATES,
            ranked_ids=ranked_ids,
            base=self.queryset,
        )

    def dated_rows(self, rows: FetchedRows, queryset) -> DatedRows | None:
        """The fetched rows' dates, for a page to look up its own rows only, when
        `queryset` is ordered first by `recency_field`, undated rows last, and the rows
        hold that date (the year facet's field); else None."""
        field = self.recency_field
        if field is None or field not in rows.fields or not queryset.query.order_by:
            return None
        first = queryset.query.order_by[0]
        if not (isinstance(first, OrderBy) and getattr(first.expression, "name", None) == field):
            return None
        nullable = self.queryset.model._meta.get_field(field).null
        if nullable and not first.nulls_last:
            return None  # undated rows first (PostgreSQL's default for DESC)
        dated_ids = list(zip(rows.column(field), rows.column("pk"), strict=True))
        ordered = self.queryset.order_by(*queryset.query.order_by)
        return DatedRows(ordered, field, dated_ids, descending=first.descending)

    # Rows one of whose names the words are, at most this many.
    NAMED_LIMIT = 10

    def named_ids(self) -> list:
        """The rows that pass every filter and one of whose names (known_names: a
        title, a nickname) the words are whole, read through the names' index."""
        words = self.form.cleaned_data.get("q")
        if not words or not search.has_known_names(self.queryset.model):
            return []
        names = search.known_names(words)
        rows = self.qs.filter(known_names__overlap=names).order_by()
        return list(rows.values_list("pk", flat=True)[: self.NAMED_LIMIT])

    def queryset_without(self, *names):
        """The rows every active filter but those named lets through, from the values
        the form already cleaned: no second validation (and its queries) per facet."""
        queryset = self.queryset.all()
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name not in names:
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    def facet_rows(self, base, estimate: int, fields, without=None) -> FetchedRows:
        """The rows a facet counts: all of its base, or its newest candidates. `base`
        is self.qs, or the rows of every filter but `without`."""
        if estimate > search.EXACT_LIMIT:
            return self.newest_rows(base, estimate, fields, without=without)
        return FetchedRows(base.order_by(), fields)

    # Whether the rows' facet keys include a sample key (search.SAMPLE_BUCKETS), for
    # a ticked facet's counts over a broad base to come from a sample (`key_sample`).
    sample_keys = False

    def keys_share(self, names) -> float | None:
        """The share of the table that the active filters `names` let through together,
        weighed as PostgreSQL's planner weighs them: each key's share of the rows from
        the statistics of the keys (search.key_shares), any of a filter's keys as
        1 - the product of each one's absence, every one (`__all`) as the product of
        their shares, none (`__not`) as one minus any, the filters independent. None
        when one of them is not on the keys, or holds a key too rare for the statistics
        to keep (the planner's guess for that one is its own)."""
        share = 1.0
        for name in names:
            filter_ = self.filters[name]
            if getattr(filter_, "key", None) is None:
                return None
            shares = search.key_shares(self.queryset.model, filter_.keys_field)
            held = [shares.get(key) for key in filter_.keys_of(self.form.cleaned_data[name])]
            if not held or None in held:
                return None
            if filter_.conjoined:
                chosen = math.prod(held)
            else:
                chosen = 1.0 - math.prod(1.0 - one for one in held)
            share *= 1.0 - chosen if filter_.exclude else chosen
        return share

    # The least page estimate a base's is scaled up from (`ticked_base_estimate`):
    # rounded to a whole row, it is then within 5 %.
    SCALED_FROM_AT_LEAST = 10

    def ticked_base_estimate(self, name: str, estimate: int) -> int:
        """The planner's row estimate for the base of the ticked facet `name` (every
        active filter but its own), given the page's `estimate`. When the facet's own
        filter is on the keys, the page's estimate over the share its keys let through
        (`keys_share`): the planner multiplies the shares of a row's conditions, so the
        base's own EXPLAIN would give the same, and building and compiling that query
        cost more than running it (with the words' EXPLAIN `rows_keyed` spares too, a
        page with two ticked facets at a million reports: p50 55.4 → 49.8 ms,
        BENCHMARKS.md). Asked of the planner when that comes out at most
        `approximate_over()`, where whether the base is counted exactly turns on it,
        and when the page's estimate is too small to scale up: the planner rounds its
        estimates and never says less than one row (a page it puts at 1 may be one in
        fifty, and its base fifty times smaller than the derived one)."""
        own = self.keys_share([name]) if estimate >= self.SCALED_FROM_AT_LEAST else None
        if own:
            derived = round(estimate / own)
            if derived > self.approximate_over():
                return derived
        return search.estimated_count(self.queryset_without(name))

    def key_sample(self, facet, base_estimate: int):
        """(condition, share): the rows of a few sample buckets, and the share of the
        table they hold, for the counts of `facet` (ticked: counted over every other
        active filter) to be estimated from them, scaled up by 1 / share; or None when
        its base's newest rows cost less to read, or it has a condition other than
        keys and words (a kind, a date), which the keys' index cannot test with the
        buckets. Only for keyed facets: a row without keys has none to count."""
        keys_field = getattr(facet, "keys_field", None)
        if not self.sample_keys or keys_field is None:
            return None
        words, keyed_filters = None, []
        for name, value in self.form.cleaned_data.items():
            if name in (facet.name, "sort") or not selects_anything(value):
                continue
            if name == "q":
                words = value
            elif name != "q_fields":
                if getattr(self.filters[name], "key", None) is None:
                    return None
                keyed_filters.append(name)
        total = search.table_rows(self.queryset.model)
        if not total:
            return None
        keyed = self.rows_keyed(keyed_filters, words, base_estimate, total)
        buckets = search.sample_buckets(base_estimate, keyed, total)
        if buckets is None:
            return None
        condition = Q(**{f"{keys_field}__overlap": search.sample_keys(buckets)})
        return condition, buckets / search.SAMPLE_BUCKETS

    def rows_keyed(self, names, words, base_estimate: int, total: int) -> float:
        """How many of the table's `total` rows the keyed filters `names` let through,
        for a base of those filters and the `words`, whose planner estimate is given:
        the share the statistics of the keys give them (`keys_share`), or, for a key too
        rare to be kept there, the base's estimate over the share of the table the
        words match (one EXPLAIN, the words taken as independent of the keys)."""
        keys_share = self.keys_share(names)
        if keys_share is not None:
            return total * keys_share
        words_share = max(self.words_estimate(words), 1) / total if words else 1.0
        return base_estimate / words_share

    def words_estimate(self, value) -> int:
        """The planner's estimate of the rows that match the words alone, asked once
        per request."""
        if not hasattr(self, "_words_estimate"):
            model = self.queryset.model
            only_words = self.queryset.filter(search.matching(value, model))
            self._words_estimate = search.estimated_count(only_words)
        return self._words_estimate

    def words_row_by_row(self, estimate: int, without=None):
        """self.qs (or the rows of every filter but `without`, whose planner estimate
        is given) as a query that tests the words row by row, after every other
        condition, or None when that is not the faster way. See ReportFilter."""
        return None

    # The date column `recency` orders by first (newest first), for `recency_edge`;
    # None: no edge, a list without one reads every match to keep its newest.
    recency_field: str | None = None

    def recency_edge(self, depth: int):
        """A condition that keeps about the `depth` newest rows of the whole table and
        drops the rest, or None. See `newest_rows`."""
        if self.recency_field is None:
            return None
        if '"' in (self.form.cleaned_data.get("q") or ""):
            # PostgreSQL's statistics hold words, not their order: a phrase's estimate
            # can be a third of its matches, which would set the edge three times too
            # deep, slower than walking the date index.
            return None
        day = search.date_reached(self.queryset.model, self.recency_field, depth)
        return Q(**{f"{self.recency_field}__gte": day}) if day is not None else None

    def newest_rows(
        self, queryset, estimate: int, fields, without=None, candidates: int | None = None
    ) -> FetchedRows:
        """The CANDIDATES (or `candidates`) newest rows of `queryset`, whose planner
        estimate is given.

        Walking the date index newest first and testing each row stops early, and is
        the fastest way when most rows match. When a few in ten match, it reads ten
        rows, each on its own page, for every one it keeps. Then a date edge
        (`recency_edge`) set where the candidates should end, with a margin, lets
        PostgreSQL combine the text and date indexes and read only the pages that can
        hold a candidate. If fewer rows than CANDIDATES pass
        the edge (the estimate was high), the query runs again without it: the rows
        are always exactly the newest ones."""
        taken = candidates or search.CANDIDATES
        by_row = None if "rank" in fields else self.words_row_by_row(estimate, without=without)
        if by_row is not None:
            return FetchedRows(by_row.order_by(*self.recency)[:taken], fields)
        newest = queryset.order_by(*self.recency)
        total = search.table_rows(queryset.model)
        way = search.newest_path(estimate, total, taken) if total else "all"
        if way == "walk" and estimate < total * search.SPARSE_SHARE:
            # Below SPARSE_SHARE PostgreSQL would rather AND the words' bitmap (every
            # match) with the others: the words are tested row by row instead.
            walked = self.words_walked(without)
            if walked is not None:
                newest = walked.order_by(*self.recency)
        elif way == "edge":
            depth = int(search.EDGE_MARGIN * taken * total / max(estimate, 1))
            edge = self.recency_edge(depth) if depth < total else None
            if edge is not None:
                rows = FetchedRows(newest.filter(edge)[:taken], fields)
                if len(rows) == taken:
                    return rows
        return FetchedRows(newest[:taken], fields)

    def words_walked(self, without=None):
        """self.qs (or the rows of every filter but `without`) with its words tested
        row by row (search.MatchedRowByRow), or None when it has no such words."""
        return None

    # Per FilterSet class: the UNION of its facets' `names_query`, compiled once.
    _names_queries: dict = {}

    def key_names(self, counted: dict) -> dict:
        """{facet name: {key: (value, label)}} for the keys counted, given as
        {facet name: Counter}, in one query. Its SQL never changes (a facet's keys are
        one array parameter, and whether a row is public is decided in SQL with
        STATEMENT_TIMESTAMP()), so it is compiled once (core/compiled.py) rather
        than built per facet and united on every faceted page."""
        facets = [facet for facet in self.facets if facet.names_keys]
        if not any(counted.get(facet.name) for facet in facets):
            return {}
        query = self._names_queries.get(type(self))
        if query is None:

            def build(**ids):
                queries = [
                    facet.names_query(search.id_array_sql(ids[facet.name])) for facet in facets
                ]
                return queries[0].union(*queries[1:], all=True)

            query = CompiledQuery(facets[0].related.model, build, *(f.name for f in facets))
            self._names_queries[type(self)] = query
        key_names = {}
        arrays = {facet.name: search.id_literal(counted.get(facet.name) or ()) for facet in facets}
        for name, pk, value, label in query.rows(**arrays):
            key_names.setdefault(name, {})[pk] = (value, label)
        return key_names

    def facet_counts(
        self,
        estimate: int | None = None,
        candidates=None,
        names=None,
        shown: int | None = FACET_VALUES_SHOWN,
        rows=None,
    ) -> list[dict]:
        """Counts per facet value. A facet counts exactly when its base (every active
        filter but its own) is expected to hold at most EXACT_LIMIT rows; otherwise it
        counts the newest CANDIDATES of that base and scales up, marked approximate.
        `estimate` is the page's own row estimate; `candidates`, its newest ids, or
        `rows`, the page's rows already fetched with the facets' row fields (all of
        them when exact, the newest candidates otherwise); `names`, the facets wanted
        (all by default); `shown`, values kept per facet."""
        if estimate is None:
            estimate = search.estimated_count(self.qs)
        fields = self.row_fields(names)
        counted = []  # (facet, approximate, counts or a Counter to label)
        compiled_bases = {}  # base queryset: its ids' SQL, compiled once for every facet
        for facet in self.facets:
            if names is not None and facet.name not in names:
                continue
            active = selects_anything(self.form.cleaned_data.get(facet.name))
            if active:
                base_estimate = self.ticked_base_estimate(facet.name, estimate)
                base = None  # built where a query reads it: a sample reads the words walked
            else:
                base, base_estimate = self.qs, estimate
            approximate = base_estimate > self.approximate_over()
            sample = self.key_sample(facet, base_estimate) if active and approximate else None
            if base is None and sample is None:
                base = self.queryset_without(facet.name)
            rows_counted = search.CANDIDATES  # of the base, for an estimate: its newest
            if sample is not None:
                condition, share = sample
                rows_counted = base_estimate * share
                # Each row of the buckets taken is read (what sample_buckets counted), so
                # the words are tested on those rows, not ANDed as a bitmap of every
                # match: PostgreSQL chose the bitmap for "peace" among 100,000 reports
                # (84,000 entries, 9 ms of a 12 ms query).
                walked = self.words_walked(without=facet.name)
                if walked is None:
                    walked = self.queryset_without(facet.name)
                sampled = walked.filter(condition)
                if fields:
                    sampled_rows = FetchedRows(sampled.order_by(), facet.row_fields)
                    counts = facet.estimated_from_sample(facet.count_rows(sampled_rows), share)
                else:
                    ids = compiled_ids(sampled)
                    counts = facet.sampled_counts(ids, share) if ids is not None else []
            elif fields:
                if active:
                    base_rows = self.facet_rows(
                        base, base_estimate, facet.row_fields, without=facet.name
                    )
                else:
                    if rows is None:  # fetched once, for every facet of this base
                        rows = self.facet_rows(base, base_estimate, fields)
                    base_rows = rows
                if approximate:
                    counts = facet.estimated_from_rows(base_rows, base_estimate)
                else:
                    counts = facet.count_rows(base_rows)
            elif not approximate:
                if base not in compiled_bases:
                    compiled_bases[base] = compiled_ids(base)
                ids = compiled_bases[base]
                counts = facet.counts(ids) if ids is not None else []
            else:
                if not active and candidates is not None:
                    ids = candidates
                else:
                    ids = base.order_by(*self.recency).values("pk")[: search.CANDIDATES]
                counts = facet.estimated_from_ids(ids, base_estimate)
            if approximate and isinstance(counts, Counter):
                shares = facet.table_shares(self.queryset.model)
                if shares:
                    counts = Counter(
                        search.drawn_to_shares(counts, rows_counted, base_estimate, shares)
                    )
            counted.append((facet, approximate, counts))

        # The names of every counted key (topics, bodies, states) in one query.
        key_names = self.key_names(
            {facet.name: counts for facet, _, counts in counted if isinstance(counts, Counter)}
        )

        # Facets the visitor opened in full ("Show all"): `show=<facet name>`.
        opened = set(self.data.getlist(SHOW_ALL)) if hasattr(self.data, "getlist") else set()
        results = []
        for facet, approximate, counts in counted:
            if isinstance(counts, Counter):
                counts = facet.labelled(counts, key_names.get(facet.name, {}))
            selected = (
                set(self.data.getlist(facet.name)) if hasattr(self.data, "getlist") else set()
            )
            if approximate:  # estimates: rounded, and none that rounds to nothing
                counts = [(value, label, search.about(round(n))) for value, label, n in counts]
                counts = [row for row in counts if row[2] or row[0] in selected]
            values = [
                {"value": value, "label": label, "count": count, "selected": value in selected}
                for value, label, count in counts
            ]
            limit = None if facet.name in opened else shown
            error = getattr(self, "filter_errors", {}).get(facet.name)
            kept = [
                v for rank, v in enumerate(values) if limit is None or rank < limit or v["selected"]
            ]
            results.append(
                {
                    "name": facet.name,
                    "label": facet.label,
                    "approximate": approximate,
                    "values": kept,
                    "hidden": len(values) - len(kept),
                    "total": len(values),
                    # Query strings opening it in full, or closing it again.
                    "show_all": self.query_changed(SHOW_ALL, opened | {facet.name})
                    if len(values) > len(kept)
                    else None,
                    "show_fewer": self.query_changed(SHOW_ALL, opened - {facet.name})
                    if limit is None and shown is not None and len(values) > shown
                    else None,
                    # What usable_part left out of this facet, and why.
                    "error": error,
                }
            )
        return results

    def query_changed(self, name: str, values) -> str:
        """This page's query string with `name` holding `values` instead, from page 1."""
        if not hasattr(self.data, "setlist"):
            return ""
        return with_values(self.data, name, sorted(values))
