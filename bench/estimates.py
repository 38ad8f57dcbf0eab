"""Facet estimate benchmark: how far a list page's approximate facet counts ("about
12,000") are from the true counts, per facet and per way of estimating them.

    .venv/bin/python bench/estimates.py                   # over the 100,000-report corpus
    .venv/bin/python bench/estimates.py --reports 1000000

Over a broad base a facet does not count every row (core/search.py): an untouched
facet scales up the counts of the newest matches; a ticked one counts an even sample
of sample buckets (`FacetedFilterSetMixin.key_sample`); the year facet spreads the
older rows over the years (`YearFacet`). Each page below is filtered as the list view
filters it, and every count it shows is set beside the true count of that facet's
base, counted through the link tables (the facets' exact path), which reads every row
of the base: seconds a page at a million reports. The error of a value is
|shown - true| / true; per facet, the mean and the worst over the values shown.

Speed and precision trade against each other here (a sample half as large is read in
about half the time); this is what says what a change to either costs the visitor.
"""

import argparse
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# Pages whose facets are estimated at 100,000 reports and more: untouched facets over
# broad bases (newest rows), and ticked ones (samples).
PAGES = [
    "/reports/?q=peace",
    "/reports/?topic=protection-of-civilians",
    "/reports/?q=peace&member_state=FIN",
    "/reports/?q=security&topic=accountability",
    "/reports/?q=peace&topic=accountability&member_state=FIN",
]


@dataclass
class FacetError:
    facet: str
    how: str  # "exact", "sample" or "newest rows"
    compared: int  # values shown with a true count above nothing
    mean: float  # mean |shown - true| / true over them
    worst: float
    phantoms: int  # values shown that no row of the base holds


def facet_errors(filterset) -> list[FacetError]:
    """Per facet of a valid FilterSet's results: how far the counts it shows are from
    the true counts of its base (every active filter but its own)."""
    from core import search
    from core.listing.facets import compiled_ids
    from core.listing.filters import selects_anything

    shown = filterset.results().facets
    facets = {facet.name: facet for facet in filterset.facets}
    errors = []
    for result in shown:
        facet = facets[result["name"]]
        active = selects_anything(filterset.form.cleaned_data.get(facet.name))
        base = filterset.queryset_without(facet.name) if active else filterset.qs
        if not result["approximate"]:
            how = "exact"
        elif active and filterset.key_sample(facet, search.estimated_count(base)) is not None:
            how = "sample"
        else:
            how = "newest rows"
        ids = compiled_ids(base)
        true = {value: n for value, _label, n in facet.counts(ids)} if ids is not None else {}
        ratios, phantoms = [], 0
        for value in result["values"]:
            if true.get(value["value"]):
                ratios.append(abs(value["count"] - true[value["value"]]) / true[value["value"]])
            elif value["count"]:
                phantoms += 1
        errors.append(
            FacetError(
                facet=facet.name,
                how=how,
                compared=len(ratios),
                mean=statistics.mean(ratios) if ratios else 0.0,
                worst=max(ratios, default=0.0),
                phantoms=phantoms,
            )
        )
    return errors


def page_filterset(path: str):
    """The list view's FilterSet for a /reports/ address, validated."""
    from django.test import RequestFactory

    from reports.filters import ReportFilter
    from reports.views import report_list_queryset

    request = RequestFactory().get(path)
    filterset = ReportFilter(request.GET, queryset=report_list_queryset(), request=request)
    if not filterset.is_valid():
        raise SystemExit(f"{path}: {filterset.errors.as_text()}")
    return filterset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100_000, help="corpus size")
    args = parser.parse_args()

    from bench.common import configure, ensure_corpus

    configure(os.environ.get("BENCH_DATABASE_URL"), args.reports)
    import django

    django.setup()
    from django.utils import translation

    from reports.models import Report

    ensure_corpus(args.reports)
    translation.activate("en")
    print(f"Facet estimate benchmark: {Report.objects.count():,} reports")
    print(f"{'page':<58} {'facet':<13} {'how':<12} {'values':>6} {'mean':>6} {'worst':>6}")
    by_how: dict[str, list[float]] = {}
    for path in PAGES:
        for error in facet_errors(page_filterset(path)):
            by_how.setdefault(error.how, []).append(error.mean)
            phantoms = f"  {error.phantoms} shown that none holds" if error.phantoms else ""
            print(
                f"{path.removeprefix('/reports/'):<58} {error.facet:<13} {error.how:<12} "
                f"{error.compared:>6} {error.mean:6.1%} {error.worst:6.1%}{phantoms}"
            )
    print()
    for how, means in sorted(by_how.items()):
        print(f"{how:<12} mean error {statistics.mean(means):6.1%} over {len(means)} facets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
