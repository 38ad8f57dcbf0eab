""" "Did you mean …?" from the catalogue's own words (core/vocabulary.py): on the site
search and on every searchable list, only words of published content, and only a
suggestion that finds something."""

import pytest
from django.test import Client

from core import vocabulary
from core.publishing.status import Status
from tests.factories import EventFactory, RecommendationFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    for n in range(3):
        ReportFactory(title=f"Peacekeeping review {n}", summary="Gender-sensitive peacekeeping")
    ReportFactory(title="Peacekeeper training", summary="A manual.")
    EventFactory(title="Mediation retreat", summary="Envoys met in Oslo.")
    RecommendationFactory(title="Strengthen accountability", text="Audit every mission.")
    ReportFactory(title="Zanzibarquux secret plan", status=Status.DRAFT)
    vocabulary.refresh()


def test_a_misspelt_word_becomes_the_closest_frequent_word(catalogue):
    assert vocabulary.corrected("peacekeping") == "peacekeeping"
    assert vocabulary.corrected("Mediaton retreat") == "mediation retreat"
    assert vocabulary.corrected("acountability") == "accountability"


def test_fewer_edits_win_over_a_more_frequent_word_as_near_by_trigrams(catalogue):
    for n in range(3):
        ReportFactory(title=f"Strengthen the missions {n}", summary="Strengthen them.")
    ReportFactory(title="Uniting our strengths for peace", summary="A review.")
    vocabulary.refresh()
    # One swap from "strengths"; "strengthen" is three edits away, in more documents.
    assert vocabulary.corrected("Uniting our strenghts") == "Uniting our strengths"
    # Among words as many edits away, the more frequent.
    assert vocabulary.corrected("strengthn") == "strengthen"


@pytest.mark.parametrize(
    ("typed", "known", "count"),
    [
        ("strenghts", "strengths", 1),
        ("strenghts", "strengthen", 3),
        ("peaec", "peace", 1),
        ("mision", "mission", 1),
        ("", "un", 2),
        ("same", "same", 0),
    ],
)
def test_edits_count_insertions_deletions_replacements_and_swaps(typed, known, count):
    assert vocabulary.edits(typed, known) == count


def test_known_words_and_short_ones_are_left_alone(catalogue):
    assert vocabulary.corrected("peacekeeping review") is None
    assert vocabulary.corrected("un") is None
    assert vocabulary.corrected("qqqqqqqq") is None


def test_drafts_lend_no_words(catalogue):
    assert vocabulary.corrected("zanzibarqux") is None


def test_a_word_withdrawn_since_the_last_refresh_is_not_suggested(catalogue, no_page_cache):
    report = ReportFactory(title="Xylophonics", summary="")
    vocabulary.refresh()
    assert vocabulary.corrected("xylophonix") == "xylophonics"
    report.status = Status.DRAFT
    report.save()
    # The vocabulary still holds the word, but it finds nothing published now.
    assert vocabulary.corrected("xylophonix") == "xylophonics"
    page = Client().get("/reports/?q=xylophonix")
    assert "Did you mean" not in page.content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/reports/?q=peacekeping&sort=newest",
            '?q=peacekeeping&amp;sort=newest">peacekeeping</a>',
        ),
        ("/events/?q=mediaton", '?q=mediation">mediation</a>'),
        ("/recommendations/?q=acountability", '?q=accountability">accountability</a>'),
    ],
)
def test_every_searchable_list_suggests_the_catalogues_word(anonymous, catalogue, url, expected):
    page = anonymous.get(url).content.decode()
    assert "Did you mean" in page
    assert expected in page


def test_the_site_search_runs_the_corrected_words_and_says_so(anonymous, api, catalogue):
    """A list keeps to the words it was given (its filters and links depend on them);
    the site search, where a misspelt title is asked for, shows what the corrected
    words find."""
    response = anonymous.get("/search/?q=peacekeping")
    page = response.content.decode()
    assert response.context["corrected"] == "peacekeeping"
    assert "No results for “peacekeping”" in page
    assert "Peacekeeping review 0" in page
    answer = api.get("/api/v1/search/?q=peacekeping").json()
    assert answer["query"] == "peacekeping"
    assert answer["corrected_query"] == "peacekeeping"
    assert answer["total"] > 0
    # Words that find something are never corrected; words nothing corrects find nothing.
    assert api.get("/api/v1/search/?q=peacekeeping").json()["corrected_query"] is None
    nothing = api.get("/api/v1/search/?q=qqqqqqqq").json()
    assert nothing["corrected_query"] is None
    assert nothing["total"] == 0


def test_no_suggestion_when_the_words_find_something(anonymous, catalogue):
    page = anonymous.get("/reports/?q=peacekeeping").content.decode()
    assert "Did you mean" not in page


def test_no_suggestion_that_the_other_filters_would_empty(anonymous, catalogue):
    # The corrected words find reports, but no resolution: no suggestion.
    page = anonymous.get("/reports/?q=peacekeping&kind=resolution").content.decode()
    assert "Did you mean" not in page
