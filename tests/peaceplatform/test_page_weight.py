"""A page-weight budget: every public HTML page, with its stylesheet, under 60 KB
uncompressed, so that it loads quickly on a slow phone connection. Every route the
resolver knows that answers HTML is weighed (tests/routes.py), with the demo content,
and so are the heaviest forms of the lists: a search, and a facet opened in full."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.routes import fill, parameters_for, routes

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024  # bytes of HTML and CSS, uncompressed
HEAVY_LISTS = [
    "/reports/?q=peace",
    "/reports/?show=topic&show=organization&show=member_state",
    "/recommendations/?show=topic&show=organization",
    "/events/?q=peacekeeping",
    "/search/?q=peace",
]


def stylesheet_bytes() -> int:
    return Path(finders.find("css/site.css")).stat().st_size


def html_pages(public_ids) -> list[str]:
    urls = []
    for route, _name in routes():
        if route.startswith(("api/v1", "feeds/", "sitemap", "healthz", "readyz")):
            continue
        urls.append(fill(route, parameters_for(route, public_ids)))
    return urls


def test_every_public_page_with_its_stylesheet_is_under_60_kb(anonymous, demo, public_ids):
    css = stylesheet_bytes()
    weighed, over = 0, {}
    for url in html_pages(public_ids) + HEAVY_LISTS:
        response = anonymous.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if response.status_code != 200:
            continue
        weighed += 1
        total = len(response.content) + css
        if total > BUDGET:
            over[url] = total
    assert weighed >= 20, "the walk weighed too few pages to mean anything"
    assert over == {}, f"over {BUDGET:,} bytes with the stylesheet ({css:,} bytes): {over}"
