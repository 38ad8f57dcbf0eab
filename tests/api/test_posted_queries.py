"""POST on a list: the GET list's query as a JSON object, for queries too long for an
address. The same answer as GET, the same refusals, and nothing a GET would not show."""

import json
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core.api.posted import MAX_BODY_BYTES
from core.publishing.status import Status
from tests.api.conftest import problems, slugs
from tests.api.test_query_language import REPORT_FILTERS, shelf  # noqa: F401 (a fixture)
from tests.factories import RecommendationFactory, ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db

WHOLE_NUMBERS = {"limit", "offset", "facet_limit", "year", "year__not", "year__gte", "year__lte"}


def as_body(query: str) -> dict:
    """The JSON object a partner would post for a query string: repeated parameters
    as lists, numbers as numbers."""
    body = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        value = int(value) if name in WHOLE_NUMBERS else value
        if name in body:
            body[name] = (
                [*body[name], value] if isinstance(body[name], list) else [body[name], value]
            )
        else:
            body[name] = value
    return body


def post(api, path, body, **extra):
    return api.post(path, data=json.dumps(body), content_type="application/json", **extra)


@pytest.mark.parametrize(("query", "expected"), REPORT_FILTERS, ids=[q for q, _ in REPORT_FILTERS])
def test_a_posted_query_answers_as_the_same_get(api, shelf, query, expected):  # noqa: F811
    query += "&ordering=-published&facets=topic,year"
    got = api.get(f"/api/v1/reports/?{query}")
    posted = post(api, "/api/v1/reports/", as_body(query))
    assert posted.status_code == 200
    assert posted.json() == got.json()
    assert slugs(posted) == expected


@pytest.mark.parametrize(
    "path", ["/api/v1/events/", "/api/v1/recommendations/", "/api/v1/topics/", "/api/v1/people/"]
)
def test_every_list_takes_a_posted_query(api, demo, path):
    """Its `previous` (and `next`) are the GET addresses of those pages."""
    query = "limit=3&offset=1"
    posted = post(api, path, as_body(query)).json()
    assert posted == api.get(f"{path}?{query}").json()
    assert posted["previous"].endswith(f"{path}?limit=3")


def test_a_long_query_fits_in_a_body(api, shelf):  # noqa: F811
    """Two thousand symbols: about 26,000 characters, past what many proxies let
    through in an address, but a small body."""
    symbols = ["A/70/95"] + [f"S/2099/{number}" for number in range(2000)]
    posted = post(api, "/api/v1/reports/", {"symbol": symbols, "fields": "slug"})
    assert slugs(posted) == ["alpha"]


def test_a_posted_query_keeps_the_rules_of_get(api, shelf):  # noqa: F811
    found = problems(post(api, "/api/v1/reports/", {"limit": 5000, "x": 1}))
    assert found["limit"] == "limit must be between 0 and 1000."
    assert "x is not a parameter of this endpoint" in found["x"]
    found = problems(post(api, "/api/v1/reports/", {"topic": "no-such"}))
    assert "no-such is not one of the available choices" in found["topic"]
    blank = problems(post(api, "/api/v1/reports/", {"topic": " "}))
    assert blank["topic"] == "topic is empty: give it a value, or leave it out."
    assert problems(post(api, "/api/v1/reports/", {"q": "a\x00b"}))["q"]


@pytest.mark.parametrize(
    ("body", "parameter", "message"),
    [
        ({"limit": "20"}, "limit", "limit must be a whole number."),
        ({"limit": True}, "limit", "limit must be a whole number."),
        ({"limit": 2.5}, "limit", "limit must be a whole number."),
        ({"limit": [1, 2]}, "limit", "limit must be a whole number."),
        ({"q": 7}, "q", "q must be a string."),
        ({"topic": 5}, "topic", "topic must be a string or a list of strings."),
        ({"topic": ["poc", None]}, "topic", "topic must be a string or a list of strings."),
        ({"topic": [["poc"]]}, "topic", "topic must be a string or a list of strings."),
        ({"year": "2015"}, "year", "year must be a whole number or a list of whole numbers."),
        ({"ordering": {"by": "title"}}, "ordering", "ordering must be a string."),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_by_name(api, shelf, body, parameter, message):  # noqa: F811
    assert problems(post(api, "/api/v1/reports/", body)) == {parameter: message}


@pytest.mark.parametrize("body", ['["q", "peace"]', '"peace"', "12", "null"])
def test_a_body_that_is_not_an_object_is_refused(api, shelf, body):  # noqa: F811
    response = api.post("/api/v1/reports/", data=body, content_type="application/json")
    assert "must be a JSON object" in problems(response)["body"]


def test_what_is_not_json_is_refused_with_how_to_send_it(api, shelf):  # noqa: F811
    broken = api.post("/api/v1/reports/", data='{"q": ', content_type="application/json")
    assert broken.status_code == 400
    assert "JSON parse error" in broken.json()["detail"]
    deep = api.post(
        "/api/v1/reports/", data="[" * 100_000 + "]" * 100_000, content_type="application/json"
    )
    assert deep.status_code == 400
    assert "nests lists or objects too deeply" in deep.json()["detail"]
    surrogate = api.post(
        "/api/v1/reports/", data='{"q": "\\ud800"}', content_type="application/json"
    )
    assert "lone surrogate" in surrogate.json()["detail"]
    form = api.post(
        "/api/v1/reports/", data="q=peace", content_type="application/x-www-form-urlencoded"
    )
    assert form.status_code == 415
    assert "Content-Type: application/json" in form.json()["detail"]
    huge = api.post(
        "/api/v1/reports/",
        data=json.dumps({"q": "p" * (MAX_BODY_BYTES + 1)}),
        content_type="application/json",
    )
    assert "a query fits in" in problems(huge)["body"]


def test_an_empty_body_or_list_asks_nothing(api, shelf):  # noqa: F811
    everything = slugs(api.get("/api/v1/reports/?ordering=title"))
    empty = api.post("/api/v1/reports/?ordering=title", content_type="application/json")
    assert slugs(empty) == everything
    assert slugs(post(api, "/api/v1/reports/", {"ordering": "title", "topic": []})) == everything


def test_the_address_and_the_body_add_up_but_never_twice(api, shelf):  # noqa: F811
    csv = post(api, "/api/v1/reports/?format=csv", {"topic": "poc", "fields": "slug"})
    assert csv.status_code == 200
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(csv.streaming_content).decode().split() == ["slug", "bravo", "alpha", "echo"]
    twice = post(api, "/api/v1/reports/?limit=1", {"limit": 2})
    assert problems(twice) == {
        "limit": "limit is both in the body and in the address; give it once."
    }


def test_format_csv_in_the_body(api, shelf):  # noqa: F811
    csv = post(api, "/api/v1/reports/", {"format": "csv", "fields": "slug", "topic": "wps"})
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(csv.streaming_content).decode().split() == ["slug", "charlie", "bravo"]


def test_a_posted_query_shows_no_draft(api, db):
    draft_topic = TopicFactory(slug="draft-topic", status=Status.DRAFT)
    ReportFactory(slug="public")
    ReportFactory(slug="hidden", status=Status.DRAFT).topics.add(draft_topic)
    assert slugs(post(api, "/api/v1/reports/", {"limit": 100})) == ["public"]
    assert slugs(post(api, "/api/v1/reports/", {"q": "hidden"})) == []
    assert "topic" in problems(post(api, "/api/v1/reports/", {"topic": "draft-topic"}))
    assert "topic__not" in problems(post(api, "/api/v1/reports/", {"topic__not": "draft-topic"}))


def test_a_posted_query_counts_against_the_quota_and_is_not_kept(api, shelf, settings):  # noqa: F811
    settings.API_ANONYMOUS_RATE = 2
    first = post(api, "/api/v1/reports/", {"limit": 1})
    assert first["X-RateLimit-Remaining"] == "1"
    assert "ETag" not in first  # an answer to a POST is not cached by anyone
    post(api, "/api/v1/reports/", {"limit": 1})
    assert post(api, "/api/v1/reports/", {"limit": 1}).status_code == 429


def test_a_post_creates_nothing_and_items_take_no_post(api, shelf):  # noqa: F811
    assert (
        api.post("/api/v1/reports/alpha/", data="{}", content_type="application/json").status_code
        == 405
    )
    assert "actions" not in api.options("/api/v1/reports/").json()


def test_any_origin_may_post_a_query_without_a_key(demo):
    allowed = APIClient(HTTP_HOST="localhost").options(
        "/api/v1/reports/",
        HTTP_ORIGIN="https://stranger.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert allowed["Access-Control-Allow-Origin"] == "https://stranger.example"
    assert "POST" in allowed["Access-Control-Allow-Methods"]
    assert "content-type" in allowed["Access-Control-Allow-Headers"]


def test_the_schema_describes_the_body_from_the_get_parameters(api, demo):
    schema = api.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/reports/"]
    body = operation["post"]["requestBody"]["content"]["application/json"]["schema"]
    query = {p["name"]: p for p in operation["get"]["parameters"] if p["in"] == "query"}
    assert set(body["properties"]) == set(query)
    assert body["additionalProperties"] is False
    assert body["properties"]["topic"]["anyOf"][1] == query["topic"]["schema"]
    assert body["properties"]["limit"]["type"] == "integer"
    assert operation["post"]["responses"]["200"] == operation["get"]["responses"]["200"]


def test_a_posted_query_costs_the_queries_of_the_same_get(api, shelf, no_page_cache):  # noqa: F811
    """Measured on the GET's own work: a repeated GET is answered from the cache."""
    query = "topic=poc&topic__not=wps&year__gte=2015&ordering=-published,title&facets=topic"
    api.get(f"/api/v1/reports/?{query}")  # the first request of a process warms caches
    with CaptureQueriesContext(connection) as by_get:
        api.get(f"/api/v1/reports/?{query}")
    with CaptureQueriesContext(connection) as by_post:
        post(api, "/api/v1/reports/", as_body(query))
    assert len(by_post) == len(by_get)


def test_ids_are_posted_as_whole_numbers(api, db):
    chosen = RecommendationFactory()
    RecommendationFactory()
    found = post(api, "/api/v1/recommendations/", {"id": [chosen.pk]})
    assert [row["id"] for row in found.json()["results"]] == [chosen.pk]
    refused = post(api, "/api/v1/recommendations/", {"id": str(chosen.pk)})
    assert problems(refused) == {"id": "id must be a whole number or a list of whole numbers."}
