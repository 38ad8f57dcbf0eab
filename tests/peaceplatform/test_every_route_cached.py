"""Every public route, asked twice with the page cache on as production runs it (DEBUG
off): once to build the answer, once more to be served it from the cache. The API
with each citation style and each format, the feeds, the sitemap and the documents
too. No answer is a 500, a cached answer is the built one, and the second asking
of a page that may be cached is a hit. (A cache-only 500 once hid behind tests that
turned the cache off.)"""

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from peaceplatform import demo_content
from peaceplatform.page_cache import HEADER, UNCACHED_PATHS, cacheable_response
from tests.routes import QUERIES, fill, parameters_for, routes

pytestmark = pytest.mark.django_db

CITATION_STYLES = ["csl-json", "bibtex", "ris"]
FORMATS = ["json", "csv"]


def addresses(public_ids) -> list[str]:
    """Every route filled with published things, and its variants: each format of
    every API list, each citation style."""
    found = []
    for route, name in routes():
        url = fill(route, parameters_for(route, public_ids)) + QUERIES.get(name, "")
        found.append(url)
        if url.startswith("/api/v1/") and (name or "").endswith("-list"):
            found += [f"{url}?format={fmt}" for fmt in FORMATS]
        if name == "report-citation":
            found += [f"{url}?style={style}" for style in CITATION_STYLES]
    return found


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_suite_runs_on_production_settings():
    assert django_settings.DEBUG is False
    assert django_settings.PAGE_CACHE_SECONDS > 0


def test_every_route_twice_with_the_cache_on(client, public_ids, reliability, settings):
    # More API requests than an anonymous client's minute allows: this walk tests the
    # caches, tests/api/test_http.py the quota.
    settings.API_ANONYMOUS_RATE = 1_000_000
    api = APIClient(HTTP_HOST="localhost")
    urls = addresses(public_ids)
    asked, hits = 0, 0
    for url in urls:
        visitor = api if url.startswith("/api/") else client
        first = visitor.get(url)
        first_content = content(first)
        second = visitor.get(url)
        second_content = content(second)
        asked += 2
        assert first.status_code < 500, (url, first.status_code)
        assert second.status_code == first.status_code, url
        if second.get(HEADER) == "hit":
            hits += 1
            assert second_content == first_content, url
            assert second["Content-Type"] == first["Content-Type"], url
        elif (
            first.status_code == 200
            and not url.startswith(UNCACHED_PATHS)
            and cacheable_response(first)
        ):
            pytest.fail(f"{url} may be cached but was built twice")
    citations = [u for u in urls if "style=" in u]
    csvs = [u for u in urls if "format=csv" in u]
    assert len(citations) == len(CITATION_STYLES)
    assert len(csvs) >= 8
    assert any("/documents/" in u for u in urls)
    assert hits >= 20
    reliability(
        "Every route with the page cache on",
        addresses=f"{len(urls)} (every pattern; API lists in each format; each citation style)",
        requests=f"{asked}, each address twice; {hits} served from the cache",
        server_errors=0,
    )


def test_the_api_answers_each_citation_style_and_format_from_its_cache(public_ids):
    """The API keeps answers in its own cache (core/caching.py); CSV streams and is
    never kept. Each style answers the same the second time, with its own type."""
    api = APIClient(HTTP_HOST="localhost")
    base = f"/api/v1/reports/{demo_content.HIPPO_SLUG}/citation/"
    types = {}
    for style in CITATION_STYLES:
        first = api.get(base, {"style": style})
        second = api.get(base, {"style": style})
        assert first.status_code == second.status_code == 200, style
        assert first.content == second.content, style
        types[style] = first["Content-Type"]
    assert len(set(types.values())) == 3
    csv = api.get("/api/v1/reports/", {"format": "csv"})
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    assert b"".join(csv.streaming_content).count(b"\n") > 1
