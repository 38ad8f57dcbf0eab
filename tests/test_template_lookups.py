"""Public templates never ask an object for an attribute it lacks. For such a lookup
Django's template engine lists every attribute of the object (dir()) to tell a
missing one from a property that raised: a request has some 200, and an event list
did it for each of its 40 cards (peaceplatform/context_processors.py, Event.snippet)."""

import builtins

import pytest
from django.template import base

from peaceplatform import demo_content

PAGES = [
    "/",
    "/reports/",
    "/reports/?q=peace&sort=newest&published_after=2015-01-01",
    f"/reports/{demo_content.KIGALI_SLUG}/",
    "/events/",
    f"/events/{demo_content.DIALOGUE_SLUG}/",
    "/events/?q=dialogue",
    "/search/?q=peace",
    "/search/?q=zzzzqqq",
    "/topics/",
    "/topics/protection-of-civilians/",
    "/member-states/",
    "/member-states/rwanda/",
    "/people/herve-ladsous/",
    "/organizations/ipi/",
    "/recommendations/",
]


@pytest.fixture
def failed_lookups(monkeypatch):
    failed = []

    def listing(*args):
        failed.append(type(args[0]).__name__ if args else None)
        return builtins.dir(*args)

    # _resolve_lookup calls dir() only after a lookup failed; the module's global
    # name is looked up before the builtin.
    monkeypatch.setattr(base, "dir", listing, raising=False)
    return failed


@pytest.mark.parametrize("path", PAGES)
def test_a_public_page_asks_for_no_missing_attribute(demo, anonymous, failed_lookups, path):
    response = anonymous.get(path)
    assert response.status_code == 200
    assert failed_lookups == []


def test_the_filters_keep_what_the_visitor_chose(demo, anonymous):
    page = anonymous.get(
        "/reports/", {"sort": "oldest", "published_after": "2015-01-01", "q": "peace"}
    ).content.decode()
    assert '<option value="oldest" selected>' in page
    assert 'name="published_after" value="2015-01-01"' in page
    assert 'value="peace"' in page
