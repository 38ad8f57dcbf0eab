"""Where a search page's server time goes: waiting for PostgreSQL, parsing the rows it
sends, compiling ORM queries, building FilterSets and forms, rendering templates, and
the rest of the Python (views, facets, middleware), per kind of query.

    .venv/bin/python bench/breakdown.py --runs 20

It uses the benchmark database as bench/search.py leaves it (run that first: it loads
the corpus) and requests the same pages in-process. Each part's time is measured
with a clock around the functions that do it; a part called inside another (a query
run while a template renders) counts for itself only, so the parts add up to the
page's time. The clocks cost a little: the total is a few percent above
bench/search.py's.
"""

import argparse
import functools
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.common import configure  # noqa: E402

PARTS = [
    ("sql", "PostgreSQL: the statement sent and its answer awaited (psycopg execute)"),
    ("rows", "psycopg parsing the rows received (fetch)"),
    ("compile", "the ORM compiling querysets to SQL"),
    ("filters", "FilterSets and their forms: built, validated"),
    ("facets", "counting facet values and ranking candidates in Python"),
    ("instances", "model instances made from rows"),
    ("templates", "template rendering, our template tags included"),
    ("other", "everything else: views, querysets built, middleware, the test client"),
]


class Clock:
    """Time spent per part, each instant counted for the innermost part running."""

    def __init__(self):
        self.spent = defaultdict(float)
        self.stack = []
        self.current = "other"
        self.since = time.perf_counter()

    def enter(self, part):
        now = time.perf_counter()
        self.spent[self.current] += now - self.since
        self.stack.append(self.current)
        self.current, self.since = part, now

    def leave(self):
        now = time.perf_counter()
        self.spent[self.current] += now - self.since
        self.current, self.since = self.stack.pop(), now

    def reset(self):
        self.spent.clear()
        self.stack.clear()
        self.current, self.since = "other", time.perf_counter()


def clocked(clock, owner, name, part):
    original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    function = original.__func__ if isinstance(original, classmethod) else original

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        clock.enter(part)
        try:
            return function(*args, **kwargs)
        finally:
            clock.leave()

    setattr(owner, name, classmethod(wrapper) if isinstance(original, classmethod) else wrapper)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="requests per kind")
    parser.add_argument(
        "--url", action="append", help="break these pages down instead of the benchmark's kinds"
    )
    args = parser.parse_args()

    configure(None)
    import django

    django.setup()
    import django_filters.filterset
    import psycopg
    from django.db.models import Model
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.base import Template
    from django.test import Client

    from bench.search import kinds
    from core.listing import filtersets as filtering
    from peaceplatform.management.commands.generate_corpus import RARE_WORDS

    clock = Clock()
    for name in ("execute",):
        clocked(clock, psycopg.Cursor, name, "sql")
    for name in ("fetchone", "fetchmany", "fetchall"):
        clocked(clock, psycopg.Cursor, name, "rows")
    clocked(clock, SQLCompiler, "as_sql", "compile")
    clocked(clock, django_filters.filterset.BaseFilterSet, "__init__", "filters")
    clocked(clock, django_filters.filterset.BaseFilterSet, "is_valid", "filters")
    clocked(clock, filtering.FacetedFilterSetMixin, "facet_counts", "facets")
    clocked(clock, filtering, "best_first", "facets")
    clocked(clock, Model, "from_db", "instances")
    clocked(clock, Template, "render", "templates")

    client = Client()
    rare = [w for w in RARE_WORDS[::97]][:5]
    names = [name for name, _ in PARTS]
    print(f"Median ms per request over {args.runs} requests per kind; share of the page in ( ).")
    print(f"{'kind':<13} {'page':>7} " + " ".join(f"{name:>13}" for name in names))
    pages = {url: [url] for url in args.url} if args.url else kinds(rare)
    for kind, urls in pages.items():
        for url in urls:
            client.get(url)
        runs = []
        for run in range(args.runs):
            clock.reset()
            started = time.perf_counter()
            client.get(urls[run % len(urls)])
            clock.spent["other"] += time.perf_counter() - clock.since
            runs.append({"page": time.perf_counter() - started, **clock.spent})
        page = statistics.median(r["page"] for r in runs) * 1000
        cells = []
        for name in names:
            ms = statistics.median(r.get(name, 0.0) for r in runs) * 1000
            cells.append(f"{ms:5.1f} ({ms / page:3.0%})")
        print(f"{kind[:13]:<13} {page:6.1f}  " + " ".join(f"{cell:>13}" for cell in cells))
    print()
    for name, meaning in PARTS:
        print(f"{name:>9}: {meaning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
