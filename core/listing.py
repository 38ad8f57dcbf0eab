"""Shared by every list page (and, later, the API): strict filters, facets whose
counts honour every other active filter, and pagination that explains bad input."""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from operator import itemgetter

import django_filters
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import BadRequest, EmptyResultSet, FieldDoesNotExist
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import CharField, Count, Func, Min, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils.choices import BaseChoiceIterator
from django_filters.widgets import QueryArrayWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core import search
from core.compiled import CompiledQuery

PER_PAGE = 20
# A facet shows its largest values (and any selected one): a list of 195 member
# states helps nobody, and rendering it was half of a results page's time.
FACET_VALUES_SHOWN = 15


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


def rows_between(queryset, start: int, end: int) -> list:
    """Rows `start` to `end` of `queryset`; past the first, their ids first, then those
    rows. PostgreSQL works out every column of the rows an OFFSET skips: a search
    sorted by date built the snippets (ts_headline) and symbol lists of 1,000 reports
    to show the twenty of page 50 (93 ms of its 103 at 100,000 reports), the API the
    relations of 10,020 reports for `offset=10000` (435 ms). The ids come in the same
    order, through the same indexes, without those columns."""
    if start == 0:
        return list(queryset[:end])
    ids = list(queryset.values_list("pk", flat=True)[start:end])
    return page_rows(queryset.order_by(), ids)


class IdsFirstPaginator(Paginator):
    """Pages past the first of a queryset read with `rows_between`: the site's lists,
    and the trackers, whose rows carry each recommendation's current status."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom == 0 or not isinstance(self.object_list, QuerySet):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows_between(self.object_list, bottom, top), number, self)


class KnownCountPaginator(IdsFirstPaginator):
    """A paginator told its count, so it does not count the rows itself."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


def paginate(request, queryset, per_page: int = PER_PAGE, *, count: int | None = None):
    if count is None:
        paginator = IdsFirstPaginator(queryset, per_page)
    else:
        paginator = KnownCountPaginator(queryset, per_page, count=count)
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        raise BadRequest(f"page must be a whole number, not {number[:20]!r}.") from None
    except EmptyPage:
        raise BadRequest(
            f"page must be between 1 and {paginator.num_pages}; {number[:20]} is past the end."
        ) from None


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


def selects_anything(value) -> bool:
    """Whether a filter's cleaned value selects anything. An empty model selection
    arrives as an empty QuerySet (`.none()`), and asking it whether it holds rows
    compiles it: about 1 ms a filter on every list page."""
    if isinstance(value, QuerySet):
        return not value.query.is_empty() and bool(value)
    return bool(value)


class SubqueryFilterMixin:
    """OR within a filter as `pk IN (subquery)`: the outer query gains no join, so
    needs no DISTINCT, so newest-first lists can still stop early in their index.

    The subquery reads the link table alone (`report_id FROM reports_report_topics
    WHERE topic_id IN …`), not the main table joined to it again: that second pass
    over 100,000 reports was most of a filtered list's time.

    `key`: where the model keeps its links on the row as facet keys (Report.facet_keys,
    GIN-indexed), the prefix of this filter's keys. The filter is then an array overlap
    on the row itself, which PostgreSQL can combine with the date index and the text
    index in one bitmap, and no link table is read at all."""

    def __init__(self, *args, key: str | None = None, keys_field: str = "facet_keys", **kwargs):
        self.key = key
        self.keys_field = keys_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not selects_anything(value):
            return qs
        chosen = list(value)
        if self.key is not None:
            keys = [f"{self.key}:{getattr(v, 'pk', v)}" for v in chosen]
            return qs.filter(**{f"{self.keys_field}__overlap": keys})
        path, to_field = self.field_name, getattr(self.field, "to_field_name", None)
        if to_field and path.endswith(f"__{to_field}"):
            # The rows chosen are known: match their ids, which the planner weighs
            # from its statistics. Matched by slug, behind a join, one person's single
            # event was estimated at 9,470 of 10,000, and the list called it broad.
            path, values = path.removesuffix(f"__{to_field}"), [v.pk for v in chosen]
        else:
            values = [getattr(v, to_field) if to_field else v for v in chosen]
        return qs.filter(pk__in=matching_ids(qs.model, path, values))


def matching_ids(model, path: str, values):
    """A subquery of the ids of `model` rows whose `path` is one of `values`."""
    relation, _sep, rest = path.partition("__")
    field = model._meta.get_field(relation)
    if field.many_to_many and not field.auto_created:  # forward many-to-many
        through = field.remote_field.through
        target = "__".join(filter(None, [field.m2m_reverse_field_name(), rest]))
        return through.objects.filter(**{f"{target}__in": values}).values(
            f"{field.m2m_field_name()}_id"
        )
    if rest and field.one_to_many:  # reverse foreign key: documents, participations
        return field.related_model._default_manager.filter(**{f"{rest}__in": values}).values(
            f"{field.field.name}_id"
        )
    return model._default_manager.filter(**{f"{path}__in": values}).values("pk")


# Documented in the API schema as what a partner sends: slugs or codes, not ids.
@extend_schema_field(OpenApiTypes.STR)
class RelatedMultipleFilter(SubqueryFilterMixin, django_filters.ModelMultipleChoiceFilter):
    pass


class MultipleFilter(SubqueryFilterMixin, django_filters.MultipleChoiceFilter):
    pass


class FixedChoices(BaseChoiceIterator):
    """Choices that never change, shared by every form rather than deep-copied into
    each: a FilterSet and its form copy every field per request, and a list of 156
    years cost about 900 copy calls a request."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)

    def __deepcopy__(self, memo):
        return self


# The years a date can be filtered by.
YEARS = FixedChoices((str(year), str(year)) for year in range(1945, 2101))


class YearsFilter(django_filters.MultipleChoiceFilter):
    """`year=2001&year=2002`: rows whose date (`field_name`, a DateField) falls in any
    of those years, as ranges of dates: one range per run of consecutive years, which
    PostgreSQL estimates from its statistics and starts an index walk at.

    Years apart (`year=2001&year=2005`) are OR-ed ranges, from which PostgreSQL takes
    no place to start: a list newest first walks its date index from the newest row of
    the table. When more than WALK_SHARE of the table is newer than the latest year,
    that walk is long (three years around 2002: 190 ms at 100,000 reports), so the span
    from the earliest year to the latest bounds the ranges besides, and the walk starts
    at its last day. Not otherwise: PostgreSQL takes the span and the ranges for
    independent and counts the rows lower than they are, which sends a list down its
    exact path over every match (`year=2015&year=2025`: 12 ms walking, 43 ms with the
    span)."""

    WALK_SHARE = 0.1

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", YEARS)
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        years = sorted({int(year) for year in value or ()})
        if not years:
            return qs
        runs = []  # [first, last] of each run of consecutive years
        for year in years:
            if runs and year == runs[-1][1] + 1:
                runs[-1][1] = year
            else:
                runs.append([year, year])
        condition = Q()
        for first, last in runs:
            condition |= self.dated_within(first, last)
        if len(runs) > 1 and self.walk_is_long(date(years[-1], 12, 31)):
            condition &= self.dated_within(years[0], years[-1])
        return qs.filter(condition)

    def dated_within(self, first: int, last: int) -> Q:
        field = self.field_name
        return Q(**{f"{field}__gte": date(first, 1, 1), f"{field}__lte": date(last, 12, 31)})

    def walk_is_long(self, last_day) -> bool:
        """Whether more than WALK_SHARE of the rows are dated after `last_day`. A date
        across a relation (a participation's event) is not what its list walks."""
        if "__" in self.field_name:
            return False
        return search.share_after(self.model, self.field_name, last_day) > self.WALK_SHARE


MAX_TEXT_VALUE = 200


class TextListField(forms.Field):
    """Several short texts from a repeated parameter (`symbol=A/70/95&symbol=S/2015/446`)."""

    widget = QueryArrayWidget

    def to_python(self, value):
        values = [v for v in (value or []) if isinstance(v, str)]
        for v in values:
            if "\x00" in v:
                raise forms.ValidationError("A value contains a NUL character; remove it.")
            if len(v) > MAX_TEXT_VALUE:
                raise forms.ValidationError(f"A value is longer than {MAX_TEXT_VALUE} characters.")
        return [v.strip() for v in values if v.strip()]


@extend_schema_field({"type": "array", "items": {"type": "string", "maxLength": MAX_TEXT_VALUE}})
class TextListFilter(django_filters.Filter):
    field_class = TextListField


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time, handed to the database in UTC. ISO allows offsets up to
    ±23:59, PostgreSQL only ±15:59 ("time zone displacement out of range"), and at the
    ends of the calendar the conversion itself can leave years 1–9999."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            # Before 0001-01-01 or after 9999-12-31 in UTC: the nearest end of the
            # calendar compares the same against every stored time.
            edge = datetime.min if moment.year == 1 else datetime.max
            return edge.replace(tzinfo=UTC)


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_since=2026-11-01T00:00:00Z`: what changed since a partner's last sync."""

    field_class = UtcDateTimeField

    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("label", "Changed at or after (ISO 8601 date-time)")
        super().__init__(**kwargs)


class Facet:
    """Counts of matching rows per value of one filter, computed with every *other*
    active filter applied, so a visitor sees what each choice would give them.

    A facet counts in one of two ways: with a query of its own over the ids of the
    rows (`counts`), or from rows already fetched (`row_fields`, `count_rows` and
    `labelled`), when the filterset's model keeps its links on the row (see
    Report.facet_keys). The second way costs no query per facet."""

    row_fields: tuple[str, ...] | None = None  # None: this facet counts with a query
    names_keys = False  # whether the keys it counts are named by `names_query`

    def __init__(self, name: str, label: str):
        self.name = name
        self.label = label

    def counts(self, ids) -> list[tuple[str, str, int]]:
        """(value, label, count) for the rows whose ids are given, largest first."""
        raise NotImplementedError

    def count_rows(self, rows: "FetchedRows") -> Counter:
        """How many fetched rows have each raw value."""
        raise NotImplementedError

    def names_query(self, ids):
        """A query of (facet name, key, value, label) naming the keys among `ids` (an
        SQL array expression), or None when the keys name themselves. The facets'
        queries run as one UNION (`key_names`)."""
        return None

    def labelled(self, counter: Counter, names=None) -> list[tuple[str, str, int]]:
        """(value, label, count) from raw value counts, largest first; `names`: the
        rows of `names_query`, as {key: (value, label)}."""
        raise NotImplementedError

    # A broad base's counts are estimated from its CANDIDATES newest rows: by default
    # each count among them, scaled up by the base's estimate over their number.

    def estimated_from_rows(self, rows: "FetchedRows", base_estimate: int) -> Counter:
        """`count_rows` for the whole base, estimated from its newest rows."""
        scale = base_estimate / search.CANDIDATES
        return Counter({value: n * scale for value, n in self.count_rows(rows).items()})

    def estimated_from_ids(self, ids, base_estimate: int) -> list[tuple[str, str, float]]:
        """`counts` for the whole base, estimated from the ids of its newest rows."""
        scale = base_estimate / search.CANDIDATES
        return [(value, label, n * scale) for value, label, n in self.counts(ids)]


class FetchedRows:
    """Rows fetched once (tuples of `fields`), with the counts of each field's values
    worked out once for every facet that reads that field.

    An array of facet keys arrives as one string, its keys joined by spaces (a key
    holds none: "topic:12", "language:en"): psycopg builds a Python list for each
    array, item by item, and an event's sixteen keys made parsing 1,000 rows take
    10.5 ms against 5.7 as strings (`items_of` splits them)."""

    def __init__(self, queryset, fields):
        self.fields = list(fields)
        joined = {
            field: KeysJoined(field)
            for field in self.fields
            if isinstance(model_field(queryset.model, field), ArrayField)
        }
        if joined:
            queryset = queryset.annotate(**{f"{field}_joined": j for field, j in joined.items()})
        columns = [f"{field}_joined" if field in joined else field for field in self.fields]
        self.rows = list(queryset.values_list(*columns))
        self._counts = {}

    def __len__(self):
        return len(self.rows)

    def column(self, field: str):
        index = self.fields.index(field)
        return (row[index] for row in self.rows)

    def values_of(self, field: str) -> Counter:
        """Rows per value of a plain field (None not counted)."""
        if field not in self._counts:
            counts = Counter(self.column(field))
            counts.pop(None, None)
            self._counts[field] = counts
        return self._counts[field]

    def items_of(self, field: str) -> Counter:
        """Rows per key of a facet keys field (keys are distinct within a row)."""
        if field not in self._counts:
            self._counts[field] = Counter(" ".join(self.column(field)).split())
        return self._counts[field]


def ids_sql(queryset) -> tuple[str, tuple] | None:
    """The SQL selecting the ids of `queryset` and its parameters, compiled for the
    database it reads, or None when it can hold no row (`.none()`)."""
    try:
        return queryset.order_by().values("pk").query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return None


def compiled_ids(queryset):
    """The ids of `queryset` as its SQL, compiled once, for several facets to count
    within (`pk__in=`), or None when it can hold no row. Handed a queryset, each
    facet's query would resolve, relabel and compile it again: about 3 ms a facet of
    the recommendation tracker's six, whose base carries subqueries of its own."""
    compiled = ids_sql(queryset)
    if compiled is None:
        return None
    return RawSQL(*compiled)  # noqa: S611 - the ORM's own SQL, its values as parameters


def model_field(model, name):
    """The model's field of that name, or None (`pk`, an annotation)."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class KeysJoined(Func):
    """An array of facet keys as one string, the keys separated by spaces."""

    function = "array_to_string"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()


def best_first(rows: "FetchedRows") -> list:
    """The ids of rows fetched newest first with their `rank`, best first. Python's
    sort is stable, so equal ranks keep their newest-first order, as the FilterSet's
    relevance ordering does in SQL (tests/test_facet_keys.py compares the two)."""
    pairs = zip(rows.column("rank"), rows.column("pk"), strict=True)
    # reverse=True keeps equal ranks in their order (Python documents it as stable).
    return [pk for _rank, pk in sorted(pairs, key=itemgetter(0), reverse=True)]


def largest_first(counted) -> list[tuple[str, str, int]]:
    """(value, label, count) rows, largest count first, then by value."""
    return sorted(counted, key=lambda row: (-row[2], row[0]))


class FieldFacet(Facet):
    """`condition`: a Q the counted rows must meet besides their ids, e.g. that the
    linked topic is published (a draft's name must not appear in a facet)."""

    def __init__(
        self,
        name,
        label,
        model,
        value_path,
        label_path=None,
        choices=None,
        condition=None,
        from_row=False,
    ):
        super().__init__(name, label)
        self.model = model
        self.value_path = value_path
        self.label_path = label_path
        self.choices = dict(choices or {})
        self.id_path = "pk"
        self.condition = condition
        if from_row:  # a column of the filtered rows themselves
            self.row_fields = (value_path,)

    def rows(self, ids):
        rows = self.model.objects.filter(**{f"{self.id_path}__in": ids})
        return rows.filter(self.condition) if self.condition is not None else rows

    def count_rows(self, rows):
        return rows.values_of(self.value_path)

    def labelled(self, counter, names=None):
        return largest_first(
            (str(value), str(self.choices.get(value, value)), count)
            for value, count in counter.items()
        )

    def counts(self, ids):
        paths = [self.value_path] + ([self.label_path] if self.label_path else [])
        rows = (
            self.rows(ids)
            .exclude(**{f"{self.value_path}__isnull": True})
            .values(*paths)
            .annotate(n=Count(self.id_path, distinct=True))
            .order_by("-n", self.value_path)
        )
        result = []
        for row in rows:
            value = row[self.value_path]
            label = row[self.label_path] if self.label_path else self.choices.get(value, value)
            result.append((str(value), str(label), row["n"]))
        return result


class ThroughFacet(FieldFacet):
    """A many-to-many facet counted on the link table, without joining the main table.

    `key`: the prefix of this facet's entries in the rows' facet keys ("topic" for
    "topic:12"), to count from fetched rows instead. `related`: the rows a key may name
    (a draft topic is not one), whose `value_path` and `label_path` after the first
    "__" give the value and label; without it, the key is the value itself."""

    def __init__(
        self,
        name,
        label,
        through,
        id_path,
        value_path,
        label_path,
        condition=None,
        key=None,
        related=None,
        keys_field="facet_keys",
    ):
        super().__init__(name, label, through, value_path, label_path, condition=condition)
        self.id_path = id_path
        self.related = related
        self.names_keys = related is not None
        if key is not None:
            self.prefix = f"{key}:"
            self.keys_field = keys_field
            self.row_fields = (keys_field,)

    def count_rows(self, rows):
        prefix, size = self.prefix, len(self.prefix)
        items = rows.items_of(self.keys_field)
        return Counter({key[size:]: n for key, n in items.items() if key.startswith(prefix)})

    def names_query(self, ids):
        """(facet name, key, value, label) of the public rows whose keys are among
        `ids` (an SQL array expression, see search.id_array)."""
        if self.related is None:
            return None
        return (
            self.related.filter(pk__in=ids)
            .annotate(facet=Value(self.name, output_field=CharField()))
            .order_by()
            .values_list(
                "facet",
                "pk",
                self.value_path.partition("__")[2],
                self.label_path.partition("__")[2],
            )
        )

    def labelled(self, counter, names=None):
        if self.related is None:
            return super().labelled(counter)
        return largest_first(
            (*names[int(pk)], count) for pk, count in counter.items() if int(pk) in names
        )


class YearFacet(FieldFacet):
    """Rows per year of a date field: the field by which the FilterSet's `recency`
    orders, newest first, for its estimates to hold.

    Scaling the newest rows' counts up, as other facets estimate theirs, would put
    every match of a common word in the latest year ("2025: about 84,000"), since the
    newest rows are chosen by this very date. Instead: every row of the base dated in
    a year after the oldest candidate's is a candidate, so those years count exactly;
    the rest of the base (its estimate, less the candidates) is older than that, and
    is spread over the earlier years as the whole table's rows are
    (`search.year_shares`, from PostgreSQL's statistics of the column)."""

    def __init__(self, name, label, model, date_field):
        super().__init__(name, label, model, date_field)
        self.date_field = date_field
        self.row_fields = (date_field,)

    def count_rows(self, rows):
        years = Counter()
        for day, n in rows.values_of(self.date_field).items():
            years[day.year] += n
        return years

    def labelled(self, counter, names=None):
        return [(str(year), str(year), counter[year]) for year in sorted(counter, reverse=True)]

    def year_rows(self, ids):
        """(year, rows, oldest date) per year among the rows with these ids; the
        undated ones as year None."""
        return (
            self.model.objects.filter(pk__in=ids)
            .annotate(year=ExtractYear(self.date_field))
            .values("year")
            .annotate(n=Count("pk"), oldest=Min(self.date_field))
            .order_by()
            .values_list("year", "n", "oldest")
        )

    def counts(self, ids):
        return self.labelled(
            Counter({year: n for year, n, _ in self.year_rows(ids) if year is not None})
        )

    def estimated_from_rows(self, rows, base_estimate):
        days = list(rows.column(self.date_field))
        dated = [day for day in days if day is not None]
        return self.spread(
            self.count_rows(rows),
            oldest=min(dated, default=None),
            undated=len(dated) < len(days),
            fetched=len(days),
            base_estimate=base_estimate,
        )

    def estimated_from_ids(self, ids, base_estimate):
        years = list(self.year_rows(ids))
        counted = Counter({year: n for year, n, _ in years if year is not None})
        estimated = self.spread(
            counted,
            oldest=min((oldest for _, _, oldest in years if oldest is not None), default=None),
            undated=any(year is None for year, _, _ in years),
            fetched=sum(n for _, n, _ in years),
            base_estimate=base_estimate,
        )
        return self.labelled(estimated)

    def spread(self, counted: Counter, *, oldest, undated, fetched, base_estimate) -> Counter:
        """The candidates' counts per year, with the rest of the base spread over the
        years before the oldest candidate."""
        if oldest is None or undated:
            # Undated rows come last: having reached them, the candidates hold every
            # dated row of the base, and their counts are exact.
            return counted
        rest = max(base_estimate - fetched, 0)
        estimated = Counter({year: float(n) for year, n in counted.items()})
        for year, share in search.year_shares(self.model, self.date_field, oldest).items():
            estimated[year] += rest * share
        return estimated


@dataclass
class Results:
    """What a list page shows: rows to paginate, the total, and the facets. For broad
    queries the total and facet counts are estimates (see core/search.py)."""

    queryset: object
    facets: list
    total: int | None = None  # None: the paginator counts exactly
    approximate: bool = False
    page_cap: int | None = None  # broad queries page through their candidates only
    # A query ranked by relevance, when the facets count from fetched rows: the ids
    # of every match (or, broad, of the candidates), best first, ranked from the one
    # pass that found them. Pages fetch their own rows by id (`page_rows`);
    # `queryset` holds the same rows, ranked again in SQL, for callers that need one.
    ranked_ids: list | None = None
    # Where those rows are looked up: the FilterSet's own queryset, before filtering.
    base: object = None

    @property
    def page_count(self) -> int | None:
        """What a paginator should take as the number of rows: None to count them."""
        if self.approximate:
            return self.page_cap
        return self.total


def page_rows(queryset, ids) -> list:
    """The rows of `queryset` with these ids, in the order of `ids`: a page of ranked
    candidates, looked up by primary key."""
    return in_order_of(ids, queryset.filter(pk__in=list(ids)))


def in_order_of(ids, rows) -> list:
    """Those of `rows` whose pk is in `ids`, in the order of `ids`."""
    found = {row.pk: row for row in rows}
    return [found[pk] for pk in ids if pk in found]


class FacetedFilterSetMixin:
    facets: list[Facet] = []
    # Relevance searches whose facets count from fetched rows rank those rows (every
    # match, or a broad search's candidates) in Python and page through their ids
    # (Results.ranked_ids), rather than ranking in SQL again per page. Pages that use
    # it look their rows up with `page_rows`.
    ranks_candidates = False

    def get_form_class(self):
        # django-filter builds a new Form class for every FilterSet instance; ours never
        # depend on the request, so build it once per FilterSet class. (Each form
        # instance still gets its own copy of the fields, as Django forms always do.)
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    recency: tuple = ()  # newest first, matching a partial index
    relevance_sort = "relevance"
    # Facets whose base holds more rows than this estimate their counts from the
    # newest CANDIDATES (core/search.py); None: search.EXACT_LIMIT.
    facets_exact_up_to: int | None = None

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

    def results(self, *, with_facets: bool = True, estimate: int | None = None) -> Results:
        """`estimate`: the planner's row estimate for self.qs, if the caller has it."""
        queryset = self.qs
        if estimate is None:
            estimate = search.estimated_count(queryset)
        fields = self.row_fields() if with_facets else []
        ranked = self.ranks_candidates and self.ranked_by_relevance()
        if estimate <= search.EXACT_LIMIT:
            if fields and ranked:
                # Every match, once, newest first: the facets count these rows, their
                # number is the total, and they are ranked here, so the page looks up
                # only its own rows (sorting every match in SQL for each page cost a
                # symbol prefix's page 12 ms).
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
                # and year intersected three indexes once more for its page (13 ms).
                matches = self.queryset.filter(pk__in=search.id_array(rows.column("pk")))
                return Results(
                    matches.order_by(*queryset.query.order_by),
                    self.facet_counts(estimate, rows=rows),
                    total=len(rows),
                )
            return Results(queryset, self.facet_counts(estimate) if with_facets else [])
        # One pass over the newest matches; the page and every facet reuse it.
        wanted = ["pk", *(["rank"] if ranked else []), *(fields or [])]
        rows = self.newest_rows(queryset, estimate, wanted)
        ids = search.id_array(rows.column("pk"))
        if not with_facets:
            facets = []
        elif fields:
            facets = self.facet_counts(estimate=estimate, rows=rows)
        else:
            facets = self.facet_counts(estimate=estimate, candidates=ids)
        ranked_ids = None
        if self.ranked_by_relevance():
            # Rank only the newest candidates: ranking every match is the slow part.
            queryset = queryset.filter(pk__in=ids)
        if ranked:
            ranked_ids = best_first(rows)
        # Sorted by date or title, rows come straight from an index in order; deep
        # pages are capped so that OFFSET stays small.
        return Results(
            queryset,
            facets,
            total=search.about(estimate),
            approximate=True,
            page_cap=search.CANDIDATES,
            ranked_ids=ranked_ids,
            base=self.queryset,
        )

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

    def words_row_by_row(self, estimate: int, without=None):
        """self.qs (or the rows of every filter but `without`, whose planner estimate
        is given) as a query that tests the words row by row, after every other
        condition, or None when that is not the faster way. See ReportFilter."""
        return None

    def recency_edge(self, depth: int):
        """A condition that keeps the `depth` newest rows of the whole table and drops
        the rest, or None. See `newest_rows`."""
        return None

    def newest_rows(self, queryset, estimate: int, fields, without=None) -> FetchedRows:
        """The CANDIDATES newest rows of `queryset`, whose planner estimate is given.

        Walking the date index newest first and testing each row stops early, and is
        the fastest way when most rows match. When a few in ten match, it reads ten
        rows, each on its own page, for every one it keeps: a 14 % term took 80 ms.
        Then a date edge (`recency_edge`) set where the candidates should end, with a
        margin, lets PostgreSQL combine the text and date indexes and read only the
        pages that can hold a candidate (22 ms). If fewer rows than CANDIDATES pass
        the edge (the estimate was high), the query runs again without it: the rows
        are always exactly the newest ones."""
        by_row = None if "rank" in fields else self.words_row_by_row(estimate, without=without)
        if by_row is not None:
            return FetchedRows(by_row.order_by(*self.recency)[: search.CANDIDATES], fields)
        newest = queryset.order_by(*self.recency)
        total = search.table_rows(queryset.model)
        if total and estimate < total * search.SPARSE_SHARE:
            depth = int(search.EDGE_MARGIN * search.CANDIDATES * total / max(estimate, 1))
            edge = self.recency_edge(depth) if depth < total else None
            if edge is not None:
                rows = FetchedRows(newest.filter(edge)[: search.CANDIDATES], fields)
                if len(rows) == search.CANDIDATES:
                    return rows
        return FetchedRows(newest[: search.CANDIDATES], fields)

    # Per FilterSet class: the UNION of its facets' `names_query`, compiled once.
    _names_queries: dict = {}

    def key_names(self, counted: dict) -> dict:
        """{facet name: {key: (value, label)}} for the keys counted, given as
        {facet name: Counter}, in one query. Its SQL never changes (a facet's keys are
        one array parameter, and whether a row is public is decided in SQL with
        STATEMENT_TIMESTAMP()), so it is compiled once (core/compiled.py):
        building a queryset per facet and their union cost every faceted page 1 ms."""
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
                base = self.queryset_without(facet.name)
                base_estimate = search.estimated_count(base)
            else:
                base, base_estimate = self.qs, estimate
            approximate = base_estimate > (self.facets_exact_up_to or search.EXACT_LIMIT)
            if fields:
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
            counted.append((facet, approximate, counts))

        # The names of every counted key (topics, bodies, states) in one query.
        key_names = self.key_names(
            {facet.name: counts for facet, _, counts in counted if isinstance(counts, Counter)}
        )

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
            kept = [
                v for rank, v in enumerate(values) if shown is None or rank < shown or v["selected"]
            ]
            results.append(
                {
                    "name": facet.name,
                    "label": facet.label,
                    "approximate": approximate,
                    "values": kept,
                    "hidden": len(values) - len(kept),
                }
            )
        return results
