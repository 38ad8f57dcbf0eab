"""Event.facet_keys: an event's topics and the member states and organizations taking
part, kept on its row by database triggers (core/copies.py), and the event
list's filters and facets built from them equal what the link tables say."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from core import search
from events.filters import EventFilter
from events.models import Event, Participation
from tests.facet_reference import counted_with_queries, keys, load_sample_corpus
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db


def test_the_keys_follow_every_change_of_a_link_whoever_makes_it():
    event, topic, body = EventFactory(), TopicFactory(), OrganizationFactory()
    finland, ghana = member_state("FIN"), member_state("GHA")
    assert keys(event) == []
    event.topics.add(topic)
    taking_part = ParticipationFactory(event=event, member_state=finland)
    ParticipationFactory(event=event, organization=body)
    ParticipationFactory(event=event, member_state=finland)  # a second delegate: one key
    assert keys(event) == sorted(
        [f"topic:{topic.pk}", f"member_state:{finland.pk}", f"organization:{body.pk}"]
    )

    # The delegate now represents another state; then moves to another event.
    Participation.objects.filter(member_state=finland).update(member_state=ghana)
    assert f"member_state:{ghana.pk}" in keys(event)
    assert f"member_state:{finland.pk}" not in keys(event)
    other = EventFactory()
    taking_part.refresh_from_db()
    taking_part.event = other
    taking_part.save()
    assert keys(other) == [f"member_state:{ghana.pk}"]
    assert f"member_state:{ghana.pk}" in keys(event)  # the other delegate is still there

    event.topics.remove(topic)
    with connection.cursor() as cursor:  # raw SQL, as an import script might write
        cursor.execute("DELETE FROM events_participation WHERE event_id = %s", [event.pk])
    assert keys(event) == []


def test_an_event_saved_from_an_instance_loaded_before_its_links_changed_keeps_its_keys():
    event = EventFactory()
    loaded_earlier = Event.objects.get(pk=event.pk)
    topic = TopicFactory()
    event.topics.add(topic)
    loaded_earlier.title = "Renamed"
    loaded_earlier.save()  # writes back the (empty) keys it read
    assert keys(event) == [f"topic:{topic.pk}"]
    Event.objects.filter(pk=event.pk).update(facet_keys=["topic:999999"])  # or says anything
    assert keys(event) == [f"topic:{topic.pk}"]


def test_keeping_the_keys_records_no_version_of_the_event():
    event = EventFactory()
    versions_before = event.history.count()
    event.topics.add(TopicFactory())
    ParticipationFactory(event=event, member_state=member_state("FIN"))
    assert event.history.count() == versions_before


CountedWithQueries = counted_with_queries(EventFilter)


@pytest.fixture
def corpus(demo):
    load_sample_corpus(300)


def test_the_corpus_loads_the_keys_the_triggers_would_write(corpus):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM events_event WHERE facet_keys <> events_facet_keys_of(id)"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM events_event WHERE facet_keys <> '{}'")
        assert cursor.fetchone()[0] > 20


def busiest(path: str) -> str:
    """The value of a link that most published events have."""
    values = [v for v in Event.objects.published().values_list(path, flat=True) if v]
    return max(sorted(set(values)), key=values.count)


@pytest.mark.parametrize("broad", [False, True], ids=["exact", "broad"])
@pytest.mark.parametrize(
    "case", ["", "q=dialogue", "topic", "member_state", "organization", "year-kind", "q-state"]
)
def test_counts_and_pages_from_the_keys_equal_those_from_the_link_tables(
    corpus, monkeypatch, broad, case
):
    if broad:  # the corpus is small: make every query a broad one
        monkeypatch.setattr(search, "EXACT_LIMIT", 5)
        monkeypatch.setattr(search, "CANDIDATES", 10)
    query = {
        "": lambda: "",
        "q=dialogue": lambda: "q=dialogue",
        "topic": lambda: f"topic={busiest('topics__slug')}",
        "member_state": lambda: f"member_state={busiest('participations__member_state__iso3')}",
        "organization": lambda: f"organization={busiest('participations__organization__slug')}",
        "year-kind": lambda: "year=2015&kind=panel",
        "q-state": lambda: (
            f"q=dialogue&member_state={busiest('participations__member_state__iso3')}"
        ),
    }[case]()
    data = QueryDict(query)
    keyed = EventFilter(data, queryset=Event.objects.published())
    reference = CountedWithQueries(data, queryset=Event.objects.published())
    assert keyed.is_valid(), keyed.errors
    assert reference.is_valid()
    keyed_results, reference_results = keyed.results(), reference.results()

    assert keyed_results.facets == reference_results.facets
    assert any(facet["values"] for facet in keyed_results.facets)
    assert keyed_results.approximate == reference_results.approximate
    if not broad:
        assert keyed_results.total == reference_results.queryset.count()
    # The same events: the list orders its page itself (by rank, then date, in SQL).
    assert set(keyed_results.queryset.values_list("pk", flat=True)) == set(
        reference_results.queryset.values_list("pk", flat=True)
    )
    if keyed_results.ranked_ids is not None:
        assert set(keyed_results.ranked_ids) == set(
            reference_results.queryset.values_list("pk", flat=True)
        )


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("topic", "topics__slug"),
        ("member_state", "participations__member_state__iso3"),
        ("organization", "participations__organization__slug"),
    ],
)
def test_filters_on_the_keys_find_what_the_link_tables_link(corpus, name, path):
    published = Event.objects.published()
    values = {v for v in published.values_list(path, flat=True) if v}
    assert values
    for value in sorted(values)[:12]:
        filterset = EventFilter(QueryDict(f"{name}={value}"), queryset=published)
        assert filterset.is_valid(), filterset.errors
        expected = set(published.filter(**{path: value}).values_list("pk", flat=True))
        assert set(filterset.qs.values_list("pk", flat=True)) == expected, (name, value)
        assert expected


def test_an_event_list_counts_its_facets_in_a_constant_number_of_queries(
    anonymous, django_assert_max_num_queries, no_page_cache
):
    for n in range(30):
        event = EventFactory(starts_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=n))
        event.topics.add(TopicFactory())
        ParticipationFactory(event=event, member_state=member_state("FIN"))
    # The candidates, the names of the keys counted, the page's rows (past and
    # upcoming), and the estimate: no query per facet.
    with django_assert_max_num_queries(5):
        response = anonymous.get("/events/")
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    assert facets["member_state"]["values"][0]["count"] == 30


def test_a_broad_words_newest_events_are_found_through_a_date_edge(monkeypatch):
    """The site search's "Gao" among a million reports' events (7,000 of 100,000):
    reading every match to keep the newest 1,000 cost 12 of a 49 ms page; a date edge
    ANDed with the text index reads about 1,500 (BENCHMARKS.md)."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    for n in range(200):
        EventFactory(
            title=f"Meeting {n}" + (" in Gao" if n % 5 == 0 else ""),
            starts_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event")
    filterset = EventFilter(QueryDict("q=gao"), queryset=Event.objects.published())
    assert filterset.is_valid()
    newest = list(
        filterset.qs.order_by(*filterset.recency).values_list("pk", flat=True)[: search.CANDIDATES]
    )
    assert len(newest) == search.CANDIDATES
    assert search.newest_path(40, 200) == "edge"

    def candidates(estimate):
        with CaptureQueriesContext(connection) as captured:
            rows = filterset.newest_rows(filterset.qs, estimate, ["pk", "rank"])
        edged = [q for q in captured.captured_queries if '"starts_on" >=' in q["sql"]]
        return list(rows.column("pk")), len(edged)

    # Right (40 of 200): the edge is used and is enough; the rows are the newest.
    assert candidates(40) == (newest, 1)
    # Far too high: too few rows pass the edge, and the query runs again without it.
    ids, edged = candidates(70)
    assert (ids, edged) == (newest, 1)
    # A phrase's estimate cannot be trusted to place the edge.
    phrase = EventFilter(QueryDict('q="in gao"'), queryset=Event.objects.published())
    assert phrase.is_valid()
    assert phrase.recency_edge(50) is None
