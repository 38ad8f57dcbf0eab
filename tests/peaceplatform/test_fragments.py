"""The list fragments (templates/includes/, through the inclusion tags of
peaceplatform/templatetags/platform_tags.py): the markup pages rely on, and every
piece of content escaped."""

import datetime

import pytest
from django.template import Context, Template

from core.search import HIGHLIGHT_START, HIGHLIGHT_STOP
from events.models import Event
from reports.models import Report
from tests.factories import (
    DocumentSymbolFactory,
    EventFactory,
    EventSeriesFactory,
    ReportFactory,
)

HOSTILE = '<script>alert("x")</script>'


def rendered(tag: str, value) -> str:
    """The fragment `{% tag value %}` renders."""
    return Template(f"{{% load platform_tags %}}{{% {tag} value %}}").render(
        Context({"value": value})
    )


def facet_fieldsets(facets):
    return rendered("facet_fieldsets", facets)


def report_card(report):
    return rendered("report_card", report)


def event_card(event):
    return rendered("event_card", event)


def facet(**overrides):
    data = {
        "name": "topic",
        "label": "Topic",
        "approximate": False,
        "hidden": 0,
        "values": [
            {"value": "protection", "label": "Protection", "count": 12, "selected": False},
            {"value": 'a"b', "label": HOSTILE, "count": 3, "selected": True},
        ],
    }
    return data | overrides


def test_a_facet_is_a_labelled_fieldset_of_checkboxes():
    html = facet_fieldsets([facet()])
    assert '<fieldset class="facet">' in html
    assert "<legend>Topic</legend>" in html
    assert (
        '<input type="checkbox" name="topic" value="protection" id="f-topic-1">'
        '<label for="f-topic-1">Protection <span class="count">(12)</span></label>'
    ) in squeezed(html)
    assert 'id="f-topic-2" checked>' in html
    assert "≈" not in html
    assert "more;" not in html


def test_facet_text_and_values_are_escaped():
    html = facet_fieldsets([facet()])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'value="a&quot;b"' in html


def test_an_estimated_facet_says_so_and_counts_what_it_leaves_out():
    html = facet_fieldsets([facet(approximate=True, hidden=7)])
    assert '(<abbr title="about">≈</abbr>12)' in html
    assert '<p class="meta">and 7 more; search or filter to find them.</p>' in html


def test_a_facet_without_values_is_left_out():
    assert facet_fieldsets([facet(values=[])]).strip() == ""


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
    assert '<p class="snippet">a <mark>peace</mark> &lt;img src=x onerror=alert(1)&gt;</p>' in html
    assert "<time" not in html
    assert "ignored" not in html  # the snippet replaces the summary


# The event card as an include once wrote it, before it was a tag of its own: the reference.
EVENT_ITEM_TEMPLATE = """{% load humanize platform_tags %}<article class="card">
  <h3><a href="{{ event.get_absolute_url }}">{{ event.title }}</a></h3>
  <p class="meta">
    {{ event.get_kind_display }} · <time datetime="{{ event.starts_on|date:'Y-m-d' }}">\
{{ event.starts_on|date:"j F Y" }}</time>{% if event.city %} · {{ event.city }}{% endif %}
    {% if event.series and event.edition %} · {{ event.edition|ordinal }} \
{{ event.series.name }}{% endif %}
  </p>
  {% if event.chatham_house_rule %}<p class="note">Held under the Chatham House rule: \
attendance is recorded, no statement is attributed.</p>{% endif %}
  {% if event.snippet %}<p class="snippet">{{ event.snippet|highlight }}</p>\
{% elif event.summary %}<p>{{ event.summary|truncatewords:45 }}</p>{% endif %}
</article>"""


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
    expected = Template(EVENT_ITEM_TEMPLATE).render(Context({"event": event}))
    html = event_card(event)
    assert squeezed(html) == squeezed(expected)
    assert "<script>" not in html
