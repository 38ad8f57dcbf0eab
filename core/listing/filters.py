"""The filters a list's FilterSet is built from: OR within a filter as a subquery or
an overlap of facet keys, years as date ranges, lists of short texts, times in UTC."""

import copy
from datetime import UTC, date, datetime

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import QueryArrayWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core import search


def selects_anything(value) -> bool:
    """Whether a filter's cleaned value selects anything. An empty model selection
    arrives as an empty QuerySet (`.none()`), and asking it whether it holds rows
    compiles it, for every filter of every list page."""
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
        """Rows linked to any of the values; with `exclude` (a `__not` variant), to
        none of them; with `conjoined` (an `__all` variant), to every one."""
        if not selects_anything(value):
            return qs
        chosen = list(value)
        if self.conjoined:
            if self.key is not None:  # the keys all on the row: one array containment
                return qs.filter(**{f"{self.keys_field}__contains": self.keys_of(chosen)})
            for one in chosen:
                qs = qs.filter(self.condition([one]))
            return qs
        condition = self.condition(chosen)
        return qs.exclude(condition) if self.exclude else qs.filter(condition)

    def keys_of(self, chosen) -> list[str]:
        return [f"{self.key}:{getattr(v, 'pk', v)}" for v in chosen]

    def condition(self, chosen) -> Q:
        """Rows linked to any of the values `chosen`."""
        if self.key is not None:
            return Q(**{f"{self.keys_field}__overlap": self.keys_of(chosen)})
        path, to_field = self.field_name, getattr(self.field, "to_field_name", None)
        if to_field and path.endswith(f"__{to_field}"):
            # The rows chosen are known: match their ids, which the planner weighs
            # from its statistics. Matched by slug, behind a join, one person's single
            # event was estimated at 9,470 of 10,000, and the list called it broad.
            path, values = path.removesuffix(f"__{to_field}"), [v.pk for v in chosen]
        else:
            values = [getattr(v, to_field) if to_field else v for v in chosen]
        return Q(pk__in=matching_ids(self.model, path, values))


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


class ItemsFilter(django_filters.ModelMultipleChoiceFilter):
    """Items of the list itself by id (`id=12&id=14`), checked against `queryset`: an
    id outside it (a draft's) is refused as one that does not exist. The schema reads
    the type from the model's `id`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "id")
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v):
        return {self.field_name: v.pk}


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
    that walk is long, so the span
    from the earliest year to the latest bounds the ranges besides, and the walk starts
    at its last day. Not otherwise: PostgreSQL takes the span and the ranges for
    independent and counts the rows lower than they are, which sends a list down its
    exact path over every match. (Figures in BENCHMARKS.md, "Lists in other orders".)"""

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
        if self.exclude:  # a `__not` variant: the rows dated in none of those years
            return qs.exclude(condition)
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


# A year as the API describes it (core/api/schema.py): a whole number in YEARS.
YEAR_SCHEMA = {
    "type": "integer",
    "minimum": int(YEARS.pairs[0][0]),
    "maximum": int(YEARS.pairs[-1][0]),
}


@extend_schema_field(YEAR_SCHEMA)
class YearBoundFilter(django_filters.NumberFilter):
    """`year__gte=2010` / `year__lte=2015`: rows dated in that year or after it (or
    before it), as one range of dates, which the date's index answers."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_SCHEMA["minimum"])
        kwargs.setdefault("max_value", YEAR_SCHEMA["maximum"])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.lookup_expr == "gte":
            return qs.filter(**{f"{self.field_name}__gte": date(value, 1, 1)})
        return qs.filter(**{f"{self.field_name}__lte": date(value, 12, 31)})


# The variants a list's filters gain (FacetedFilterSetMixin.get_filters), by suffix:
# `topic__not=a&topic__not=b` keeps the rows linked to neither; `topic__all=a&
# topic__all=b`, the rows linked to both (where a row can link to several);
# `year__gte=2010&year__lte=2015`, the rows dated from 2010 to 2015.
NONE_OF, EVERY, FROM_YEAR, TO_YEAR = "__not", "__all", "__gte", "__lte"


def variants_of(filter_, model) -> dict:
    """The variants of one filter, by suffix. A filter with a method of its own (the
    search, a current status) has none: it says itself what its values mean."""
    if (
        filter_.method is not None
        or not isinstance(filter_, django_filters.MultipleChoiceFilter)
        or not getattr(filter_, "has_variants", True)
    ):
        return {}
    label = filter_.label or filter_.field_name
    found = {NONE_OF: _variant(filter_, f"{label}: none of these", exclude=True)}
    if isinstance(filter_, SubqueryFilterMixin) and links_many(model, filter_.field_name):
        found[EVERY] = _variant(filter_, f"{label}: every one of these", conjoined=True)
    if isinstance(filter_, YearsFilter):
        field = filter_.field_name
        found[FROM_YEAR] = YearBoundFilter(
            field_name=field, lookup_expr="gte", label=f"{label}: from"
        )
        found[TO_YEAR] = YearBoundFilter(field_name=field, lookup_expr="lte", label=f"{label}: to")
    return found


def _variant(filter_, label, **changes):
    variant = copy.deepcopy(filter_)
    variant.label = label
    for name, value in changes.items():
        setattr(variant, name, value)
    return variant


def links_many(model, path: str) -> bool:
    """Whether a row of `model` can link to several values at `path`
    (`topics__slug`, `participations__member_state__iso3`): whether a many-valued
    relation lies on the way."""
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


MAX_TEXT_VALUE = 200


class TextListField(forms.Field):
    """Several short texts from a repeated parameter (`symbol=A/70/95&symbol=S/2015/446`)."""

    widget = QueryArrayWidget

    def to_python(self, value):
        values = [v for v in (value or []) if isinstance(v, str)]
        for v in values:
            if "\x00" in v:
                raise forms.ValidationError(gettext("A value contains a NUL character; remove it."))
            if len(v) > MAX_TEXT_VALUE:
                raise forms.ValidationError(
                    gettext("A value is longer than {most} characters.").format(most=MAX_TEXT_VALUE)
                )
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
        kwargs.setdefault("label", _("Changed at or after (ISO 8601 date-time)"))
        super().__init__(**kwargs)
