"""Report.facet_keys: the links a report has, kept on its row by database triggers, and
the facet counts and relevance pages built from them equal what the link tables say."""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.db.models import F, Q
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import search
from core.publishing.status import Status
from directory.models import MemberState, Topic
from reports.filters import ReportFilter
from reports.models import Report
from tests.facet_reference import (
    counted_with_queries,
    keys,
    load_sample_corpus,
    peace_reports_in_finland,
)
from tests.factories import (
    DocumentSymbolFactory,
    OrganizationFactory,
    ReportDocumentFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db


def test_the_keys_follow_every_change_of_a_link_whoever_makes_it():
    report = ReportFactory()
    topic, body, state = TopicFactory(), OrganizationFactory(), member_state("FIN")
    assert keys(report) == []
    report.topics.add(topic)
    report.authors.add(body)
    report.member_states.add(state)
    document = ReportDocumentFactory(report=report, language="fr")
    # With the keys, the report's sample bucket (search.SAMPLE_BUCKETS).
    sample = f"sample:{report.pk % search.SAMPLE_BUCKETS}"
    assert keys(report) == sorted(
        [
            f"topic:{topic.pk}",
            f"organization:{body.pk}",
            f"member_state:{state.pk}",
            "language:fr",
            sample,
        ]
    )
    document.language = "es"
    document.save()
    report.topics.remove(topic)
    with connection.cursor() as cursor:  # raw SQL, as an import script might write
        cursor.execute("DELETE FROM reports_report_authors WHERE report_id = %s", [report.pk])
    assert keys(report) == sorted([f"member_state:{state.pk}", "language:es", sample])

    # A document moved to another report leaves the first and joins the second.
    other = ReportFactory()
    document.report = other
    document.save()
    assert keys(report) == sorted([f"member_state:{state.pk}", sample])
    assert keys(other) == sorted(["language:es", f"sample:{other.pk % search.SAMPLE_BUCKETS}"])


def test_a_report_saved_from_an_instance_loaded_before_its_links_changed_keeps_its_copies():
    report = ReportFactory()
    loaded_earlier = Report.objects.get(pk=report.pk)
    topic = TopicFactory()
    report.topics.add(topic)
    ReportDocumentFactory(report=report, language="fr", extracted_text="Cessez-le-feu")
    DocumentSymbolFactory(report=report, symbol="S/2015/682")
    loaded_earlier.title = "Renamed"
    loaded_earlier.save()  # writes back the keys and search copies it read: none
    report.refresh_from_db()
    assert report.facet_keys == sorted(
        [f"topic:{topic.pk}", "language:fr", f"sample:{report.pk % search.SAMPLE_BUCKETS}"]
    )
    assert report.search_symbols == "S/2015/682"
    assert "Cessez-le-feu" in report.search_documents
    # Still found by its symbol and its document's words.
    assert Report.objects.search("S/2015/682").filter(pk=report.pk).exists()
    assert Report.objects.search("cessez").filter(pk=report.pk).exists()


def test_keeping_the_keys_records_no_version_of_the_report():
    report = ReportFactory()
    versions_before = report.history.count()
    report.topics.add(TopicFactory())
    ReportDocumentFactory(report=report)
    assert report.history.count() == versions_before


CountedWithQueries = counted_with_queries(ReportFilter)


@pytest.fixture
def corpus(demo):
    load_sample_corpus(120)


BROAD = {"", "q=peace", "q=mission&sort=newest", "q=A/SMP5"}  # over 5 matches
CASES = [
    "",
    "q=peace",
    "q=mission&sort=newest",
    "q=protection+of+civilians",
    "q=security&topic=protection-of-civilians",
    "kind=un_report&year=2015",
    "q=peace&language=en&kind=un_report",
    "q=A/SMP5",
]


@pytest.mark.parametrize("broad", [False, True], ids=["exact", "broad"])
@pytest.mark.parametrize("query", CASES)
def test_counts_and_pages_from_the_keys_equal_those_from_the_link_tables(
    corpus, monkeypatch, broad, query
):
    if broad:  # the corpus is small: make every query a broad one
        monkeypatch.setattr(search, "EXACT_LIMIT", 5)
        monkeypatch.setattr(search, "CANDIDATES", 40)
    data = QueryDict(query)
    keyed = ReportFilter(data, queryset=Report.objects.published())
    reference = CountedWithQueries(data, queryset=Report.objects.published())
    assert keyed.is_valid()
    assert reference.is_valid()
    keyed_results, reference_results = keyed.results(), reference.results()

    assert keyed_results.facets == reference_results.facets
    assert any(facet["values"] for facet in keyed_results.facets)
    assert keyed_results.approximate == reference_results.approximate
    if broad and query in BROAD:
        assert keyed_results.approximate
    if "q=" in query and "sort=" not in query:
        # Ranked in Python whether every match was fetched or only the candidates.
        assert keyed_results.ranked_ids is not None
    if not broad:
        assert keyed_results.total == reference_results.queryset.count()
    if keyed_results.ranked_ids is not None:
        # Ranked in Python from the candidates' query, in the order SQL would give.
        assert list(reference_results.queryset.values_list("pk", flat=True)) == (
            keyed_results.ranked_ids
        )
        assert list(keyed_results.queryset.values_list("pk", flat=True)) == (
            keyed_results.ranked_ids
        )
    else:
        assert list(keyed_results.queryset.values_list("pk", flat=True)) == list(
            reference_results.queryset.values_list("pk", flat=True)
        )


def test_a_draft_topic_or_body_never_shows_in_a_facet_counted_from_keys(anonymous):
    draft_topic = TopicFactory(name="Secret topic", status=Status.DRAFT)
    draft_body = OrganizationFactory(name="Secret body", status=Status.DRAFT)
    report = ReportFactory(title="Ceasefire monitoring")
    report.topics.add(draft_topic, TopicFactory(name="Open topic"))
    report.authors.add(draft_body)
    page = anonymous.get("/reports/", {"q": "ceasefire"}).content.decode()
    assert "Open topic" in page
    assert "Secret topic" not in page
    assert "Secret body" not in page
    assert Topic.objects.filter(name="Secret topic").exists()


def test_the_names_query_compiled_once_follows_publication_and_equals_the_orms(anonymous):
    # key_names compiles the facets' names query once per process: whether a topic is public
    # must still be decided by each run, and its rows be those of the ORM's union.
    topic = TopicFactory(name="Later topic", status=Status.DRAFT)
    report = ReportFactory(title="Ceasefire monitoring")
    report.topics.add(topic, TopicFactory(name="Open topic"))
    report.member_states.add(member_state("FIN"))
    report.authors.add(OrganizationFactory(name="Open body"))

    def topic_names():
        response = anonymous.get("/reports/", {"q": "ceasefire"})
        facet = next(f for f in response.context["facets"] if f["name"] == "topic")
        return [value["label"] for value in facet["values"]]

    assert topic_names() == ["Open topic"]
    Topic.objects.filter(pk=topic.pk).update(status=Status.PUBLISHED, publish_at=timezone.now())
    assert sorted(topic_names()) == ["Later topic", "Open topic"]
    Topic.objects.filter(pk=topic.pk).update(publish_at=timezone.now() + datetime.timedelta(days=1))
    assert topic_names() == ["Open topic"]

    filterset = ReportFilter({"q": "ceasefire"}, queryset=Report.objects.published())
    assert filterset.is_valid()
    counted = {
        facet.name: Counter(k.partition(":")[2] for k in keys(report) if k.startswith(facet.prefix))
        for facet in filterset.facets
        if facet.names_keys
    }
    queries = [
        facet.names_query(search.id_array(counted[facet.name]))
        for facet in filterset.facets
        if facet.names_keys
    ]
    expected = {}
    for name, pk, value, label in queries[0].union(*queries[1:], all=True):
        expected.setdefault(name, {})[pk] = (value, label)
    assert filterset.key_names(counted) == expected
    assert set(expected) == {"topic", "organization", "member_state"}


def test_a_member_state_facet_from_keys_names_the_states(anonymous):
    report = ReportFactory(title="Sahel partnership")
    report.member_states.add(member_state("FIN"))
    response = anonymous.get("/reports/", {"q": "sahel"})
    facet = next(f for f in response.context["facets"] if f["name"] == "member_state")
    finland = MemberState.objects.get(iso3="FIN")
    assert facet["values"] == [
        {"value": "FIN", "label": finland.short_name, "count": 1, "selected": False}
    ]


def test_filters_on_the_keys_find_what_the_link_tables_link(corpus):
    published = Report.objects.published()
    topics = Topic.objects.published().filter(reports__isnull=False).distinct()
    bodies = published.values_list("authors__slug", flat=True).distinct()
    states = published.values_list("member_states__iso3", flat=True).distinct()
    languages = published.values_list("documents__language", flat=True).distinct()
    cases = (
        [("topic", t.slug, {"topics__slug": t.slug}) for t in topics]
        + [("organization", b, {"authors__slug": b}) for b in bodies if b]
        + [("member_state", s, {"member_states__iso3": s}) for s in states if s]
        + [("language", code, {"documents__language": code}) for code in languages if code]
    )
    assert {name for name, _, _ in cases} == {"topic", "organization", "member_state", "language"}
    for name, value, through_links in cases:
        filterset = ReportFilter(QueryDict(f"{name}={value}"), queryset=published)
        assert filterset.is_valid(), filterset.errors
        expected = set(published.filter(**through_links).values_list("pk", flat=True))
        assert set(filterset.qs.values_list("pk", flat=True)) == expected, (name, value)
        assert expected


@pytest.fixture
def sparse(monkeypatch, db):
    """200 reports, one day apart; every fifth mentions Gao."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    for n in range(200):
        ReportFactory(
            title=f"Report {n}" + (" on Gao" if n % 5 == 0 else ""),
            published_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")


def newest_candidates(filterset, estimate):
    with CaptureQueriesContext(connection) as captured:
        rows = filterset.newest_rows(filterset.qs, estimate, ["pk"])
    edged = [q for q in captured.captured_queries if '"published_on" >=' in q["sql"]]
    return list(rows.column("pk")), len(edged), len(captured.captured_queries)


def test_sparse_matches_are_found_through_a_date_edge_and_are_the_newest(sparse):
    filterset = ReportFilter(QueryDict("q=gao"), queryset=Report.objects.published())
    assert filterset.is_valid()
    newest = list(
        filterset.qs.order_by(*filterset.recency).values_list("pk", flat=True)[: search.CANDIDATES]
    )
    assert len(newest) == search.CANDIDATES
    assert search.table_rows(Report) == 200  # read once a minute, not per search

    # The estimate is right (40 of 200): the edge is used, once, and is enough.
    ids, edged, queries = newest_candidates(filterset, estimate=40)
    assert ids == newest
    assert edged == 1
    assert queries == 2  # the statistics the edge's date comes from, then the candidates

    # An estimate far too high puts the edge too near: too few rows pass it, and the
    # query runs again without it. The rows are still exactly the newest.
    ids, edged, queries = newest_candidates(filterset, estimate=70)
    assert ids == newest
    assert edged == 1
    assert queries == 2  # the statistics are read once a minute, not per search

    # Most rows matching: no edge, the date index is walked.
    ids, edged, _ = newest_candidates(filterset, estimate=150)
    assert ids == newest
    assert edged == 0


def test_a_phrase_walks_the_date_index(sparse):
    filterset = ReportFilter(QueryDict('q="on gao"'), queryset=Report.objects.published())
    assert filterset.is_valid()
    ids, edged, _ = newest_candidates(filterset, estimate=40)
    assert edged == 0
    assert len(ids) == search.CANDIDATES


def test_matches_few_enough_to_read_take_no_edge(sparse):
    filterset = ReportFilter(QueryDict("q=gao"), queryset=Report.objects.published())
    assert filterset.is_valid()
    newest = list(filterset.qs.order_by(*filterset.recency).values_list("pk", flat=True)[:10])
    # Six matches of 200 (EXACT_LIMIT is 5): an edge 50 days deep would cost more
    # than reading the six.
    assert search.newest_path(6, 200) == "all"
    with CaptureQueriesContext(connection) as captured:
        ids = list(filterset.newest_rows(filterset.qs, 6, ["pk"]).column("pk"))
    assert ids == newest
    sql = captured.captured_queries[-1]["sql"]  # after the table's size, read once a minute
    assert '"published_on" >=' not in sql
    assert "ts_match_vq" not in sql


def test_matches_common_enough_to_walk_test_the_words_row_by_row(sparse, monkeypatch):
    # Rows made cheap to read: walking 50 rows beats the edge for 40 matches of 200.
    monkeypatch.setattr(search, "ROW_COST", 1)
    assert search.newest_path(40, 200) == "walk"
    for query, without in [("q=gao", None), ("q=gao&kind=un_report", "kind")]:
        filterset = ReportFilter(QueryDict(query), queryset=Report.objects.published())
        assert filterset.is_valid()
        base = filterset.queryset_without(without) if without else filterset.qs
        newest = list(base.order_by(*filterset.recency).values_list("pk", flat=True)[:10])
        with CaptureQueriesContext(connection) as captured:
            rows = filterset.newest_rows(base, 40, ["pk", "rank"], without=without)
        assert list(rows.column("pk")) == newest
        assert all(rank > 0 for rank in rows.column("rank"))  # ranked as before
        sql = captured.captured_queries[-1]["sql"]
        assert "ts_match_vq" in sql
        assert "@@" not in sql
        assert '"published_on" >=' not in sql
        assert filterset.walking is False
        # The FilterSet's own rows are untouched: its words still use the index.
        assert "@@" in str(filterset.qs.query)


@pytest.mark.parametrize(
    ("estimate", "total", "way"),
    [
        (136_000, 1_000_000, "walk"),  # "Gao": 14 % of a million
        (13_600, 100_000, "edge"),  # the same share of 100,000: a small bitmap
        (7_000, 1_000_000, "all"),  # "peace" in one member state
        (2_500, 1_000_000, "all"),  # a rare word
        (50_000, 1_000_000, "edge"),  # 5 %: a walk would read 20,000 rows
        (900_000, 1_000_000, "walk"),  # nearly every report
    ],
)
def test_the_newest_are_found_the_cheapest_way(estimate, total, way):
    assert search.newest_path(estimate, total) == way


def test_fewer_candidates_are_weighed_at_their_own_number():
    # A site-search group's 500 (peaceplatform/search.py GROUP_CANDIDATES): the walk
    # and the edge read half as far, reading every match costs the same.
    full, half = search.newest_costs(9_000, 1_000_000), search.newest_costs(9_000, 1_000_000, 500)
    assert half["walk"] == full["walk"] / 2
    assert half["all"] == full["all"]
    assert half["edge"] < full["edge"]
    # 9,000 matches of a million: every match for the newest 1,000, an edge for 500.
    assert search.newest_path(9_000, 1_000_000) == "all"
    assert search.newest_path(9_000, 1_000_000, 500) == "edge"


@pytest.mark.parametrize("depth", [10, 50, 120, 190])
def test_the_edges_date_comes_from_the_statistics_and_leaves_at_least_the_depth(sparse, depth):
    day = search.date_reached(Report, "published_on", depth)
    newer = Report.objects.filter(published_on__gte=day).count()
    # Rounded to the older side, by at most one of the histogram's 100 buckets.
    assert depth <= newer <= depth + 200 // 100 + 1


def test_no_edge_when_it_would_leave_the_whole_table(sparse):
    assert search.date_reached(Report, "published_on", 200) is None
    assert search.date_reached(Report, "published_on", 500) is None


@pytest.fixture
def common_word(monkeypatch, db):
    """200 reports a day apart, all on peace; every fifth a resolution, every fourth
    on one topic."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    topic = TopicFactory(slug="mandates")
    for n in range(200):
        report = ReportFactory(
            title=f"Peace report {n}",
            kind="resolution" if n % 5 == 0 else "un_report",
            published_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
        )
        if n % 4 == 0:
            report.topics.add(topic)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")


def test_a_common_word_with_a_facet_walks_the_recency_index_for_the_same_candidates(
    common_word,
):
    filterset = ReportFilter(
        QueryDict("q=peace&kind=resolution&topic=mandates"), queryset=Report.objects.published()
    )
    assert filterset.is_valid()
    # The topic facet's base: peace and resolutions, a fifth of the table.
    base = filterset.queryset_without("topic")
    walk = filterset.words_row_by_row(40, without="topic")
    assert walk is not None
    rows = filterset.newest_rows(base, 40, ["pk", "facet_keys"], without="topic")
    newest = list(base.order_by(*filterset.recency).values_list("pk", flat=True))
    assert list(rows.column("pk")) == newest[: search.CANDIDATES]
    assert len(rows) == search.CANDIDATES

    # The point of it: the kind and the keys are tested on the index's own entries,
    # and a row is read only for the words, in a subquery on the row. PostgreSQL can
    # do that only in an index-only scan, so the outer query may name no column but
    # the recency index's own (and `status`, its predicate's): one more would have the
    # walk read every row it passes.
    sql = str(walk.order_by(*filterset.recency).values("pk", "facet_keys")[:10].query)
    outer_columns = set(re.findall(r'"reports_report"\."(\w+)"', sql))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname FROM pg_index JOIN pg_attribute ON attrelid = indrelid "
            "AND attnum = ANY(indkey) WHERE indexrelid = 'report_published_recent'::regclass"
        )
        indexed = {name for (name,) in cursor.fetchall()}
    assert indexed == {"published_on", "id", "publish_at", "kind", "facet_keys"}
    assert outer_columns <= indexed | {"status"}, outer_columns - indexed
    assert 'U0."search_vector" @@' in sql  # the words, on the row, in the subquery


@pytest.mark.parametrize(
    ("query", "estimate", "without"),
    [
        ("q=peace&kind=resolution&topic=mandates", 100, "topic"),  # half the table: plain walk
        ("q=peace&kind=resolution&topic=mandates", 5, "topic"),  # too few: a long walk
        ("q=peace&topic=mandates", 40, "topic"),  # the words alone: their own walk
        ("q=peace&kind=resolution&symbol=A/1", 40, None),  # a filter the index lacks
        ("q=ceasefire&kind=resolution&topic=mandates", 40, "topic"),  # words not common
    ],
)
def test_the_walk_is_kept_for_common_words_and_short_walks(common_word, query, estimate, without):
    filterset = ReportFilter(QueryDict(query), queryset=Report.objects.published())
    assert filterset.is_valid()
    assert filterset.words_row_by_row(estimate, without=without) is None


@pytest.mark.parametrize(
    ("estimate", "keyed", "total", "buckets"),
    [
        (7_270, 8_650, 1_000_000, 18),  # "peace" in Finland's reports: all read to sort
        (168_000, 200_000, 1_000_000, 1),  # "peace" in one topic's: a bucket, no walk
        (84_000, 100_000, 100_000, None),  # as the newest (a sample weighed at as many)
        (840_000, 1_000_000, 1_000_000, None),  # "peace" alone: the walk is shorter
        (2_500, 1_000_000, 1_000_000, None),  # a rare word alone: each bucket's rows tested
        (1_000, 1_000, 1_000_000, None),  # no more than the candidates: every bucket
    ],
)
def test_a_sample_is_taken_where_it_costs_less_than_the_newest_rows(
    estimate, keyed, total, buckets
):
    assert search.sample_buckets(estimate, keyed, total) == buckets


@pytest.fixture
def one_state(monkeypatch, db):
    """Peace reports, half of them on Finland (tests/facet_reference.py), with every
    base of more than five rows broad."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    monkeypatch.setattr(search, "SAMPLE_ROWS", 5)
    peace_reports_in_finland()


def test_a_ticked_facet_over_a_broad_base_is_counted_from_a_sample_of_buckets(one_state):
    query = QueryDict("q=peace&topic=mandates&member_state=FIN")
    keyed = ReportFilter(query, queryset=Report.objects.published())
    reference = counted_with_queries(ReportFilter)(query, queryset=Report.objects.published())
    assert keyed.is_valid()
    assert reference.is_valid()
    # The topic facet's base, peace in Finland's reports (128), is broad here. Its
    # estimate: the page's over the share of the table the topic's key holds, which is
    # what the planner says of the base itself, without a query built for it.
    page_estimate = search.estimated_count(keyed.qs)
    base_estimate = keyed.ticked_base_estimate("topic", page_estimate)
    planned = search.estimated_count(keyed.queryset_without("topic"))
    assert base_estimate > search.EXACT_LIMIT
    assert abs(base_estimate - planned) <= max(1, planned * 0.01)
    sample = keyed.key_sample(keyed.facets[0], base_estimate)
    assert sample is not None
    condition, share = sample
    buckets = round(share * search.SAMPLE_BUCKETS)
    assert 1 < buckets < search.SAMPLE_BUCKETS
    assert condition == Q(facet_keys__overlap=[f"sample:{n}" for n in range(buckets)])

    with CaptureQueriesContext(connection) as captured:
        facets = {facet["name"]: facet for facet in keyed.results().facets}
    sampled_sql = [q["sql"] for q in captured.captured_queries if "sample:" in q["sql"]]
    # Each ticked facet's base (peace in Finland's; peace on mandates) through the keys'
    # index, in any order: no newest rows to sort.
    assert len(sampled_sql) == 2
    assert not any("ORDER BY" in sql for sql in sampled_sql)
    # Only the buckets' rows are read, and the words tested on each of them: no bitmap
    # of every match of a common word for PostgreSQL to AND them with.
    assert all("ts_match_vq" in sql and " @@ " not in sql for sql in sampled_sql)

    # No query more than counting the newest rows instead: each base is one query
    # either way, and neither asks the planner about a base (its estimate and the rows
    # its keys let through come from the statistics of the keys); the newest rows' walk
    # asks for the words' own estimate too. Fresh FilterSets, since each keeps that
    # estimate; PostgreSQL's statistics, read once a minute, left out.
    def queries(sample_keys):
        filterset = ReportFilter(query, queryset=Report.objects.published())
        filterset.sample_keys = sample_keys
        assert filterset.is_valid()
        with CaptureQueriesContext(connection) as run:
            filterset.results()
        # pg_stats and pg_class's row counts, each read once a minute: one such read
        # falling due between two calls would count for one of them only.
        statistics = ("pg_stats", "FROM pg_class")
        return [
            q["sql"] for q in run.captured_queries if not any(s in q["sql"] for s in statistics)
        ]

    queries(True)  # the statistics, read
    with_sample, newest = queries(True), queries(False)
    assert len(with_sample) <= len(newest), "\n".join(
        ["with the sample:", *with_sample, "with the newest rows:", *newest]
    )
    explained = [sql for sql in with_sample if sql.startswith("EXPLAIN")]
    assert len(explained) == 1, "only the page's own estimate is asked of the planner"
    assert sum("sample:" in sql for sql in with_sample) == 2
    assert not any("sample:" in sql for sql in newest)

    # Each count: the base's reports in the buckets taken, scaled up by their share.
    in_sample = [
        report
        for report in Report.objects.filter(member_states__iso3="FIN").prefetch_related("topics")
        if report.pk % search.SAMPLE_BUCKETS < buckets
    ]
    assert in_sample
    sampled = Counter(str(topic.pk) for report in in_sample for topic in report.topics.all())
    # ...then drawn toward each topic's share of the table, as PostgreSQL's statistics
    # of the keys hold it (search.drawn_to_shares, tested on its own in
    # tests/core/test_drawn_to_shares.py), the sample standing for its base's estimate.
    shares = {
        key.removeprefix("topic:"): n
        for key, n in search.key_shares(Report).items()
        if key.startswith("topic:")
    }
    assert set(shares) == {str(pk) for pk in Topic.objects.values_list("pk", flat=True)}
    drawn = search.drawn_to_shares(
        {pk: n / share for pk, n in sampled.items()}, base_estimate * share, base_estimate, shares
    )
    slugs = {str(pk): slug for pk, slug in Topic.objects.values_list("pk", "slug")}
    expected = {slugs[pk]: search.about(round(n)) for pk, n in drawn.items()}
    topic_facet = facets["topic"]
    assert topic_facet["approximate"]
    assert {value["value"]: value["count"] for value in topic_facet["values"]} == expected
    # The same sample whether the counts come from the keys or from the link tables.
    assert reference.results().facets == keyed.results().facets


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("q=peace&topic=mandates&member_state=FIN", ["topic"]),
        ("q=peace&topic=mandates&member_state=FIN", ["member_state"]),
        ("q=peace&topic=mandates&member_state=FIN", ["topic", "member_state"]),
        ("q=peace&topic=mandates&topic=elections&member_state=FIN", ["topic"]),
        ("q=peace&topic__all=mandates&topic__all=elections", ["topic__all"]),
        ("q=peace&topic__not=mandates&member_state=FIN", ["topic__not"]),
    ],
)
def test_the_keys_share_weighs_filters_as_the_planner_does(one_state, query, names):
    # Any of a filter's keys, every one (__all), none (__not), and two filters at
    # once: the page's estimate is what the planner says of the rows without those
    # filters, times the share their keys let through.
    filterset = ReportFilter(QueryDict(query), queryset=Report.objects.published())
    assert filterset.is_valid()
    share = filterset.keys_share(names)
    assert share is not None
    assert 0 < share < 1
    whole = search.estimated_count(filterset.qs)
    without = search.estimated_count(filterset.queryset_without(*names))
    assert share * without == pytest.approx(whole, rel=0.02, abs=1)


def test_the_keys_share_is_unknown_off_the_keys_or_for_a_key_the_statistics_lack(one_state):
    TopicFactory(slug="unused")  # no report: not among the statistics' keys
    filterset = ReportFilter(
        QueryDict("q=peace&topic=unused&kind=un_report&member_state=FIN"),
        queryset=Report.objects.published(),
    )
    assert filterset.is_valid()
    assert filterset.keys_share(["member_state"]) is not None
    assert filterset.keys_share(["topic"]) is None
    assert filterset.keys_share(["kind"]) is None  # a kind is not a key
    assert filterset.keys_share(["member_state", "topic"]) is None


def test_the_rows_keys_let_through_agree_with_what_the_words_estimate_gives(one_state, monkeypatch):
    # A sample's cost counts the rows the base's keys let through. From the statistics
    # of the keys: the table times Finland's share (half of it). Without them: the
    # base's estimate over the share of the table the words match. The same figure.
    filterset = ReportFilter(
        QueryDict("q=peace&topic=mandates&member_state=FIN"), queryset=Report.objects.published()
    )
    assert filterset.is_valid()
    total = search.table_rows(Report)
    base_estimate = search.estimated_count(filterset.queryset_without("topic"))
    with CaptureQueriesContext(connection) as from_keys:
        keyed = filterset.rows_keyed(["member_state"], "peace", base_estimate, total)
    assert not [q for q in from_keys.captured_queries if "EXPLAIN" in q["sql"]]
    monkeypatch.setattr(ReportFilter, "keys_share", lambda self, names: None)
    with CaptureQueriesContext(connection) as from_words:
        by_words = filterset.rows_keyed(["member_state"], "peace", base_estimate, total)
    assert [q["sql"][:7] for q in from_words.captured_queries] == ["EXPLAIN"]
    assert keyed == pytest.approx(by_words, rel=0.05)
    assert keyed == pytest.approx(total / 2, rel=0.05)


def test_a_ticked_base_is_estimated_without_a_query_unless_it_may_be_counted_exactly(
    one_state, monkeypatch
):
    filterset = ReportFilter(
        QueryDict("q=peace&topic=mandates&member_state=FIN"), queryset=Report.objects.published()
    )
    assert filterset.is_valid()
    page_estimate = search.estimated_count(filterset.qs)
    planned = search.estimated_count(filterset.queryset_without("member_state"))
    filterset.keys_share(["member_state"])  # the statistics, read once a minute
    with CaptureQueriesContext(connection) as broad:
        estimate = filterset.ticked_base_estimate("member_state", page_estimate)
    assert estimate > search.EXACT_LIMIT
    assert abs(estimate - planned) <= max(1, planned * 0.02)
    assert not broad.captured_queries
    # A page the planner puts at a row or two is not scaled up: it never says less
    # than one, so that may stand for far fewer (and the base for as many fewer).
    with CaptureQueriesContext(connection) as clamped:
        assert filterset.ticked_base_estimate("member_state", 1) == planned
    assert [q["sql"][:7] for q in clamped.captured_queries] == ["EXPLAIN"]
    # Where the base might hold few enough rows to count exactly, the planner is asked:
    # up to the FilterSet's own limit for its facets, or EXACT_LIMIT.
    filterset.facets_exact_up_to = 10_000
    with CaptureQueriesContext(connection) as own_limit:
        assert filterset.ticked_base_estimate("member_state", page_estimate) == planned
    assert [q["sql"][:7] for q in own_limit.captured_queries] == ["EXPLAIN"]
    filterset.facets_exact_up_to = None
    monkeypatch.setattr(search, "EXACT_LIMIT", 10_000)
    with CaptureQueriesContext(connection) as narrow:
        assert filterset.ticked_base_estimate("member_state", page_estimate) == planned
    assert [q["sql"][:7] for q in narrow.captured_queries] == ["EXPLAIN"]


def test_a_ticked_facet_with_a_condition_the_keys_lack_counts_the_newest_rows(one_state):
    # A kind is not a key: the buckets could not be intersected in the keys' index.
    filterset = ReportFilter(
        QueryDict("q=peace&topic=mandates&member_state=FIN&kind=un_report"),
        queryset=Report.objects.published(),
    )
    assert filterset.is_valid()
    assert filterset.key_sample(filterset.facets[0], 100) is None
    # Nor a facet without keys (the year), whose estimates need the newest rows.
    assert filterset.key_sample(filterset.facets[1], 100) is None


@pytest.fixture
def same_days(db):
    """52 reports on one topic: five a day over ten days, and two undated."""
    topic = TopicFactory(slug="mandates")
    for n in range(52):
        day = datetime.date(2001, 3, 1) + datetime.timedelta(days=n // 5) if n < 50 else None
        report = ReportFactory(title=f"Report {n:02}", published_on=day, kind="un_report")
        report.topics.add(topic)


@pytest.mark.parametrize("sort", ["", "&sort=oldest"])
def test_a_page_of_matches_found_by_id_looks_up_its_own_rows_only(
    same_days, anonymous, no_page_cache, sort
):
    ordering = (
        [F("published_on").asc(nulls_last=True), "title", "pk"]
        if sort
        else [F("published_on").desc(nulls_last=True), "title", "pk"]
    )
    expected = list(Report.objects.order_by(*ordering).values_list("title", flat=True))
    looked_up = []
    for number in (1, 2, 3):
        with CaptureQueriesContext(connection) as captured:
            response = anonymous.get(f"/reports/?topic=mandates&kind=un_report{sort}&page={number}")
        assert response.status_code == 200
        shown = [report.title for report in response.context["reports"]]
        assert shown == expected[(number - 1) * 20 : number * 20], number
        # The page's query: its rows (page 1), or their ids (later pages, rows_between).
        page_query = next(
            sql
            for sql in (q["sql"] for q in captured.captured_queries)
            if " LIMIT " in sql and "::bigint[]" in sql
        )
        looked_up.append(len(re.search(r"'\{([\d,]+)\}'", page_query).group(1).split(",")))
    # Pages 1 and 2 look up the rows dated up to their last (ties of five a day
    # included); page 3 reaches the undated reports, and looks up every match.
    assert looked_up == [20, 40, 52]
