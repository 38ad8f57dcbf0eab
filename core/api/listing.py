"""The API's query language for lists, shared by every endpoint: strict parameters,
limit/offset and cursor paging, orderings, sparse fieldsets and facets.

Cursor paging is keyset paging: a cursor holds the sort key of the last row served,
and the next page starts strictly after it, `(published_on, id) < (…, …)`, which
PostgreSQL answers from the same index whether it is page 2 or page 10,000. OFFSET
would read and throw away every row before the page instead, so offsets are capped.
"""

from dataclasses import dataclass, field

from django.core import signing
from django.db.models import BooleanField, Expression, F, Q

from core.api.errors import ParameterError

DEFAULT_LIMIT = 20
MAX_LIMIT = 1000
# Deeper than this, OFFSET reads too many rows to throw away; cursors go any depth.
MAX_OFFSET = 10_000
CURSOR_START = "*"
CURSOR_SALT = "api-v1-cursor"
PAGING_PARAMETERS = ("limit", "offset", "cursor")
SHAPING_PARAMETERS = (
    "ordering", "fields", "exclude", "facets", "facet_limit", "facet_sort", "format", "lang"
)  # fmt: skip
# How facet values are listed: by count, largest first (then by label), or by label.
FACET_SORTS = ("count", "label")
MAX_FACET_LIMIT = 1000
RELEVANCE = "relevance"


@dataclass(frozen=True)
class Key:
    """One column of a sort key. A nullable column sorts its NULLs last."""

    field: str
    descending: bool = False
    nullable: bool = False

    def order_by(self):
        expression = F(self.field)
        if self.descending:
            return expression.desc(nulls_last=True) if self.nullable else expression.desc()
        return expression.asc(nulls_last=True) if self.nullable else expression.asc()


@dataclass(frozen=True)
class Ordering:
    """A named order, its columns ending with the primary key so that it is total
    (keyset paging needs every row to have its own place)."""

    name: str
    keys: tuple[Key, ...]
    description: str = ""

    def order_by(self):
        return [key.order_by() for key in self.keys]

    @classmethod
    def combined(cls, orderings: list["Ordering"]) -> "Ordering":
        """`ordering=-published,title`: the first ordering, its ties in the second, and
        so on. Each one's own tie-breaker (its last key, the primary key) gives way to
        the next, and only the last one's stays; a column already sorted by adds
        nothing (among rows equal on it, it is equal again)."""
        keys, seen = [], set()
        for ordering in orderings:
            for key in ordering.keys[:-1]:
                if key.field not in seen:
                    keys.append(key)
                    seen.add(key.field)
        tie_breaker = orderings[-1].keys[-1]
        if tie_breaker.field not in seen:
            keys.append(tie_breaker)
        return cls(",".join(ordering.name for ordering in orderings), tuple(keys))

    @property
    def one_way(self) -> bool:
        """Whether a row comparison `(a, b) > (x, y)` pages it: every key the same
        direction, and NULLs only in the first (keyset_page takes those apart)."""
        return len({key.descending for key in self.keys}) == 1 and not any(
            key.nullable for key in self.keys[1:]
        )

    def values_of(self, row) -> list:
        return [_attr(row, key.field) for key in self.keys]


def _attr(row, path):
    value = row
    for part in path.split("__"):
        value = getattr(value, part)
    return value


class RowAfter(Expression):
    """`(a, b) > (%s, %s)` (or `<`): a row comparison PostgreSQL can answer from a
    B-tree index on (a, b) by starting the scan at the given position."""

    output_field = BooleanField()

    def __init__(self, fields, values, descending):
        super().__init__()
        self.fields = [F(name) for name in fields]
        self.values = list(values)
        self.descending = descending

    def get_source_expressions(self):
        return self.fields

    def set_source_expressions(self, expressions):
        self.fields = expressions

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        clone = self.copy()
        clone.fields = [
            name.resolve_expression(query, allow_joins, reuse, summarize, for_save)
            for name in self.fields
        ]
        return clone

    def as_sql(self, compiler, connection):
        columns, params = [], []
        for expression in self.fields:
            sql, column_params = compiler.compile(expression)
            columns.append(sql)
            params.extend(column_params)
        operator = "<" if self.descending else ">"
        placeholders = ", ".join(["%s"] * len(self.values))
        return f"(({', '.join(columns)}) {operator} ({placeholders}))", [*params, *self.values]


def keyset_page(queryset, ordering: Ordering, after: list | None, size: int) -> list:
    """Up to `size` rows of `queryset` (already ordered by `ordering`) after the row
    whose sort key is `after`. All keys of one ordering sort the same direction."""
    if after is None:
        return list(queryset[:size])
    if not ordering.one_way:
        return list(queryset.filter(after_condition(ordering.keys, after))[:size])
    first, descending = ordering.keys[0], ordering.keys[0].descending
    names = [key.field for key in ordering.keys]
    if first.nullable and after[0] is None:
        # Already in the NULLs at the end: order by the remaining columns among them.
        tail = queryset.filter(**{f"{first.field}__isnull": True})
        return list(tail.filter(RowAfter(names[1:], after[1:], descending))[:size])
    rows = list(queryset.filter(RowAfter(names, after, descending))[:size])
    if first.nullable and len(rows) < size:
        # A row comparison with NULL is never true, so the NULLs (sorted last) follow
        # in a second query rather than an OR that would stop the index being used.
        rows += list(queryset.filter(**{f"{first.field}__isnull": True})[: size - len(rows)])
    return rows


def after_condition(keys, values) -> Q:
    """The rows strictly after the row whose sort key is `values`, in an order of any
    directions with NULLs last: (k1 past v1) OR (k1 = v1 AND k2 past v2) OR …, for
    orders no single row comparison follows (`ordering=-published,title`)."""
    alternatives, ties = [], Q()
    for key, value in zip(keys, values, strict=True):
        if value is None:
            # Nothing sorts past a NULL in its column (NULLs come last); rows after it
            # are the NULLs that follow on a later key.
            same = Q(**{f"{key.field}__isnull": True})
        else:
            past = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": value})
            if key.nullable:
                past |= Q(**{f"{key.field}__isnull": True})
            alternatives.append(ties & past)
            same = Q(**{key.field: value})
        ties &= same
    condition = Q(pk__in=[])  # nothing, when no key has a row past it
    for alternative in alternatives:
        condition |= alternative
    return condition


def encode_cursor(ordering: Ordering, values: list) -> str:
    payload = {"o": ordering.name, "k": [_json_value(v) for v in values]}
    return signing.dumps(payload, salt=CURSOR_SALT, compress=True)


def _json_value(value):
    if value is None or isinstance(value, (int, str)):
        return value
    return value.isoformat()  # dates and datetimes


def decode_cursor(raw: str, ordering: Ordering, model) -> list:
    """The sort key a cursor carries, checked: a cursor is signed, so one we did not
    issue (or one for another ordering) is refused rather than guessed at."""
    try:
        payload = signing.loads(raw, salt=CURSOR_SALT)
    except signing.BadSignature:
        raise ParameterError(
            {"cursor": "cursor is not one this API issued; start again with cursor=*."}
        ) from None
    if payload.get("o") != ordering.name or len(payload.get("k", [])) != len(ordering.keys):
        raise ParameterError(
            {
                "cursor": f"this cursor belongs to another ordering than {ordering.name!r}; "
                "keep the ordering the cursor was issued for, or start again with cursor=*."
            }
        )
    values = []
    for key, value in zip(ordering.keys, payload["k"], strict=True):
        model_field = model._meta.pk if key.field == "pk" else model._meta.get_field(key.field)
        values.append(None if value is None else model_field.to_python(value))
    return values


@dataclass
class ListParams:
    """A list request's paging and shaping, validated."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0
    cursor: str | None = None  # None: offset paging; "*": the first cursor page
    ordering: Ordering | None = None
    fields: list[str] | None = None
    exclude: list[str] = field(default_factory=list)
    facets: list[str] = field(default_factory=list)
    facet_limit: int | None = None  # None: every value
    facet_sort: str = "count"
    format: str = "json"
    filters: dict = field(default_factory=dict)


def single(request, name, problems):
    values = request.GET.getlist(name)
    if len(values) > 1:
        problems[name] = f"give {name} once; it was given {len(values)} times."
        return None
    return values[0] if values else None


def whole_number(raw, name, minimum, maximum, problems, hint=""):
    text = raw.strip()
    if not (text.isascii() and text.isdigit()):
        problems[name] = (
            f"{name} must be a whole number between {minimum} and {maximum}, "
            f"not {raw[:30]!r}.{hint}"
        )
        return None
    # Very long digit strings are out of range whatever they say; no need to parse them.
    number = int(text) if len(text) <= 12 else maximum + 1
    if not minimum <= number <= maximum:
        problems[name] = f"{name} must be between {minimum} and {maximum}.{hint}"
        return None
    return number


def name_list(raw, name, known, problems, what="name"):
    names = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [part for part in names if part not in known]
    if not names:
        problems[name] = f"{name} needs at least one {what}, e.g. {name}={sorted(known)[0]}."
        return None
    if unknown:
        problems[name] = (
            f"{name}: unknown {what} {', '.join(repr(u[:40]) for u in unknown[:5])}; "
            f"choose from {', '.join(sorted(known))}."
        )
        return None
    return names
