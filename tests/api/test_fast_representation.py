"""ItemSerializer's planned to_representation gives DRF's own output, byte for byte:
every endpoint's list (all of it) and items, with and without sparse fieldsets, are
fetched twice over HTTP, once with the fast path and once with DRF's loop."""

import pytest

from core.api.fields import ItemSerializer
from peaceplatform.api.urls import router
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

PLURALS = [prefix for prefix, _viewset, _basename in router.registry]


def both_ways(api, monkeypatch, url):
    fast = api.get(url)
    monkeypatch.setattr(ItemSerializer, "FAST_REPRESENTATION", False)
    slow = api.get(url)
    monkeypatch.setattr(ItemSerializer, "FAST_REPRESENTATION", True)
    assert fast.status_code == slow.status_code == 200, (url, fast.content[:300])
    return fast.content, slow.content


@pytest.mark.parametrize("plural", PLURALS)
def test_lists_and_items_are_drfs_own_output(api, demo, settings, monkeypatch, plural):
    settings.API_ANONYMOUS_RATE = 10_000
    # Empty and missing values too: a report with no date, summary or relations.
    ReportFactory(slug="bare-report", published_on=None, summary="", subtitle="")
    listing = f"/api/v1/{plural}/?limit=1000"
    fast, slow = both_ways(api, monkeypatch, listing)
    assert fast == slow
    for item in api.get(listing).json()["results"][:25]:
        fast, slow = both_ways(api, monkeypatch, item["url"])
        assert fast == slow, item["url"]


@pytest.mark.parametrize(
    "query", ["fields=slug,title,published_on", "exclude=body,summary", "fields=topics"]
)
def test_sparse_fieldsets_too(api, demo, settings, monkeypatch, query):
    settings.API_ANONYMOUS_RATE = 10_000
    fast, slow = both_ways(api, monkeypatch, f"/api/v1/reports/?{query}")
    assert fast == slow
