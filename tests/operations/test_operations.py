"""The peace operations: the 71 UN peacekeeping operations that ship, their list and
pages, the API, and the member state's "operations hosted"."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from core.publishing.status import Status
from operations.known import rows
from operations.models import Operation
from tests.api.conftest import items, problems, slugs

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def table_of(response) -> str:
    """The list's table alone: the timeline below it draws every operation."""
    html = response.content.decode()
    return html[html.index('<table class="operations">') : html.index("</table>")]


def test_every_un_peacekeeping_operation_since_1948_ships():
    operations = Operation.objects.published()
    assert operations.count() == 71 == len(rows())
    assert len(set(operations.values_list("acronym", flat=True))) == 71
    assert operations.filter(ended_on__isnull=True).count() == 11
    assert operations.order_by("started_on").first().acronym == "UNTSO"
    minusma = Operation.objects.get(acronym="MINUSMA")
    assert (minusma.started_on, minusma.ended_on) == (
        datetime.date(2013, 4, 1),
        datetime.date(2023, 12, 1),
    )
    assert minusma.period == "April 2013 – December 2023"
    assert [state.iso3 for state in minusma.hosts.all()] == ["MLI"]
    assert Operation.objects.get(acronym="MONUSCO").predecessor.acronym == "MONUC"
    assert Operation.objects.get(acronym="MINURSO").territory == "Western Sahara"
    assert Operation.objects.get(acronym="UNTSO").period == "May 1948 – present"


def test_every_operation_ships_with_its_french_name_and_acronym(anonymous):
    """The reference list's French names (operations/known.py), and the French acronym
    among the other names where the French texts use another: « FINUL » finds UNIFIL
    on the French pages and in the API."""
    assert not Operation.objects.filter(name_fr="").exists()
    unifil = Operation.objects.get(acronym="UNIFIL")
    assert unifil.name_fr == "Force intérimaire des Nations Unies au Liban"
    assert unifil.also_known_as == "FINUL"
    assert Operation.objects.get(acronym="MINUSMA").also_known_as == ""  # the same in French
    page = anonymous.get("/fr/operations/", {"q": "FINUL"}).content.decode()
    assert unifil.get_absolute_url().removeprefix("/") in page
    assert "Force intérimaire des Nations Unies au Liban" in page


def test_french_names_keep_what_a_curator_entered():
    from operations.known import add_french_names

    unifil = Operation.objects.get(acronym="UNIFIL")
    unifil.name_fr = "FINUL (Liban)"
    unifil.also_known_as = "UN force in Lebanon"
    unifil.save()
    assert add_french_names(Operation) == 1  # the acronym added, the name kept
    unifil.refresh_from_db()
    assert unifil.name_fr == "FINUL (Liban)"
    assert unifil.also_known_as == "UN force in Lebanon\nFINUL"
    assert add_french_names(Operation) == 0  # nothing more to write


def test_the_database_refuses_an_operation_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Operation.objects.filter(acronym="ONUC").update(ended_on=datetime.date(1959, 1, 1))


def test_the_list_filters_and_counts_by_state_decade_and_host(client, no_cache):
    page = client.get("/operations/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "71 operations" in html
    assert 'name="state" value="active"' in html
    assert "Active <span" in html
    table = html[html.index('<table class="operations">') : html.index("</table>")]
    assert "MINUJUSTH" in table  # the latest started first
    assert "UNTSO" not in table  # the first of all, on the last page
    assert "Page 1 of 4" in html

    mali = client.get("/operations/?host=MLI").content.decode()
    assert "1 operation" in mali
    assert "MINUSMA" in mali
    nineties = table_of(client.get("/operations/?decade=1990&state=closed&host=HTI"))
    for acronym in ("UNMIH", "UNSMIH", "UNTMIH", "MIPONUH"):
        assert acronym in nineties
    assert "MINUSTAH" not in nineties
    assert "UNIFIL" in client.get("/operations/?q=Lebanon").content.decode()


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("decade=1955", "decade"),
        ("state=sleeping", "state"),
        ("host=ATLANTIS", "host"),
        ("kind=%00", "kind"),
    ],
)
def test_a_filter_the_list_cannot_use_is_named(client, no_cache, query, says):
    page = client.get(f"/operations/?{query}")
    assert page.status_code == 400
    assert "Remove this filter" in page.content.decode()
    assert says in page.content.decode().lower()


def test_an_operation_page_says_where_when_and_what_came_before_and_after(client, no_cache):
    html = client.get("/operations/monusco/").content.decode()
    assert "United Nations Organization Stabilization Mission" in html
    assert "July 2010 – present" in html
    assert 'href="/operations/monuc/"' in html
    assert 'href="/member-states/democratic-republic-of-the-congo/"' in html
    before = client.get("/operations/monuc/").content.decode()
    assert 'href="/operations/monusco/"' in before  # followed by


def test_a_draft_operation_shows_nowhere(client, api, no_cache):
    Operation.objects.filter(acronym="MONUC").update(status=Status.DRAFT, publish_at=None)
    assert client.get("/operations/monuc/").status_code == 404
    assert "MONUC" not in client.get("/operations/?q=Congo").content.decode()
    assert 'href="/operations/monuc/"' not in client.get("/operations/monusco/").content.decode()
    assert api.get("/api/v1/operations/monuc/").status_code == 404
    assert "monuc" not in slugs(api.get("/api/v1/operations/?limit=100"))
    assert api.get("/api/v1/operations/monusco/").json()["predecessor"] is None
    sitemap = client.get("/sitemap-operations.xml").content.decode()
    assert "/operations/monusco/" in sitemap
    assert "/operations/monuc/" not in sitemap


def test_the_api_lists_filters_and_orders_operations(api):
    listed = api.get("/api/v1/operations/?host=HTI&ordering=started")
    assert slugs(listed) == ["unmih", "unsmih", "untmih", "miponuh", "minustah", "minujusth"]
    minusma = api.get("/api/v1/operations/minusma/").json()
    assert minusma["acronym"] == "MINUSMA"
    assert minusma["ended_on"] == "2023-12-01"
    assert minusma["dates_precision"] == "month"
    assert minusma["state"] == "closed"
    assert [host["iso3"] for host in minusma["hosts"]] == ["MLI"]
    active = api.get("/api/v1/operations/?state=active&limit=100")
    assert len(items(active)) == 11
    assert problems(api.get("/api/v1/operations/?decade=1955")) == {
        "decade": "decade: Select a valid choice. 1955 is not one of the available choices."
    }


def test_a_member_state_lists_the_operations_it_hosted(client, no_cache):
    html = client.get("/member-states/haiti/").content.decode()
    assert "Peace operations hosted" in html
    assert html.index("MINUJUSTH") < html.index("UNMIH")  # the latest first


def test_the_list_page_costs_the_same_queries_for_one_and_for_all(client, no_cache):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    # What a process reads once and keeps (statistics, for a minute) is read by the
    # first request: one before the two compared, so that neither pays for it.
    queries("/operations/")
    # Eleven rows or twenty (a page of the 71): the same queries.
    assert queries("/operations/?state=active") == queries("/operations/")


def test_the_site_search_finds_an_operation_by_its_acronym_first(client, api, no_cache):
    html = client.get("/search/?q=MINUSMA").content.decode()
    assert "Peace operations" in html
    assert "April 2013 – December 2023" in html
    assert 'href="/operations/?q=MINUSMA"' in html  # filter and sort these
    best = api.get("/api/v1/search/?q=MINUSMA").json()
    assert best["best_match"]["type"] == "operations"
    assert best["best_match"]["slug"] == "minusma"
    only = api.get("/api/v1/search/?q=Haiti&types=operations").json()
    [group] = only["groups"]
    assert group["type"] == "operations"
    assert group["count"] == 6
    Operation.objects.filter(acronym="MINUSMA").update(status=Status.DRAFT, publish_at=None)
    assert "/operations/minusma/" not in client.get("/search/?q=MINUSMA").content.decode()


def test_the_list_draws_every_published_operation_on_a_timeline(client, no_cache):
    Operation.objects.filter(acronym="UNOGIL").update(status=Status.DRAFT, publish_at=None)
    html = client.get("/operations/?host=MLI").content.decode()
    timeline = html[
        html.index('<svg class="timeline"') : html.index("</svg>", html.index('class="timeline"'))
    ]
    assert timeline.count("<rect") == 70  # all but the draft, whatever the list shows
    assert 'href="/operations/unogil/"' not in timeline
    assert "70 operations, the first UNTSO (May 1948)" in timeline
    assert "11 active" in timeline
    assert timeline.count('class="active"') == 11
    assert "MINUSMA: United Nations Multidimensional" in timeline


def test_a_page_calls_active_what_the_list_counts_as_active(client, no_cache):
    """An end recorded ahead of time (a mandate that runs to a known date) is an end:
    the page and the facet say the same."""
    later = datetime.date.today() + datetime.timedelta(days=400)
    Operation.objects.filter(acronym="UNIFIL").update(ended_on=later)
    page = client.get("/operations/unifil/").content.decode()
    assert "(active)" not in page
    assert Operation.objects.get(acronym="UNIFIL").state == "closed"
    assert "(active)" in client.get("/operations/unmiss/").content.decode()
