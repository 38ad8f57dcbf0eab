"""The query language of every list: filters (OR within, AND across), ordering, sparse
fieldsets, facets, both paging modes, and a 400 naming each bad parameter."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.publishing.status import Status
from reports.models import Report
from tests.api.conftest import items, problems, slugs
from tests.factories import (
    DocumentSymbolFactory,
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportDocumentFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(db):
    """Five reports with known topics, states, kinds, dates, languages and symbols."""
    poc = TopicFactory(slug="poc", name="Protection of civilians")
    wps = TopicFactory(slug="wps", name="Women, peace and security")
    un = OrganizationFactory(slug="un", name="United Nations")
    au = OrganizationFactory(slug="au", name="African Union")
    specs = [
        ("alpha", "2015-06-17", "panel_report", [poc], ["RWA"], [un], "en", "A/70/95"),
        ("bravo", "2015-09-02", "un_report", [poc, wps], ["FIN"], [un], "fr", "A/70/357"),
        ("charlie", "2016-03-01", "policy_paper", [wps], ["RWA", "FIN"], [au], "en", "S/2016/1"),
        ("delta", "2017-05-05", "resolution", [], [], [], "es", "S/RES/2017/1"),
        ("echo", None, "meeting_note", [poc], [], [au], "ar", "A/71/1"),
    ]
    for slug, day, kind, topics, states, authors, language, symbol in specs:
        report = ReportFactory(
            slug=slug,
            title=f"{slug.title()} on peace operations",
            published_on=datetime.date.fromisoformat(day) if day else None,
            kind=kind,
        )
        report.topics.add(*topics)
        report.member_states.add(*[member_state(code) for code in states])
        report.authors.add(*authors)
        ReportDocumentFactory(report=report, language=language)
        DocumentSymbolFactory(report=report, symbol=symbol)
    return Report.objects.published()


REPORT_FILTERS = [
    ("topic=poc", ["bravo", "alpha", "echo"]),
    ("topic=poc&topic=wps", ["charlie", "bravo", "alpha", "echo"]),  # OR within
    ("topic=poc&member_state=FIN", ["bravo"]),  # AND across
    ("member_state=RWA", ["charlie", "alpha"]),
    ("organization=au", ["charlie", "echo"]),
    ("kind=resolution&kind=policy_paper", ["delta", "charlie"]),
    ("year=2015", ["bravo", "alpha"]),
    ("language=fr&language=es", ["delta", "bravo"]),
    ("symbol=A/70/95", ["alpha"]),
    ("symbol=a/70/357&symbol=S/2016/1", ["charlie", "bravo"]),
    ("published_after=2015-09-01&published_before=2016-12-31", ["charlie", "bravo"]),
    ("q=Charlie", ["charlie"]),
    ("q=A/70/", ["bravo", "alpha"]),
    # None of the values (`__not`), every one of them (`__all`), ranges of years.
    ("topic__not=poc", ["delta", "charlie"]),
    ("topic__not=poc&topic__not=wps", ["delta"]),
    ("topic=poc&topic__not=wps", ["alpha", "echo"]),
    ("topic__all=poc&topic__all=wps", ["bravo"]),
    ("topic__all=poc", ["bravo", "alpha", "echo"]),
    ("member_state__all=RWA&member_state__all=fin", ["charlie"]),
    ("member_state__not=rw", ["delta", "bravo", "echo"]),
    ("organization__not=un", ["delta", "charlie", "echo"]),
    ("organization__all=un&organization__all=au", []),
    ("kind__not=resolution&kind__not=meeting_note", ["charlie", "bravo", "alpha"]),
    ("language__not=en", ["delta", "bravo", "echo"]),
    ("year__not=2015&year__not=2017", ["charlie", "echo"]),  # undated: in neither year
    ("year__gte=2016", ["delta", "charlie"]),
    ("year__lte=2015", ["bravo", "alpha"]),
    ("year__gte=2015&year__lte=2016", ["charlie", "bravo", "alpha"]),
    ("year__gte=2016&year__lte=2015", []),
    ("year=2015&year__not=2015", []),
]


@pytest.mark.parametrize(("query", "expected"), REPORT_FILTERS, ids=[q for q, _ in REPORT_FILTERS])
def test_report_filters(api, shelf, query, expected):
    assert slugs(api.get(f"/api/v1/reports/?{query}&ordering=-published")) == expected


@pytest.mark.parametrize(
    "years", [[2001], [2001, 2002], [2001, 2003], [2000, 2004], [2001, 2002, 2004, 2005]]
)
def test_years_take_every_day_of_each_year_and_no_other(api, db, years):
    """YearsFilter: a range per run of consecutive years, bounded by the span when
    they are apart; the first and last day of a year are in it, the days either side
    not."""
    days = ["2000-12-31", "2001-01-01", "2001-12-31", "2002-06-01", "2003-01-01",
            "2004-12-31", "2005-01-01", None]  # fmt: skip
    for day in days:
        ReportFactory(
            slug=f"d-{day or 'undated'}",
            published_on=datetime.date.fromisoformat(day) if day else None,
        )
    expected = sorted(f"d-{day}" for day in days if day and int(day[:4]) in years)
    query = "&".join(f"year={year}" for year in years)
    assert sorted(slugs(api.get(f"/api/v1/reports/?{query}&limit=100"))) == expected


def test_updated_since_finds_what_changed(api, shelf):
    cutoff = timezone.now()
    Report.objects.filter(slug="delta").update(updated_at=cutoff + datetime.timedelta(seconds=5))
    stamp = cutoff.isoformat().replace("+00:00", "Z")
    assert slugs(api.get("/api/v1/reports/", {"updated_since": stamp})) == ["delta"]


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        # ISO allows offsets up to ±23:59, PostgreSQL only ±15:59: converted to UTC first.
        ("2015-06-16T23:00:00+21:31", ["alpha", "bravo", "charlie", "delta", "echo"]),
        ("2015-06-16T23:00:00-17:53", ["alpha", "bravo", "charlie", "delta", "echo"]),
        # Past the ends of the calendar once in UTC: the nearest end compares the same.
        ("0001-01-01T00:00:00+01:00", ["alpha", "bravo", "charlie", "delta", "echo"]),
        ("9999-12-31T23:00:00-05:00", []),
    ],
)
def test_updated_since_takes_any_iso_offset(api, shelf, stamp, expected):
    response = api.get("/api/v1/reports/", {"updated_since": stamp, "ordering": "title"})
    assert response.status_code == 200
    assert slugs(response) == expected


@pytest.mark.parametrize("name", ["topic", "kind", "updated_since", "symbol", "organization"])
def test_a_blank_filter_is_refused_by_name(api, shelf, name):
    response = api.get(f"/api/v1/reports/?{name}=%20")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"parameter": name, "message": f"{name} is empty: give it a value, or leave it out."}
    ]


def test_a_blank_q_browses(api, shelf):
    assert api.get("/api/v1/reports/?q=").status_code == 200


ORDERINGS = [
    ("-published", ["delta", "charlie", "bravo", "alpha", "echo"]),
    ("published", ["alpha", "bravo", "charlie", "delta", "echo"]),
    ("title", ["alpha", "bravo", "charlie", "delta", "echo"]),
    ("-title", ["echo", "delta", "charlie", "bravo", "alpha"]),
]


@pytest.mark.parametrize(("ordering", "expected"), ORDERINGS, ids=[o for o, _ in ORDERINGS])
def test_report_orderings(api, shelf, ordering, expected):
    assert slugs(api.get(f"/api/v1/reports/?ordering={ordering}")) == expected


@pytest.fixture
def ties(db):
    """Twelve reports on four dates (one undated), with titles that repeat: every
    key of a multi-key order has ties and NULLs to get through."""
    dates = ["2015-06-17", "2015-06-17", "2016-01-01", None]
    for number in range(12):
        day = dates[number % 4]
        ReportFactory(
            slug=f"tie-{number:02}",
            title=["Aleph", "Beth", "Gimel"][number % 3],
            published_on=datetime.date.fromisoformat(day) if day else None,
        )
    return Report.objects.published()


def python_order(reports, ordering: str) -> list[str]:
    """The same order worked out in Python: NULL dates last whichever the direction."""
    rows = list(reports)
    last = ordering.split(",")[-1]
    tie_breaker = "-pk" if last.startswith("-") else "pk"  # the last ordering's own
    for part in reversed([*ordering.split(","), tie_breaker]):
        descending, name = part.startswith("-"), part.lstrip("-")
        if name == "published":
            dated = sorted((r for r in rows if r.published_on), key=lambda r: r.published_on,
                           reverse=descending)  # fmt: skip
            rows = dated + [r for r in rows if not r.published_on]
        else:
            field = {"title": "title", "pk": "pk"}[name]
            rows = sorted(rows, key=lambda r, f=field: getattr(r, f), reverse=descending)
    return [r.slug for r in rows]


@pytest.mark.parametrize(
    "ordering",
    ["-published,title", "published,-title", "title,-published", "-title,published",
     "title,published,-published", "-published,-title"],
)  # fmt: skip
def test_several_orderings_sort_by_each_in_turn_and_page_by_cursor(api, ties, ordering):
    """The last key's own tie-breaker decides among rows equal on every key; a cursor
    walks the same order two rows at a time (mixed directions and NULLs included)."""
    expected = python_order(ties, ordering)
    listed = slugs(api.get(f"/api/v1/reports/?ordering={ordering}&limit=100"))
    assert listed == expected
    walked, url = [], f"/api/v1/reports/?ordering={ordering}&cursor=*&limit=2"
    while url:
        body = api.get(url).json()
        walked += [item["slug"] for item in body["results"]]
        url = body["next"]
    assert walked == expected


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("ordering=title,relevance&q=peace", "ordering must be one of"),
        ("ordering=title,sideways", "not 'title,sideways'"),
        ("ordering=title,&limit=1", "comma-separated without spaces"),
        ("ordering=title, -published", "comma-separated without spaces"),
    ],
)
def test_a_bad_multi_key_ordering_is_refused(api, shelf, query, says):
    assert says in problems(api.get(f"/api/v1/reports/?{query}"))["ordering"]


def test_a_cursor_keeps_its_multi_key_ordering(api, ties):
    next_url = api.get("/api/v1/reports/?ordering=-published,title&cursor=*&limit=2").json()["next"]
    cursor = next_url.split("cursor=")[1].split("&")[0]
    refused = api.get(f"/api/v1/reports/?ordering=-published&cursor={cursor}&limit=2")
    assert "another ordering" in problems(refused)["cursor"]


def test_updated_orderings_and_relevance(api, shelf):
    for index, slug in enumerate(["charlie", "alpha", "echo", "bravo", "delta"]):
        stamp = timezone.now() + datetime.timedelta(minutes=index)
        Report.objects.filter(slug=slug).update(updated_at=stamp)
    assert slugs(api.get("/api/v1/reports/?ordering=updated")) == [
        "charlie", "alpha", "echo", "bravo", "delta",
    ]  # fmt: skip
    assert slugs(api.get("/api/v1/reports/?ordering=-updated"))[0] == "delta"
    # Relevance is the default with q: the title match outranks the body-only one.
    ReportFactory(slug="body-only", title="Unrelated", body="Kigali once, deep in the body.")
    ReportFactory(slug="title-hit", title="Kigali principles", published_on=None)
    assert slugs(api.get("/api/v1/reports/?q=Kigali")) == ["title-hit", "body-only"]
    assert slugs(api.get("/api/v1/reports/?q=Kigali&ordering=relevance"))[0] == "title-hit"


def test_sparse_fieldsets(api, shelf):
    only = items(api.get("/api/v1/reports/?fields=slug,title"))
    assert all(set(item) == {"slug", "title"} for item in only)
    without = items(api.get("/api/v1/reports/?exclude=body,summary"))
    assert all("body" not in item and "summary" not in item and "slug" in item for item in without)
    detail = api.get("/api/v1/reports/alpha/?fields=symbols").json()
    assert detail == {"symbols": ["A/70/95"]}


def test_facets_count_with_the_other_filters(api, shelf):
    body = api.get("/api/v1/reports/?facets=topic,year,kind&member_state=RWA&topic=poc").json()
    assert body["count"] == 1
    facets = body["facets"]
    assert set(facets) == {"topic", "year", "kind"}
    topic_counts = {v["value"]: v["count"] for v in facets["topic"]["values"]}
    # The topic facet ignores its own filter: RWA reports are alpha (poc), charlie (wps).
    assert topic_counts == {"poc": 1, "wps": 1}
    assert {v["value"]: v["count"] for v in facets["year"]["values"]} == {"2015": 1}
    assert "facets" not in api.get("/api/v1/reports/").json()


def test_facet_values_are_limited_and_sorted_as_asked(api, shelf):
    # Languages: en twice (alpha, charlie), fr, es and ar once each.
    def language(query):
        facet = api.get(f"/api/v1/reports/?limit=0&facets=language{query}").json()["facets"]
        return facet["language"]["total"], [
            (v["value"], v["count"]) for v in facet["language"]["values"]
        ]

    total, by_count = language("")
    assert total == 4
    assert by_count[0] == ("en", 2)  # largest first
    assert language("&facet_limit=2") == (4, by_count[:2])
    total, by_label = language("&facet_sort=label")
    # By label: Arabic, English, French, Spanish.
    assert [value for value, _count in by_label] == ["ar", "en", "fr", "es"]
    assert language("&facet_sort=label&facet_limit=1") == (4, by_label[:1])


@pytest.mark.parametrize(
    ("query", "parameter", "hint"),
    [
        ("facet_limit=5", "facet_limit", "ask for some with facets="),
        ("facets=topic&facet_limit=0", "facet_limit", "between 1 and 1000"),
        ("facets=topic&facet_limit=many", "facet_limit", "whole number"),
        ("facets=topic&facet_sort=size", "facet_sort", "count, label"),
        ("facet_sort=label", "facet_sort", "ask for some with facets="),
    ],
)
def test_facet_shaping_needs_facets_and_good_values(api, shelf, query, parameter, hint):
    response = api.get(f"/api/v1/reports/?{query}")
    assert response.status_code == 400
    assert hint in problems(response)[parameter]


def test_an_endpoint_without_facets_says_so(api, db):
    response = api.get("/api/v1/topics/?facet_limit=3")
    assert response.status_code == 400
    assert problems(response)["facet_limit"] == "this endpoint has no facets."


def test_limit_zero_gives_count_and_facets_only(api, shelf):
    body = api.get("/api/v1/reports/?limit=0&facets=language").json()
    assert body["count"] == 5
    assert body["results"] == []
    assert sum(v["count"] for v in body["facets"]["language"]["values"]) == 5


def test_offset_paging_links(api, shelf):
    first = api.get("/api/v1/reports/?limit=2&ordering=title").json()
    assert [r["slug"] for r in first["results"]] == ["alpha", "bravo"]
    assert first["previous"] is None
    second = api.get(first["next"]).json()
    assert [r["slug"] for r in second["results"]] == ["charlie", "delta"]
    third = api.get(second["next"]).json()
    assert [r["slug"] for r in third["results"]] == ["echo"]
    assert third["next"] is None
    assert api.get(third["previous"]).json() == second
    assert "offset=" not in second["previous"]  # back to the first page


@pytest.mark.parametrize(
    "query", ["ordering=-published", "ordering=title", "ordering=-updated", "q=peace", "q=A/70/"]
)
def test_offset_pages_are_slices_of_the_whole_list(api, shelf, query):
    """Pages past the first look their rows up by id (see rows_between): the same rows,
    in the same order, as the whole list cut into pages."""
    ReportFactory.create_batch(7, published_on=datetime.date(2015, 6, 17))  # ties on the date
    whole = slugs(api.get(f"/api/v1/reports/?{query}&limit=1000"))
    assert len(whole) >= 2
    pages = [
        api.get(f"/api/v1/reports/?{query}&limit=2&offset={n}") for n in range(0, len(whole), 2)
    ]
    assert [slug for page in pages for slug in slugs(page)] == whole


@pytest.mark.parametrize("query", ["ordering=title", "q=peace"])
def test_an_offset_past_the_end_is_not_found_with_the_last_page(api, shelf, query):
    """The site's rule for a page past the end (core/listing/pagination.PastTheEnd),
    in the API's error shape: 404, and where the last page is."""
    count = api.get(f"/api/v1/reports/?{query}").json()["count"]
    assert count >= 2
    response = api.get(f"/api/v1/reports/?{query}&limit=2&offset=40")
    assert response.status_code == 404
    body = response.json()
    assert body["detail"].startswith(f"offset 40 is past the end: {count} items match.")
    last = api.get(body["last"])
    assert last.status_code == 200
    assert last.json()["next"] is None
    assert 1 <= len(last.json()["results"]) <= 2
    # The first page of nothing is an empty page, not a 404.
    empty = api.get("/api/v1/reports/?q=zzzyxxq")
    assert empty.status_code == 200
    assert empty.json()["results"] == []


def test_a_deep_page_builds_the_relations_of_its_own_rows_only(api, shelf):
    """A report's relations are subqueries of its row; under an OFFSET PostgreSQL works
    them out for every row it skips too (offset=10000: 435 ms at 100,000 reports)."""
    with CaptureQueriesContext(connection) as queries:
        assert len(slugs(api.get("/api/v1/reports/?offset=2&ordering=title"))) == 3
    building = [query["sql"] for query in queries if '"api_recommendations"' in query["sql"]]
    assert len(building) == 1
    assert "OFFSET" not in building[0]
    assert "LIMIT" not in building[0]  # its rows are named by id


@pytest.mark.parametrize("ordering", ["-published", "published", "title", "-title", "updated"])
def test_cursor_paging_walks_every_item_once(api, shelf, ordering):
    ReportFactory.create_batch(7, published_on=datetime.date(2015, 6, 17))  # ties on the date
    ReportFactory.create_batch(3, published_on=None)  # and undated ones, sorted last
    expected = slugs(api.get(f"/api/v1/reports/?ordering={ordering}&limit=1000"))
    seen, url = [], f"/api/v1/reports/?ordering={ordering}&limit=3&cursor=*"
    while url:
        body = api.get(url).json()
        assert body["count"] == len(expected)
        assert body["previous"] is None
        seen += [r["slug"] for r in body["results"]]
        url = body["next"]
    assert seen == expected


def test_cursor_is_checked(api, shelf):
    body = api.get("/api/v1/reports/?limit=2&cursor=*").json()
    cursor = body["next"].split("cursor=")[1].split("&")[0]
    assert "cursor" in problems(api.get("/api/v1/reports/?cursor=not-a-cursor"))
    tampered = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    assert "start again" in problems(api.get(f"/api/v1/reports/?cursor={tampered}"))["cursor"]
    other = problems(api.get(f"/api/v1/reports/?cursor={cursor}&ordering=title"))
    assert "another ordering" in other["cursor"]


ERRORS = [
    ("limit=1001", "limit", "limit must be between 0 and 1000."),
    ("limit=-1", "limit", "whole number"),
    ("limit=abc", "limit", "whole number"),
    ("limit=99999999999999999999999", "limit", "between 0 and 1000"),
    ("limit=1&limit=2", "limit", "give limit once"),
    ("offset=10001", "offset", "cursor=*"),
    ("offset=5&cursor=*", "cursor", "not both"),
    ("ordering=relevance", "ordering", "add q"),
    ("ordering=newest", "ordering", "must be one of"),
    ("q=peace&cursor=*&ordering=relevance", "ordering", "stable ordering"),
    # Relevance is the default with q: a cursor without an ordering is refused, not
    # paged silently by date.
    ("q=peace&cursor=*", "cursor", "add ordering"),
    ("fields=title,nonsense", "fields", "unknown field 'nonsense'"),
    ("fields=title&exclude=body", "exclude", "not both"),
    ("facets=colour", "facets", "unknown facet 'colour'"),
    ("format=xml", "format", "json or csv"),
    ("colour=blue", "colour", "not a parameter of this endpoint"),
    ("sort=newest", "sort", "not a parameter"),  # the pages' word; the API says ordering
    ("topic=no-such-topic", "topic", "topic:"),
    ("kind=novel", "kind", "kind:"),
    ("member_state=XXX", "member_state", "member_state:"),
    ("published_after=2015-02-30", "published_after", "published_after:"),
    ("updated_since=yesterday", "updated_since", "updated_since:"),
    ("q=" + "x" * 600, "q", "at most 500 characters"),
    ("q=a%00b", "q", "NUL"),
]


@pytest.mark.parametrize(("query", "parameter", "message"), ERRORS, ids=[e[0][:30] for e in ERRORS])
def test_each_bad_parameter_is_named_with_a_fix(api, shelf, query, parameter, message):
    found = problems(api.get(f"/api/v1/reports/?{query}"))
    assert parameter in found, found
    assert message in found[parameter], found


def test_several_bad_parameters_are_all_named(api, shelf):
    found = problems(api.get("/api/v1/reports/?limit=x&offset=y&colour=z"))
    assert set(found) == {"limit", "offset", "colour"}


def test_detail_and_search_are_strict_too(api, shelf):
    assert "limit" in problems(api.get("/api/v1/reports/alpha/?limit=1"))
    assert "q" in problems(api.get("/api/v1/search/"))
    assert "types" in problems(api.get("/api/v1/search/?q=peace&types=novels"))
    assert "style" in problems(api.get("/api/v1/reports/alpha/citation/?style=apa"))
    # Blank is not absent: the schema's enum refuses it (schemathesis found it taken).
    assert "style" in problems(api.get("/api/v1/reports/alpha/citation/?style="))
    assert api.get("/api/v1/reports/alpha/citation/").status_code == 200


def test_other_endpoints_filters(api, db):
    rwanda, finland = member_state("RWA"), member_state("FIN")
    topic = TopicFactory(slug="pk", name="Peacekeeping")
    un = OrganizationFactory(slug="un", kind="un_body")
    dpko = OrganizationFactory(slug="dpko", kind="un_body", parent=un)
    OrganizationFactory(slug="ipi", kind="think_tank")
    person = PersonFactory(slug="ladsous", name="Hervé Ladsous")
    PositionFactory(person=person, organization=dpko)
    other = PersonFactory(slug="other")
    PositionFactory(person=other, organization=None, member_state=finland)
    dinner = EventFactory(
        slug="dinner", kind="working_dinner", starts_on=datetime.date(2015, 9, 29)
    )
    summit = EventFactory(slug="summit", kind="summit", starts_on=datetime.date(2015, 9, 28))
    summit.topics.add(topic)
    ParticipationFactory(event=dinner, person=person, organization=dpko, role="speaker")
    ParticipationFactory(event=dinner, person=None, member_state=rwanda, role="co_host")
    ParticipationFactory(event=summit, person=None, member_state=finland, role="participant")
    report = ReportFactory(slug="r")
    first = RecommendationFactory(report=report, label="1", title="Politics first")
    first.topics.add(topic)
    RecommendationUpdateFactory(recommendation=first, implementation_status="implemented")
    RecommendationFactory(report=report, label="2", title="Partnerships")

    def get(url):
        return items(api.get(url))

    assert [e["slug"] for e in get("/api/v1/events/?kind=summit")] == ["summit"]
    assert [e["slug"] for e in get("/api/v1/events/?member_state=RWA")] == ["dinner"]
    assert [e["slug"] for e in get("/api/v1/events/?topic=pk")] == ["summit"]
    assert [e["slug"] for e in get("/api/v1/events/?organization=dpko")] == ["dinner"]
    assert [e["slug"] for e in get("/api/v1/events/?starts_after=2015-09-29")] == ["dinner"]
    assert [e["slug"] for e in get("/api/v1/events/?person=ladsous")] == ["dinner"]
    # Rwanda co-hosted the dinner; Finland only took part in the summit.
    assert [e["slug"] for e in get("/api/v1/events/?host=RWA")] == ["dinner"]
    assert get("/api/v1/events/?host=FIN") == []
    assert [e["slug"] for e in get("/api/v1/events/?ordering=starts")] == ["summit", "dinner"]
    roles = [p["role"] for p in get("/api/v1/participations/?event=dinner&role=co_host")]
    assert roles == ["co_host"]
    assert len(get("/api/v1/participations/?member_state=RWA&member_state=FIN")) == 2
    assert len(get("/api/v1/participations/?person=ladsous")) == 1
    assert [o["slug"] for o in get("/api/v1/organizations/?kind=think_tank")] == ["ipi"]
    assert [o["slug"] for o in get("/api/v1/organizations/?parent=un")] == ["dpko"]
    assert [p["slug"] for p in get("/api/v1/people/?organization=dpko")] == ["ladsous"]
    assert [p["slug"] for p in get("/api/v1/people/?member_state=FIN")] == ["other"]
    assert [p["slug"] for p in get("/api/v1/people/?q=Herve")] == ["ladsous"]  # unaccent
    assert [s["iso3"] for s in get("/api/v1/member-states/?iso3=rw")] == ["RWA"]
    assert len(get("/api/v1/member-states/?region=Europe&limit=1000")) > 40
    observers = {s["iso3"] for s in get("/api/v1/member-states/?membership=observer")}
    assert observers == {"PSE", "VAT"}
    assert [t["slug"] for t in get("/api/v1/topics/?q=peacekeeping")] == ["pk"]
    assert [r["label"] for r in get("/api/v1/recommendations/?status=implemented")] == ["1"]
    assert [r["label"] for r in get("/api/v1/recommendations/?status=not_started")] == ["2"]
    assert [r["label"] for r in get("/api/v1/recommendations/?topic=pk")] == ["1"]
    assert [r["label"] for r in get("/api/v1/recommendations/?q=partnerships")] == ["2"]
    assert [r["label"] for r in get("/api/v1/recommendations/?report=r")] == ["1", "2"]
    current = get("/api/v1/recommendations/?status=implemented")[0]
    assert current["current_status"] == "implemented"


def test_archived_content_is_not_public(api, shelf):
    Report.objects.filter(slug="alpha").update(status=Status.ARCHIVED)
    assert "alpha" not in slugs(api.get("/api/v1/reports/"))


def test_large_counts_are_exact_and_cached_for_a_minute(api, shelf, monkeypatch):
    from django.core.cache import cache

    from core.api import viewsets

    monkeypatch.setattr(viewsets, "COUNT_EXACTLY_UP_TO", 2)
    cache.clear()
    assert api.get("/api/v1/reports/").json()["count"] == 5
    assert api.get("/api/v1/reports/?topic=poc").json()["count"] == 3
    ReportFactory(slug="foxtrot")
    # Above the threshold the count comes from the cache until it expires…
    assert api.get("/api/v1/reports/").json()["count"] == 5
    assert len(slugs(api.get("/api/v1/reports/"))) == 6
    cache.clear()
    assert api.get("/api/v1/reports/").json()["count"] == 6
    # …while small results are always counted afresh.
    monkeypatch.setattr(viewsets, "COUNT_EXACTLY_UP_TO", 100)
    assert api.get("/api/v1/reports/?topic=poc").json()["count"] == 3


@pytest.mark.parametrize("rwanda", ["RWA", "rwa", "RW", "rw", "rwanda", "Rwanda", " RWA "])
def test_a_member_state_is_named_by_either_code_or_its_slug_in_any_case(api, db, rwanda):
    """Related states come with their slug, partners know ISO codes: each filter that
    takes a member state takes any of them, on every endpoint and on the pages."""
    state = member_state("RWA")
    event = EventFactory(slug="dinner")
    ParticipationFactory(event=event, person=None, member_state=state, role="co_host")
    ReportFactory(slug="on-rwanda").member_states.add(state)
    ReportFactory(slug="elsewhere").member_states.add(member_state("FIN"))
    recommendation = RecommendationFactory(report=ReportFactory(slug="r"), label="1")
    recommendation.responsible_member_states.add(state)

    def slugs(url):
        return [item["slug"] for item in items(api.get(url))]

    assert slugs(f"/api/v1/reports/?member_state={rwanda}") == ["on-rwanda"]
    assert slugs(f"/api/v1/events/?member_state={rwanda}") == ["dinner"]
    assert slugs(f"/api/v1/events/?host={rwanda}") == ["dinner"]
    assert len(items(api.get(f"/api/v1/participations/?member_state={rwanda}"))) == 1
    found = items(api.get(f"/api/v1/recommendations/?member_state={rwanda}"))
    assert [item["id"] for item in found] == [recommendation.pk]


@pytest.mark.parametrize("value", ["XX", "narnia", "RWA\x00", "R", "r" * 300])
def test_what_names_no_member_state_is_refused_with_its_reason(api, db, value):
    response = api.get("/api/v1/reports/", {"member_state": value})
    assert response.status_code == 400
    assert "member_state" in problems(response)


def test_a_page_reads_any_name_of_a_state_as_its_code(client, db, settings):
    """On the report list, member_state=finland checks Finland's facet and names it in
    its chip, as member_state=FIN does; the links it writes use the code."""
    settings.PAGE_CACHE_SECONDS = 0
    ReportFactory(slug="on-finland").member_states.add(member_state("FIN"))
    by_slug = client.get("/reports/?member_state=finland").content.decode()
    by_code = client.get("/reports/?member_state=FIN").content.decode()
    assert re.search(r'value="FIN" id="f-member_state-\d+" checked>', by_slug)
    assert by_slug.count("on-finland") == by_code.count("on-finland") > 0
    chips = by_slug.split('class="active-filters"')[1].split("</ul>")[0]
    assert "<strong>Finland</strong>" in chips
    assert "finland" not in chips  # not the slug as typed: the state, by name


def test_every_related_member_state_carries_its_iso3_code(api, db):
    """Filters take codes; so each link to a state gives its code beside its slug."""
    rwanda = member_state("RWA")
    report = ReportFactory(slug="on-rwanda")
    report.member_states.add(rwanda)
    recommendation = RecommendationFactory(report=report, label="1")
    recommendation.responsible_member_states.add(rwanda)
    ParticipationFactory(event=EventFactory(), person=None, member_state=rwanda)
    PositionFactory(person=PersonFactory(slug="envoy"), organization=None, member_state=rwanda)
    expected = {"slug": "rwanda", "name": "Rwanda", "iso3": "RWA"}

    def shown(link):
        return {key: link[key] for key in expected}

    (listed,) = items(api.get("/api/v1/reports/"))
    assert [shown(link) for link in listed["member_states"]] == [expected]
    detail = api.get("/api/v1/reports/on-rwanda/").json()
    assert [shown(link) for link in detail["member_states"]] == [expected]
    (item,) = items(api.get("/api/v1/recommendations/"))
    assert [shown(link) for link in item["responsible_member_states"]] == [expected]
    (participation,) = items(api.get("/api/v1/participations/"))
    assert shown(participation["member_state"]) == expected
    person = api.get("/api/v1/people/envoy/").json()
    assert shown(person["positions"][0]["member_state"]) == expected
    schemas = api.get("/api/v1/schema/").json()["components"]["schemas"]
    assert "iso3" in schemas["MemberStateLinkSchema"]["properties"]


def test_a_search_pages_by_cursor_in_the_ordering_it_names(api, shelf):
    first = api.get("/api/v1/reports/?q=peace&cursor=*&ordering=-published&limit=2").json()
    assert [r["slug"] for r in first["results"]] == ["delta", "charlie"]
    rest = api.get(first["next"]).json()
    assert [r["slug"] for r in rest["results"]] == ["bravo", "alpha"]
    blank = api.get("/api/v1/reports/?q=%20&cursor=*&limit=1")  # no words: no search
    assert blank.status_code == 200


def test_every_other_list_takes_none_of_and_every_one_of(api, db):
    """The same variants on events (hosts, series), participations and
    recommendations: they come from the filters, not from each endpoint."""
    rwanda, finland = member_state("RWA"), member_state("FIN")
    both = EventFactory(slug="both", starts_on=datetime.date(2015, 9, 1))
    one = EventFactory(slug="one", starts_on=datetime.date(2016, 9, 1))
    for event, hosts in ((both, [rwanda, finland]), (one, [rwanda])):
        for state in hosts:
            ParticipationFactory(event=event, person=None, member_state=state, role="co_host")
    assert slugs(api.get("/api/v1/events/?host__all=RWA&host__all=FIN")) == ["both"]
    assert slugs(api.get("/api/v1/events/?host__not=FIN")) == ["one"]
    assert slugs(api.get("/api/v1/events/?year__gte=2016")) == ["one"]
    found = items(api.get("/api/v1/participations/?member_state__not=RWA"))
    assert [item["member_state"]["iso3"] for item in found] == ["FIN"]
    poc, wps = TopicFactory(slug="poc"), TopicFactory(slug="wps")
    report = ReportFactory(slug="r")
    first = RecommendationFactory(report=report, label="1", order=1)
    second = RecommendationFactory(report=report, label="2", order=2)
    first.topics.add(poc, wps)
    second.topics.add(poc)
    ids = [
        item["id"]
        for item in items(api.get("/api/v1/recommendations/?topic__all=poc&topic__all=wps"))
    ]
    assert ids == [first.pk]
    ids = [item["id"] for item in items(api.get("/api/v1/recommendations/?topic__not=wps"))]
    assert ids == [second.pk]


@pytest.fixture
def scoped(db):
    """The same word in a different part of each report."""
    specs = {
        "in-title": {"title": "Sanctions review"},
        "in-summary": {"summary": "On sanctions and their use."},
        "in-body": {"body": "<p>The sanctions regime was renewed.</p>"},
        "in-symbol": {"title": "Annual overview"},
    }
    for slug, fields in specs.items():
        ReportFactory(slug=slug, **{"title": "Annual report", **fields})
    DocumentSymbolFactory(report=Report.objects.get(slug="in-symbol"), symbol="S/2020/77")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=sanctions", ["in-body", "in-summary", "in-title"]),
        ("q=sanctions&q_fields=title", ["in-title"]),
        ("q=sanctions&q_fields=summary", ["in-summary"]),
        ("q=sanctions&q_fields=body", ["in-body"]),
        ("q=sanctions&q_fields=title&q_fields=body", ["in-body", "in-title"]),
        ("q=sanctions&q_fields=symbol", []),
        ("q=S/2020/&q_fields=symbol", ["in-symbol"]),
        ("q=S/2020/77&q_fields=symbol&q_fields=body", ["in-symbol"]),
        ('q="sanctions regime"&q_fields=body', ["in-body"]),
        ('q="sanctions regime"&q_fields=summary', []),
    ],
)
def test_a_search_can_be_scoped_to_parts_of_a_report(api, scoped, query, expected):
    assert sorted(slugs(api.get(f"/api/v1/reports/?{query}&ordering=title"))) == expected


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ("q_fields=title", "q_fields", "q_fields needs q: add q, or leave q_fields out."),
        ("q=peace&q_fields=abstract", "q_fields", "abstract is not one of the available"),
        ("year__gte=1800", "year__gte", "greater than or equal to 1945"),
        ("year__lte=99999999999999999999", "year__lte", "less than or equal to 2100"),
        ("year__gte=twenty", "year__gte", "whole number"),
        ("year__not=1800", "year__not", "1800 is not one of the available"),
        ("topic__not=no-such-topic", "topic__not", "no-such-topic is not one of the available"),
        ("topic__all=a%00b", "topic__all", "Null characters are not allowed"),
        ("member_state__not=narnia", "member_state__not", "narnia"),
        ("kind__all=resolution", "kind__all", "not a parameter of this endpoint"),
    ],
)
def test_a_bad_variant_is_refused_by_name(api, shelf, query, parameter, says):
    found = problems(api.get(f"/api/v1/reports/?{query}"))
    assert parameter in found
    assert says in found[parameter]


def test_a_page_takes_the_variants_and_shows_them_as_removable_filters(client, shelf, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page = client.get("/reports/?topic__not=poc&year__gte=2016")
    assert page.status_code == 200
    listed = page.content.decode()
    assert "Delta on peace operations" in listed
    assert "Charlie on peace operations" in listed
    assert "Alpha on peace operations" not in listed
    chips = listed.split('class="active-filters"')[1].split("</ul>")[0]
    assert "Topic: none of these" in chips
    assert "Protection of civilians" in chips
    assert "Year: from" in chips
    assert "2016" in chips


def test_recommendations_by_id_and_never_a_draft_reports(api, db):
    chosen, other = RecommendationFactory(), RecommendationFactory()
    hidden = RecommendationFactory(report=ReportFactory(status=Status.DRAFT))
    answer = api.get(f"/api/v1/recommendations/?id={chosen.pk}&id={other.pk}")
    assert {row["id"] for row in items(answer)} == {chosen.pk, other.pk}
    assert [
        row["id"] for row in items(api.get(f"/api/v1/recommendations/?id__not={chosen.pk}"))
    ] == [other.pk]
    # A draft's recommendation is refused as one that does not exist: nothing tells them apart.
    missing = problems(api.get("/api/v1/recommendations/?id=999999"))
    assert set(missing) == {"id"}
    drafted = problems(api.get(f"/api/v1/recommendations/?id={hidden.pk}"))
    assert drafted["id"] == missing["id"].replace("999999", str(hidden.pk))
