"""Hostile text in titles and names is stored as typed and shown as text everywhere it
appears: pages, search snippets, feeds, JSON-LD, the API (JSON and CSV) and the admin.
Markdown bodies are covered in test_markup_preview_signin.py, formulas in
test_spreadsheet_safety.py."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection

from reports.models import Report
from tests.factories import EventFactory, PersonFactory, ReportFactory, TopicFactory
from tests.peaceplatform.test_markup_preview_signin import ActiveContent

pytestmark = pytest.mark.django_db

# Under 120 characters: it must fit every name and title field it is put in.
HOSTILE = (
    'Kalomi </script><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    "<a href='javascript:alert(3)'>x</a>' OR 1=1--"
)


class Injected(ActiveContent):
    """What our hostile title would add to a page if it were not escaped. Narrower
    than ActiveContent (whose scripts-that-alert check it keeps), for the admin, whose
    own pages carry scripts and styles."""

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        attributes = dict(attrs)
        if "onerror" in attributes or (attributes.get("href") or "").startswith("javascript:"):
            self.found.append(tag)


def harmless(page: str, parser_class=ActiveContent) -> list:
    parser = parser_class()
    parser.feed(page)
    return parser.found


@pytest.fixture
def hostile():
    topic = TopicFactory(name=HOSTILE, slug="hostile-topic")
    report = ReportFactory(title=HOSTILE, slug="hostile-report", summary=HOSTILE)
    report.topics.add(topic)
    event = EventFactory(title=HOSTILE, slug="hostile-event", venue=HOSTILE)
    person = PersonFactory(name=HOSTILE, slug="hostile-person")
    return report, event, person, topic


def test_stored_exactly_as_typed_and_nothing_dropped(hostile):
    assert len(HOSTILE) <= 120
    report = Report.objects.get(slug="hostile-report")
    assert report.title == HOSTILE
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reports_report")
        assert cursor.fetchone()[0] >= 1


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/reports/",
        "/reports/?q=kalomi",
        "/reports/hostile-report/",
        "/events/hostile-event/",
        "/people/hostile-person/",
        "/topics/hostile-topic/",
        "/search/?q=kalomi",
        "/search/?q=%27%3B+DROP+TABLE+reports_report%3B+--",
    ],
)
def test_pages_and_snippets_show_it_as_text(client, hostile, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert harmless(page) == []
    if "DROP" not in url:
        # Shown, as text: escaped where a browser would otherwise read markup.
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_json_ld_keeps_the_text_and_cannot_close_its_script(client, hostile):
    for url in ["/reports/hostile-report/", "/events/hostile-event/"]:
        page = client.get(url).content.decode()
        blocks = re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page, flags=re.DOTALL
        )
        assert blocks, url
        for block in blocks:
            assert "</" not in block
            assert "<script" not in block.lower()
        names = [json.loads(block).get("name") for block in blocks]
        assert HOSTILE in names, url


@pytest.mark.parametrize(
    "url", ["/feeds/reports/", "/feeds/reports/atom/", "/feeds/search/?q=kalomi"]
)
def test_feeds_are_well_formed_and_carry_the_text(client, hostile, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # would fail on unescaped markup
    titles = [element.text for element in root.iter() if element.tag.endswith("title")]
    assert HOSTILE in titles


def test_the_api_returns_the_text_in_json_and_csv(client, hostile):
    item = client.get("/api/v1/reports/hostile-report/").json()
    assert item["title"] == HOSTILE
    assert client.get("/api/v1/reports/hostile-report/")["Content-Type"].startswith(
        "application/json"
    )
    exported = b"".join(
        client.get("/api/v1/reports/?format=csv&fields=slug,title").streaming_content
    ).decode()
    rows = {row["slug"]: row["title"] for row in csv.DictReader(io.StringIO(exported))}
    assert rows["hostile-report"] == HOSTILE
    found = client.get("/api/v1/search/?q=kalomi").json()
    snippets = [r["snippet"] for group in found["groups"] for r in group["results"]]
    assert snippets
    assert all("<script" not in snippet and "<img" not in snippet for snippet in snippets)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/report/",
        "/admin/reports/report/?q=kalomi",
        "/admin/events/event/",
        "/admin/directory/person/",
        "/admin/review/",
    ],
)
def test_the_admin_shows_it_as_text(curator_client, hostile, url):
    response = curator_client.get(url)
    assert response.status_code == 200
    assert harmless(response.content.decode(), Injected) == []


def test_the_admin_change_forms_show_it_as_text(curator_client, hostile):
    report, event, person, _topic = hostile
    for url in [
        f"/admin/reports/report/{report.pk}/change/",
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/directory/person/{person.pk}/change/",
    ]:
        response = curator_client.get(url)
        assert response.status_code == 200, url
        assert harmless(response.content.decode(), Injected) == [], url
