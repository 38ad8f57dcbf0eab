"""A filter value a list page cannot use: the page keeps its form and shows the results
of the other filters, says what it left out beside a link to drop it, and answers 400."""

import re

import django_filters
import pytest
from django import forms

from core.listing.filtersets import usable_part
from reports.models import Report

pytestmark = pytest.mark.django_db

PAGES = [
    # (page, a bad filter, a good one kept, the label named)
    ("/reports/", {"topic": "no-such-topic"}, {"q": "peacekeeping"}, "Topic"),
    (
        "/reports/",
        {"published_after": "2015-13-45"},
        {"q": "peacekeeping"},
        "Published on or after",
    ),
    ("/events/", {"year": "last year"}, {"q": "dialogue"}, "Year"),
    ("/recommendations/", {"status": "bogus"}, {"q": "civilians"}, "Current status"),
]


@pytest.mark.parametrize(("url", "bad", "good", "label"), PAGES)
def test_a_bad_filter_is_named_and_left_out_and_the_rest_still_lists(
    anonymous, demo, no_page_cache, url, bad, good, label
):
    response = anonymous.get(url, {**good, **bad})
    plain = anonymous.get(url, good)

    assert response.status_code == 400
    page = response.content.decode()
    assert '<div class="filter-errors" role="alert">' in page
    assert "Some filters could not be used" in page
    error = response.context["filter_errors"][0]
    assert error["label"] == label
    assert f"{label}: " in re.sub(r"<[^>]+>", "", page)
    assert f'<a href="?{error["without"]}">Remove this filter</a>' in page
    assert error["without"] == next(iter(good)) + "=" + next(iter(good.values()))
    # The form is there, holding the words searched, and the results are the good ones'.
    assert f'value="{next(iter(good.values()))}"' in page
    assert response.context["results"].total == plain.context["results"].total > 0


class StrictForm(forms.Form):
    def clean(self):
        raise forms.ValidationError("These filters cannot go together.")


class StrictFilter(django_filters.FilterSet):
    title = django_filters.CharFilter()

    class Meta:
        model = Report
        fields = ["title"]
        form = StrictForm


def test_a_request_wrong_as_a_whole_still_answers_the_error_page():
    from django.core.exceptions import BadRequest

    with pytest.raises(BadRequest, match="cannot go together"):
        usable_part(StrictFilter({"title": "x"}, queryset=Report.objects.all()))
