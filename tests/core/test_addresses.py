"""slug_url builds the same addresses as Django's reverse(), without resolving each."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.addresses import slug_url

SLUG_VIEWS = [
    "reports:detail",
    "events:detail",
    "directory:member_state_detail",
    "directory:organization_detail",
    "directory:person_detail",
    "directory:topic_detail",
]


@pytest.mark.parametrize("viewname", SLUG_VIEWS)
@pytest.mark.parametrize("slug", ["a", "kigali-principles", "report_2015-06", "A70-95"])
def test_the_address_is_the_one_reverse_gives(viewname, slug):
    assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_the_address_follows_the_script_prefix_of_the_moment():
    try:
        set_script_prefix("/platform/")
        assert slug_url("reports:detail", "x") == "/platform/reports/x/"
    finally:
        set_script_prefix("/")
    assert slug_url("reports:detail", "x") == "/reports/x/"


@pytest.mark.parametrize("slug", ["", "with space", "côte", "a/b"])
def test_a_slug_the_address_cannot_hold_fails_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("reports:detail", slug)
