"""What a visitor can follow: a list of the site, with the FilterSet its page uses,
so that a saved search is the list's own query string, validated as the list
validates it, and matched by the same code."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from core.listing.filters import selects_anything
from core.listing.filtersets import form_errors
from core.translations import LANGUAGE_CODES, column
from events.filters import EventFilter
from events.models import Event
from reports.filters import RecommendationFilter, ReportFilter
from reports.models import Recommendation, Report

# An item's title in each language: a mail reads the one of its subscription's.
TITLES = tuple(column("title", language) for language in LANGUAGE_CODES)


@dataclass(frozen=True)
class FollowedList:
    name: str
    label: str
    url_name: str
    item_type: str  # as the changes feed names it
    model: type
    filterset_class: type
    # What a mail shows of an item (its name and address), and no more: a report's
    # body and search columns are most of its row.
    shown_fields: tuple = ("pk", "title", *TITLES, "slug")
    shown_related: tuple = ()

    def queryset(self):
        return self.model.objects.published()

    def url(self, query: str = "") -> str:
        return reverse(self.url_name) + (f"?{query}" if query else "")


LISTS = {
    followed.name: followed
    for followed in (
        FollowedList("reports", "Reports", "reports:list", "report", Report, ReportFilter),
        FollowedList("events", "Events", "events:list", "event", Event, EventFilter),
        FollowedList(
            "recommendations", "Recommendations", "tracker:list", "recommendation",
            Recommendation, RecommendationFilter,
            shown_fields=("pk", "label", "slug", "title", *TITLES, "report__title", "report__slug"),
            shown_related=("report",),
        ),
    )
}  # fmt: skip

# A page's own parameters, not part of what is followed.
NOT_FOLLOWED = {"list", "page", "sort", "show", "email", "rhythm", "csrfmiddlewaretoken"}


# Subscription.query's length.
MAX_QUERY = 2000


class NotFollowable(ValueError):
    pass


def saved_search(followed: FollowedList, data) -> tuple[str, object]:
    """(the canonical query string, the valid FilterSet) of what `data` asks of the
    list; NotFollowable with the reason when the list would refuse it."""
    pairs = sorted(
        (name, value)
        for name in data
        if name not in NOT_FOLLOWED
        for value in data.getlist(name)
        if value.strip()
    )
    query = urlencode(pairs)
    if len(query) > MAX_QUERY:
        raise NotFollowable(
            f"This search is too long to follow ({len(query):,} characters in the address; "
            f"at most {MAX_QUERY:,}): use fewer words or filters."
        )
    filterset = followed.filterset_class(QueryDict(query), queryset=followed.queryset())
    if not filterset.is_valid():
        raise NotFollowable(f"Some filters could not be used. {form_errors(filterset)}")
    return query, filterset


def describe(followed: FollowedList, filterset) -> str:
    """ "Reports matching “peace” · Topic: Protection of civilians", for people."""
    parts = [followed.label]
    data = filterset.form.cleaned_data
    if data.get("q"):
        parts[0] += f" matching “{data['q']}”"
    for name, value in data.items():
        if name == "q" or not selects_anything(value):
            continue
        field = filterset.filters[name].field
        labels = dict(getattr(field, "choices", ()) or ())
        values = value if isinstance(value, list | tuple) or hasattr(value, "model") else [value]
        shown = ", ".join(str(labels.get(str(v), v)) for v in values)
        parts.append(f"{filterset.filters[name].label}: {shown}")
    # One line: it becomes a mail's subject, where a line break would be refused.
    return " ".join(" · ".join(parts).split())[:500]
