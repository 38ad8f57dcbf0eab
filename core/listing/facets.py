"""Facets: counts of matching rows per value of one filter, from a query of their own
or from rows fetched once for every facet."""

from collections import Counter
from operator import itemgetter

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db.models import CharField, Count, Func, Min, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from core import search
from core.translations import InLanguage


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

    # A ticked facet's counts over a broad base may come from an even sample of it
    # instead (FacetedFilterSetMixin.key_sample): each count among the sampled rows,
    # over the share of the table they were drawn from.

    def estimated_from_sample(self, counter: Counter, share: float) -> Counter:
        """`count_rows` for the whole base, estimated from a sample of `share`."""
        return Counter({value: n / share for value, n in counter.items()})

    def sampled_counts(self, ids, share: float) -> list[tuple[str, str, float]]:
        """`counts` for the whole base, estimated from the ids of a sample of `share`."""
        return [(value, label, n / share) for value, label, n in self.counts(ids)]

    def table_shares(self, model) -> dict:
        """The share of `model`'s rows holding each of this facet's raw values, for its
        estimates to be drawn toward (search.drawn_to_shares); {} when unknown."""
        return {}


class FetchedRows:
    """Rows fetched once (tuples of `fields`), with the counts of each field's values
    worked out once for every facet that reads that field.

    An array of facet keys arrives as one string, its keys joined by spaces (a key
    holds none: "topic:12", "language:en"): psycopg builds a Python list for each
    array, item by item, which is slower than one string per row (`items_of` splits
    them)."""

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
    facet's query would resolve, relabel and compile it again (the tracker's base
    carries subqueries of its own)."""
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
    relevance ordering does in SQL (tests/reports/test_facet_keys.py compares the two)."""
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
        rows = self.rows(ids).exclude(**{f"{self.value_path}__isnull": True})
        if self.label_path:
            # The label in the page's language (a topic's French name), else English.
            rows = rows.annotate(facet_label=InLanguage(self.label_path))
        paths = [self.value_path] + (["facet_label"] if self.label_path else [])
        rows = (
            rows.values(*paths)
            .annotate(n=Count(self.id_path, distinct=True))
            .order_by("-n", self.value_path)
        )
        result = []
        for row in rows:
            value = row[self.value_path]
            label = row["facet_label"] if self.label_path else self.choices.get(value, value)
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
        choices=None,
    ):
        super().__init__(
            name, label, through, value_path, label_path, choices=choices, condition=condition
        )
        self.id_path = id_path
        self.related = related
        self.names_keys = related is not None
        self.prefix = None  # unkeyed: counted on the link table only
        if key is not None:
            self.prefix = f"{key}:"
            self.keys_field = keys_field
            self.row_fields = (keys_field,)

    def count_rows(self, rows):
        prefix, size = self.prefix, len(self.prefix)
        items = rows.items_of(self.keys_field)
        return Counter({key[size:]: n for key, n in items.items() if key.startswith(prefix)})

    def table_shares(self, model) -> dict:
        if self.prefix is None:
            return {}
        prefix, size = self.prefix, len(self.prefix)
        shares = search.key_shares(model, self.keys_field)
        return {key[size:]: share for key, share in shares.items() if key.startswith(prefix)}

    # A keyed facet's estimates from ids (the link tables' path, which the keys
    # replace: tests/facet_reference.py) count per key too, as count_rows does, so
    # that both are labelled, and drawn toward the table's shares, alike.

    def key_counts(self, ids) -> Counter:
        """Rows per raw key (what follows the prefix) among the rows with these ids,
        counted on the link table."""
        column = self.value_path.partition("__")[0] if self.related is not None else self.value_path
        rows = (
            self.rows(ids)
            .exclude(**{f"{column}__isnull": True})
            .values(column)
            .annotate(n=Count(self.id_path, distinct=True))
            .order_by()
            .values_list(column, "n")
        )
        return Counter({str(key): n for key, n in rows})

    def estimated_from_ids(self, ids, base_estimate):
        if self.prefix is None:
            return super().estimated_from_ids(ids, base_estimate)
        scale = base_estimate / search.CANDIDATES
        return Counter({key: n * scale for key, n in self.key_counts(ids).items()})

    def sampled_counts(self, ids, share):
        if self.prefix is None:
            return super().sampled_counts(ids, share)
        return Counter({key: n / share for key, n in self.key_counts(ids).items()})

    def names_query(self, ids):
        """(facet name, key, value, label) of the public rows whose keys are among
        `ids` (an SQL array expression, see search.id_array)."""
        if self.related is None:
            return None
        return (
            self.related.filter(pk__in=ids)
            .annotate(
                facet=Value(self.name, output_field=CharField()),
                # In the page's language (compiled per language: core/compiled.py).
                facet_label=InLanguage(self.label_path.partition("__")[2]),
            )
            .order_by()
            .values_list("facet", "pk", self.value_path.partition("__")[2], "facet_label")
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
