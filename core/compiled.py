"""Queries whose SQL is compiled once and run with each request's values.

Building a queryset and compiling it costs Django the same whatever the query, and
the site search runs eleven (bench/breakdown.py measures the share). Some queries have
the same shape and differ only in a value, the visitor's words or a list of ids. A
`CompiledQuery` builds such a queryset once, through the usual QuerySet vocabulary,
with a marker in place of each value; compiles it once per database; and from then on
runs the SQL with the markers' parameters replaced.

Only values that reach SQL as whole parameters can be markers (the text of a search,
an id array). Compiling checks that each marker comes out as parameters of its own and
nowhere else, and refuses the query otherwise: a value the ORM transformed (lowercased,
wrapped in %) cannot be replaced safely."""

import uuid

from django.db import connections, router
from django.utils.translation import get_language


class CompiledQuery:
    """`build(*shape, **markers)` returns a queryset of `model`; `shape` is what
    changes its SQL (a LIMIT, say) and is part of the cache key, `markers` what is
    replaced per run."""

    def __init__(self, model, build, *names: str):
        self.model = model
        self.build = build
        self.names = names
        self._compiled = {}

    def raw(self, *shape, **values):
        """The rows, as model instances, for these values: a RawQuerySet, whose extra
        columns (annotations) become attributes and whose missing ones are deferred,
        like the queryset's."""
        database, sql, params = self._prepared(shape, values)
        return self.model._default_manager.raw(sql, params, using=database)

    def rows(self, *shape, **values) -> list[tuple]:
        """The rows as tuples, for a values_list() query or a union of them."""
        database, sql, params = self._prepared(shape, values)
        with connections[database].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _prepared(self, shape, values):
        if set(values) != set(self.names):
            raise TypeError(f"Give exactly these values: {', '.join(self.names)}.")
        database = router.db_for_read(self.model)
        # The page's language is part of the SQL: the search reads the words in it too
        # (core/search.websearch), with its configuration as a constant.
        key = (database, get_language(), shape)
        if key not in self._compiled:
            self._compiled[key] = self._compile(database, shape)
        sql, params, slots = self._compiled[key]
        params = list(params)
        for index, name in slots:
            params[index] = values[name]
        return database, sql, params

    def _marker(self, name: str) -> str:
        # Letters and digits only: it must come out of clean_query() unchanged.
        return f"compiledquerymarker{name}{uuid.uuid5(uuid.NAMESPACE_OID, name).hex}"

    def _compile(self, database, shape):
        markers = {self._marker(name): name for name in self.names}
        queryset = self.build(*shape, **{name: marker for marker, name in markers.items()})
        if queryset.model is not self.model:
            raise ValueError(f"The query reads {queryset.model.__name__}, not the model given.")
        sql, params = queryset.query.get_compiler(database).as_sql()
        slots = []
        for index, value in enumerate(params):
            if isinstance(value, str) and value in markers:
                slots.append((index, markers[value]))
            elif any(marker in str(value) for marker in markers):
                raise ValueError(f"A marker was transformed by the ORM: {value!r}.")
        if {name for _, name in slots} != set(self.names):
            raise ValueError("A marker did not reach the SQL as a parameter of its own.")
        return sql, tuple(params), slots
