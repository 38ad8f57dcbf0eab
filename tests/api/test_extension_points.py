"""The API on DRF's own extension points: the FilterSet in a filter backend, offset and
keyset pagination classes, a CSV renderer chosen by `format`, and errors in JSON
whatever format was asked for."""

import csv
import io

import pytest
from rest_framework.renderers import JSONRenderer

from core.api.filtering import CatalogueFilterBackend
from core.api.pagination import KeysetPagination, OffsetPagination
from core.api.renderers import CSVRenderer
from reports.api.views import ReportViewSet
from tests.api.conftest import problems

pytestmark = pytest.mark.django_db


def test_a_list_is_drfs_own_with_our_parts():
    view = ReportViewSet(action="list")
    assert view.filter_backends == [CatalogueFilterBackend]
    assert [type(r) for r in view.get_renderers()] == [JSONRenderer, CSVRenderer]
    assert [type(r) for r in ReportViewSet(action="retrieve").get_renderers()] == [JSONRenderer]


def test_the_paginator_follows_the_paging_asked_for(api, demo):
    offset = api.get("/api/v1/reports/", {"limit": 2, "offset": 2})
    assert offset.renderer_context["view"].paginator.__class__ is OffsetPagination
    assert offset.json()["previous"].endswith("/api/v1/reports/?limit=2")
    keyset = api.get("/api/v1/reports/", {"limit": 2, "cursor": "*"})
    assert keyset.renderer_context["view"].paginator.__class__ is KeysetPagination
    assert keyset.json()["previous"] is None
    assert "cursor=" in keyset.json()["next"]
    # The first keyset page holds the same reports as the first offset page.
    first = api.get("/api/v1/reports/", {"limit": 2}).json()["results"]
    assert [r["slug"] for r in keyset.json()["results"]] == [r["slug"] for r in first]


def test_an_error_is_json_even_when_csv_was_asked_for(api, demo):
    response = api.get("/api/v1/reports/", {"format": "csv", "limit": "many"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert problems(response) == {
        "limit": "limit must be a whole number between 0 and 1000, not 'many'."
    }


def test_format_csv_streams_from_the_renderer(api, demo):
    response = api.get("/api/v1/topics/", {"format": "csv", "fields": "slug,name"})
    assert response.status_code == 200
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["slug", "name"]
    listed = api.get("/api/v1/topics/", {"limit": 1000, "fields": "slug,name"}).json()
    assert rows[1:] == [[t["slug"], t["name"]] for t in listed["results"]]


def test_a_detail_has_no_csv():
    assert ReportViewSet(action="retrieve").get_renderers()[0].format == "json"


def test_the_csv_renderer_renders_a_page_or_a_list():
    items = [
        {"slug": "a", "topics": [{"slug": "t1"}, {"slug": "t2"}], "note": "=1+1"},
        {"slug": "b", "topics": [], "note": None},
    ]
    expected = "slug,topics,note\r\na,t1;t2,'=1+1\r\nb,,\r\n"
    assert CSVRenderer().render(items).decode() == expected
    assert CSVRenderer().render({"results": items}).decode() == expected
    assert CSVRenderer().render([]) == b"\r\n"


@pytest.mark.parametrize("q", ["-", "!!!", "OR"])
def test_a_search_that_cleans_to_no_words_is_answered(api, demo, q):
    response = api.get("/api/v1/reports/", {"q": q})
    assert response.status_code == 200
    assert response.json()["count_exact"] is True
