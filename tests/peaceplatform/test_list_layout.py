"""How the list pages (reports, events, recommendations) lay out their filters: the
search box and results first, the filters in a disclosure, the active filters as
removable chips, long facets opened in full on request, and a bad value's message
beside its own field."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from core.listing.filtersets import FACET_VALUES_SHOWN
from core.publishing.status import Status
from tests.factories import ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db

LISTS = ["/reports/", "/events/", "/recommendations/"]


def page_of(response) -> str:
    return response.content.decode()


def position(page: str, marker: str) -> int:
    index = page.find(marker)
    assert index != -1, f"{marker!r} is not on the page"
    return index


@pytest.mark.parametrize("url", LISTS)
def test_the_search_box_and_results_come_before_the_folded_filters_checkboxes(anonymous, demo, url):
    page = page_of(anonymous.get(url))
    search = position(page, 'type="search"')
    disclosure = position(page, '<details class="filters-panel" id="filters">')
    first_checkbox = position(page, 'type="checkbox"')
    results = position(page, '<div id="results" tabindex="-1">')
    # The box first; the filters folded (no `open`) behind a summary, whose skip link
    # lets a keyboard user pass the checkboxes; then the results.
    assert search < disclosure < first_checkbox < results
    assert "<summary>Filters" in page
    assert 'href="#results">Skip the filters, to the results</a>' in page


def test_active_filters_are_chips_that_each_remove_one_filter(anonymous, no_page_cache):
    topic = TopicFactory(name="Protection of civilians", slug="poc")
    kept = ReportFactory(title="Kept report", published_on="2016-03-01")
    kept.topics.add(topic)
    ReportFactory(title="Older report", published_on="2014-03-01").topics.add(topic)
    ReportFactory(title="Untopical report", published_on="2016-03-01")

    response = anonymous.get("/reports/", {"topic": "poc", "published_after": "2015-01-01"})
    page = page_of(response)
    assert "Kept report" in page
    assert "Older report" not in page
    assert "(2 active)" in page
    chips = {chip["shown_as"]: chip["without"] for chip in response.context["chips"]}
    assert chips == {
        "Protection of civilians": "published_after=2015-01-01",
        "1 January 2015": "topic=poc",
    }
    assert (
        '<a href="?published_after=2015-01-01"><span class="visually-hidden">Remove the filter'
        " </span>Topic: <strong>Protection of civilians</strong>"
    ) in page
    # Following a chip drops that filter alone.
    unfiltered = page_of(anonymous.get("/reports/?topic=poc"))
    assert "Older report" in unfiltered
    assert "Untopical report" not in unfiltered


def test_no_chip_without_an_active_filter_and_none_for_the_words_or_order(anonymous, demo):
    response = anonymous.get("/reports/", {"q": "peacekeeping", "sort": "newest"})
    assert response.context["chips"] == []
    assert 'class="chips"' not in page_of(response)


def test_a_long_facet_opens_in_full_in_place_and_closes_again(anonymous, no_page_cache):
    count = FACET_VALUES_SHOWN + 3
    for n in range(count):
        topic = TopicFactory(name=f"Theme {n:02d}", slug=f"theme-{n}")
        ReportFactory().topics.add(topic)
    TopicFactory(name="Draft theme", slug="draft-theme", status=Status.DRAFT)

    page = page_of(anonymous.get("/reports/", {"q": ""}))
    assert len(re.findall(r'name="topic" value="theme-', page)) == FACET_VALUES_SHOWN
    opener = re.search(r'<a href="\?([^"]*)#facet-topic">Show all<span', page)
    assert opener, "the topic facet offers to show all its values"
    assert f"Topic</span> ({count})</a>" in page

    opened = page_of(anonymous.get(f"/reports/?{opener.group(1).replace('&amp;', '&')}"))
    assert len(re.findall(r'name="topic" value="theme-', opened)) == count
    assert "Draft theme" not in opened
    closer = re.search(r'<a href="\?([^"]*)#facet-topic">Show fewer', opened)
    assert closer
    closed = page_of(anonymous.get(f"/reports/?{closer.group(1).replace('&amp;', '&')}"))
    assert len(re.findall(r'name="topic" value="theme-', closed)) == FACET_VALUES_SHOWN


def test_the_stylesheet_has_no_inner_scrolling_facet_box():
    css = Path(finders.find("css/site.css")).read_text()
    facet_rules = re.findall(r"\.facet[^{]*\{[^}]*\}", css)
    assert facet_rules
    scrolling = re.compile(r"overflow(-y)?\s*:\s*(auto|scroll)|max-height")
    assert not [rule for rule in facet_rules if scrolling.search(rule)]


def test_a_bad_value_shows_beside_its_facet_and_opens_the_filters(anonymous, no_page_cache):
    TopicFactory(name="Mediation", slug="mediation")
    ReportFactory(published_on="2015-06-17")

    response = anonymous.get("/reports/", {"year": "last year"})
    page = page_of(response)
    assert response.status_code == 400
    fieldset = page[position(page, '<fieldset class="facet" id="facet-year"') :]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    assert 'aria-describedby="facet-year-error"' in fieldset
    assert '<p class="field-error" id="facet-year-error">' in fieldset
    assert "Select a valid choice" in fieldset
    assert '<details class="filters-panel" id="filters" open>' in page


def test_a_bad_date_shows_beside_its_input_with_what_was_typed(anonymous, no_page_cache):
    response = anonymous.get("/reports/", {"published_after": "2015-13-45"})
    page = page_of(response)
    assert response.status_code == 400
    assert '<p class="field-error" id="published_after-error">From: Enter a valid date.' in page
    assert (
        'value="2015-13-45" aria-describedby="published_after-error" aria-invalid="true">' in page
    )
