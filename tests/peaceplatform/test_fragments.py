"""The list fragments built in Python (peaceplatform/templatetags/platform_tags.py):
the markup pages rely on, every piece of content escaped, and the same markup as the
reference templates in fragments/ give (the fragments are f-strings because templates
made the search pages a quarter to a third slower: BENCHMARKS.md, "One clear house")."""

import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import formats, translation
from django.utils.html import escape

from core.search import HIGHLIGHT_START, HIGHLIGHT_STOP
from events.models import Event
from peaceplatform.templatetags.platform_tags import (
    choice_label,
    day_month_year,
    event_card,
    facet_fieldsets,
    highlight,
    report_card,
    text,
)
from reports.models import Report, ReportKind
from tests.factories import (
    DocumentSymbolFactory,
    EventFactory,
    EventSeriesFactory,
    ReportFactory,
)

HOSTILE = '<script>alert("x")</script>'


def facet(**overrides):
    data = {
        "name": "topic",
        "label": "Topic",
        "approximate": False,
        "hidden": 0,
        "total": 2,
        "show_all": None,
        "show_fewer": None,
        "error": None,
        "values": [
            {"value": "protection", "label": "Protection", "count": 12, "selected": False},
            {"value": 'a"b', "label": HOSTILE, "count": 3, "selected": True},
        ],
    }
    return data | overrides


def test_a_facet_is_a_labelled_fieldset_of_checkboxes():
    html = facet_fieldsets([facet()])
    assert '<fieldset class="facet" id="facet-topic">' in html
    assert "<legend>Topic</legend>" in html
    assert (
        '<input type="checkbox" name="topic" value="protection" id="f-topic-1">\n'
        '        <label for="f-topic-1">Protection <span class="count">(12)</span></label>'
    ) in html
    assert 'id="f-topic-2" checked>' in html
    assert "≈" not in html
    assert "Show all" not in html
    assert 'class="field-error"' not in html


def test_facet_text_and_values_are_escaped():
    html = facet_fieldsets([facet()])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'value="a&quot;b"' in html


def test_an_estimated_facet_says_so_and_opens_in_full_with_its_number_of_values():
    html = facet_fieldsets([facet(approximate=True, hidden=7, total=9, show_all="q=a&show=topic")])
    assert '(<abbr title="about">≈</abbr>12)' in html
    assert (
        '<p class="more"><a href="?q=a&amp;show=topic#facet-topic">'
        'Show all<span class="visually-hidden"> Topic</span> (9)</a></p>'
    ) in html


def test_an_opened_facet_closes_again():
    html = facet_fieldsets([facet(show_fewer="")])
    closer = '<a href="?#facet-topic">Show fewer<span class="visually-hidden"> Topic</span></a>'
    assert closer in html
    assert "Show all" not in html


def test_a_facets_error_is_beside_its_checkboxes_and_named_by_its_fieldset():
    error = {"message": HOSTILE, "without": "q=peace"}
    html = facet_fieldsets([facet(error=error)])
    assert '<fieldset class="facet" id="facet-topic" aria-describedby="facet-topic-error">' in html
    assert (
        '<legend>Topic</legend>\n    <p class="field-error" id="facet-topic-error">'
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
        '<a href="?q=peace">Remove this filter</a></p>'
    ) in html


def test_a_facet_without_values_is_left_out():
    assert facet_fieldsets([facet(values=[])]) == ""


@pytest.mark.django_db
def test_a_report_card_shows_kind_date_symbols_and_a_truncated_summary():
    report = ReportFactory(
        title="Uniting our strengths",
        subtitle="Politics, partnership and people",
        published_on=datetime.date(2015, 6, 17),
        summary=" ".join(f"word{n}" for n in range(60)),
    )
    DocumentSymbolFactory(report=report, symbol="A/70/95", order=0)
    DocumentSymbolFactory(report=report, symbol="S/2015/446", order=1)
    html = report_card(Report.objects.for_listing().get(pk=report.pk))
    assert f'<a href="/reports/{report.slug}/">Uniting our strengths</a>' in html
    assert 'Policy paper · <time datetime="2015-06-17">17 June 2015</time>' in html
    assert '<span class="symbols">A/70/95–S/2015/446</span>' in html
    assert '<p class="subtitle">Politics, partnership and people</p>' in html
    assert "word44 …</p>" in html
    assert "word45" not in html


@pytest.mark.django_db
def test_a_report_card_escapes_content_and_marks_only_the_snippets_matches():
    report = ReportFactory(title=HOSTILE, published_on=None, summary="ignored")
    report = Report.objects.for_listing().get(pk=report.pk)
    report.snippet = f"a {HIGHLIGHT_START}peace{HIGHLIGHT_STOP} <img src=x onerror=alert(1)>"
    html = report_card(report)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert (
        '<p class="snippet">… a <mark>peace</mark> &lt;img src=x onerror=alert(1)&gt; …</p>' in html
    )
    assert "<time" not in html
    assert "ignored" not in html  # the snippet replaces the summary


@pytest.mark.parametrize(
    "day",
    [datetime.date(2015, 6, 17), datetime.date(1945, 1, 1), datetime.date(2026, 12, 31)],
)
def test_a_cards_date_reads_as_djangos_date_format_writes_it(day):
    assert day_month_year(day) == formats.date_format(day, "j F Y")


def test_a_cards_date_and_kind_follow_the_active_language():
    # Labels are worked out once per language, so a second language gets its own.
    with translation.override("fr"):
        assert day_month_year(datetime.date(2015, 6, 17)) == formats.date_format(
            datetime.date(2015, 6, 17), "j F Y"
        )
        assert choice_label(ReportKind, "policy_paper", "fr") == str(ReportKind.POLICY_PAPER.label)
    assert choice_label(ReportKind, "not-a-kind", "en") == "not-a-kind"


@pytest.mark.parametrize(
    "value",
    ['<script>alert("x")</script>', "Côte d'Ivoire & co", "a > b < c", "`´=", 42, None],
)
def test_text_escapes_exactly_as_djangos_escape(value):
    assert text(value) == escape(value)


FRAGMENTS = Path(__file__).resolve().parent / "fragments"


def reference(name: str, **context) -> str:
    """What the reference template fragments/<name>.html renders."""
    return Template((FRAGMENTS / f"{name}.html").read_text()).render(Context(context))


def squeezed(html) -> str:
    return " ".join(html.split()).replace("> <", "><")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"city": "New York", "summary": " ".join(f"word{n}" for n in range(60))},
        {"title": HOSTILE, "city": HOSTILE, "summary": HOSTILE, "chatham_house_rule": True},
        {"edition": 3, "kind": "summit", "starts_on": datetime.date(2016, 1, 2)},
        {"snippet": f"a {HIGHLIGHT_START}<b>peace</b>{HIGHLIGHT_STOP} talk", "summary": "x"},
    ],
    ids=["bare", "city-summary", "hostile", "edition", "snippet"],
)
def test_an_event_card_is_the_markup_its_template_made(fields):
    snippet = fields.pop("snippet", None)
    series = EventSeriesFactory(name="Peace operations dialogue") if "edition" in fields else None
    event = EventFactory(series=series, **fields)
    event = Event.objects.for_listing().get(pk=event.pk)
    if snippet:
        event.snippet = snippet
    expected = reference("event_card", event=event)
    html = event_card(event)
    assert squeezed(html) == squeezed(expected)
    assert "<script>" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"subtitle": "Politics, partnership and people", "summary": "word " * 60},
        {"title": HOSTILE, "subtitle": HOSTILE, "summary": HOSTILE, "published_on": None},
        {"snippet": f"a {HIGHLIGHT_START}<b>peace</b>{HIGHLIGHT_STOP} talk", "summary": "x"},
    ],
    ids=["bare", "subtitle-summary", "hostile-undated", "snippet"],
)
def test_a_report_card_is_the_markup_of_its_reference_template(fields):
    snippet = fields.pop("snippet", None)
    report = ReportFactory(**fields)
    DocumentSymbolFactory(report=report, symbol="A/70/95", order=0)
    DocumentSymbolFactory(report=report, symbol="S/2015/446", order=1)
    report = Report.objects.for_listing().get(pk=report.pk)
    if snippet:
        report.snippet = snippet
    html = report_card(report)
    assert squeezed(html) == squeezed(reference("report_card", report=report))
    assert "<script>" not in html


@pytest.mark.parametrize(
    "facets",
    [
        [facet()],
        [
            facet(approximate=True, hidden=7, total=9, show_all="show=topic"),
            facet(name="kind", label="Kind", show_fewer=""),
        ],
        [facet(values=[]), facet(name="year", label="Year", error={"message": "x", "without": ""})],
    ],
    ids=["one", "estimated-hidden-opened", "one-empty-error"],
)
def test_facet_fieldsets_are_the_markup_of_their_reference_template(facets):
    html = facet_fieldsets(facets)
    assert squeezed(html) == squeezed(reference("facet_fieldsets", facets=facets))


@pytest.mark.parametrize(
    ("snippet", "shown"),
    [
        ("The panel met. It wrote.", "The panel met. It wrote."),
        ("met in Kigali and wrote", "… met in Kigali and wrote …"),
        (f"{HIGHLIGHT_START}peace{HIGHLIGHT_STOP} operations", "… <mark>peace</mark> operations …"),
        (
            f"2015 saw {HIGHLIGHT_START}three{HIGHLIGHT_STOP} reviews.",
            "2015 saw <mark>three</mark> reviews.",
        ),
        ("“Quoted,” she said", "“Quoted,” she said …"),
        ("  ", ""),
    ],
)
def test_a_snippet_that_cuts_a_sentence_says_so_with_an_ellipsis(snippet, shown):
    assert highlight(snippet) == shown
