"""Known-item search: an item asked for by a nickname, its authors' acronym, a person's
name, its symbol or its exact title comes first, on the site and in the API; the
copies of names that make it so follow every change; drafts' names find nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import search
from core.search import known_names, names_literal
from directory.models import Organization
from events.models import Event
from peaceplatform import demo_content
from reports.filters import ReportFilter
from reports.models import Report
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("HIPPO", ["hippo", "the hippo"]),
        ('  The  "Brahimi   Report". ', ["brahimi report", "the brahimi report"]),
        ("Leaders' Summit", ["leaders' summit", "the leaders' summit"]),
        ('""', []),
    ],
)
def test_a_query_is_compared_as_a_name_in_lower_case_without_quotes_or_a_leading_the(typed, names):
    assert known_names(typed) == names


def test_the_database_writes_an_items_names_as_the_query_side_does():
    """known_names (the generated column) and known_names() (the query) must agree, or
    an exact name would never meet its item."""
    report = ReportFactory(
        title="  Uniting our  Strengths for Peace ",
        also_known_as="HIPPO report\r\n\n  The   HIPPO \n\n",
    )
    report.refresh_from_db()
    assert report.known_names == ["uniting our strengths for peace", "hippo report", "the hippo"]
    for typed in ["uniting our strengths for peace", "Hippo Report", "the HIPPO", "HIPPO"]:
        assert Report.objects.filter(known_names__overlap=known_names(typed)).get() == report
    body = OrganizationFactory(name="Department of Peace Operations", acronym="DPO")
    body.refresh_from_db()
    assert body.known_names == ["department of peace operations", "dpo"]


def test_names_with_quotes_and_backslashes_reach_the_database_as_one_array():
    tricky = 'a "quoted" name, with {braces} and a \\ backslash'
    report = ReportFactory(also_known_as=tricky)
    assert Report.objects.filter(
        pk=report.pk,
        known_names__overlap=[tricky.lower()],
    ).exists()
    literal = names_literal(known_names(tricky))
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::text[]", [literal])
        (parsed,) = cursor.fetchone()
    assert sorted(parsed) == known_names(tricky)


def test_hippo_puts_the_hippo_report_first_on_the_site_and_in_the_api(demo, anonymous, api):
    hippo = Report.objects.get(slug=demo_content.HIPPO_SLUG)

    page = anonymous.get("/search/?q=HIPPO")
    assert page.status_code == 200
    html = page.content.decode()
    best = html.split('id="best-match"', 1)[1].split("</section>", 1)[0]
    assert hippo.get_absolute_url() in best
    assert "HIPPO report" in best  # its other names, said
    # Best match first, then the report heads the reports group too.
    reports_group = html.split('id="group-reports"', 1)[1]
    assert reports_group.index(hippo.get_absolute_url()) < reports_group.index("</li>")

    answer = api.get("/api/v1/search/?q=HIPPO").json()
    assert answer["best_match"]["type"] == "reports"
    assert answer["best_match"]["slug"] == hippo.slug
    reports = next(group for group in answer["groups"] if group["type"] == "reports")
    assert reports["results"][0]["slug"] == hippo.slug

    assert titles(api.get("/api/v1/reports/?q=HIPPO"))[0] == hippo.title
    assert titles(api.get("/api/v1/reports/?q=hippo%20report"))[0] == hippo.title


def test_an_exact_name_outranks_a_newer_report_that_mentions_it_more(anonymous, api):
    named = ReportFactory(
        title="Report of the Panel on United Nations Peace Operations",
        also_known_as="Brahimi report",
        published_on="2000-08-21",
    )
    mentions = ReportFactory(
        title="The Brahimi report, twenty years on: the Brahimi report revisited",
        summary="What the Brahimi report asked for, and what the Brahimi report got.",
        published_on="2020-08-21",
    )
    assert titles(api.get("/api/v1/reports/?q=brahimi%20report")) == [named.title, mentions.title]
    assert titles(api.get("/api/v1/reports/?q=the%20Brahimi%20report"))[0] == named.title
    page = anonymous.get("/reports/?q=Brahimi+report").content.decode()
    assert page.index(named.get_absolute_url()) < page.index(mentions.get_absolute_url())
    # Sorted by date, the name gives no precedence.
    assert titles(api.get("/api/v1/reports/?q=brahimi%20report&ordering=-published")) == [
        mentions.title,
        named.title,
    ]


def test_a_named_report_joins_a_broad_searchs_candidates_however_old(monkeypatch, api):
    """Broad searches rank only their newest candidates (core/listing/filtersets.py);
    the report the words name joins them, or an old report called by a common word
    would never come first."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 0)
    monkeypatch.setattr(search, "CANDIDATES", 4)
    old = ReportFactory(
        title="Peacekeeping", also_known_as="The peacekeeping report", published_on="1990-01-01"
    )
    for year in range(2001, 2011):
        ReportFactory(title=f"Notes on peacekeeping in {year}", published_on=f"{year}-01-01")
    filterset = ReportFilter({"q": "peacekeeping report"}, queryset=Report.objects.published())
    assert filterset.is_valid()
    assert filterset.named_ids() == [old.pk]
    first = titles(api.get("/api/v1/reports/?q=peacekeeping"))[0]
    assert first == old.title
    broad = ReportFilter({"q": "peacekeeping"}, queryset=Report.objects.published())
    assert broad.is_valid()
    ranked = broad.results(with_facets=False)
    assert ranked.approximate  # the broad path, with candidates
    assert ranked.ranked_ids[0] == old.pk


def test_a_report_is_found_by_its_authors_names_and_they_follow_every_change(api):
    # In lower case: an acronym typed in capitals also finds the body's name written
    # out (test_an_acronym_also_finds_what_it_stands_for), which would blur this.
    body = OrganizationFactory(name="Department of Peace Operations", acronym="DPO")
    report = ReportFactory(title="Annual note")
    assert titles(api.get("/api/v1/reports/?q=dpo")) == []
    report.authors.add(body)
    assert titles(api.get("/api/v1/reports/?q=dpo")) == ["Annual note"]
    assert titles(api.get("/api/v1/reports/?q=department%20of%20peace")) == ["Annual note"]

    body.acronym = "DPPA"
    body.also_known_as = "Political affairs department"
    body.save()
    assert titles(api.get("/api/v1/reports/?q=dpo")) == []
    assert titles(api.get("/api/v1/reports/?q=dppa")) == ["Annual note"]
    assert titles(api.get("/api/v1/reports/?q=political%20affairs")) == ["Annual note"]

    # A stale copy of the report, saved, does not bring the old names back.
    stale = Report.objects.get(pk=report.pk)
    body.acronym = "DPKO"
    body.save()
    stale.summary = "Edited."
    stale.save()
    assert titles(api.get("/api/v1/reports/?q=dpko")) == ["Annual note"]
    assert titles(api.get("/api/v1/reports/?q=dppa")) == []

    report.authors.remove(body)
    assert titles(api.get("/api/v1/reports/?q=dpko")) == []


def test_an_acronym_also_finds_what_it_stands_for(api):
    OrganizationFactory(name="High-Level Independent Panel on Peace Operations", acronym="HIPPO")
    ReportFactory(
        title="Implementing the recommendations of the High-Level Independent Panel on "
        "Peace Operations",
    )
    ReportFactory(title="Note by the Secretary-General")
    assert titles(api.get("/api/v1/reports/?q=HIPPO%20recommendations")) == [
        "Implementing the recommendations of the High-Level Independent Panel on Peace Operations"
    ]
    assert titles(api.get("/api/v1/reports/?q=SG%20note")) == ["Note by the Secretary-General"]
    # Quoted or excluded, the acronym is taken as typed.
    assert titles(api.get('/api/v1/reports/?q="HIPPO"')) == []
    # The note does not say "SG"; excluding the word does not exclude its meaning.
    assert titles(api.get("/api/v1/reports/?q=note%20-SG")) == ["Note by the Secretary-General"]


def test_a_person_finds_the_events_they_took_part_in(api):
    person = PersonFactory(name="Hervé Ladsous", sort_name="Ladsous, Hervé")
    event = EventFactory(title="Working dinner")
    assert titles(api.get("/api/v1/events/?q=Ladsous")) == []
    ParticipationFactory(event=event, person=person)
    assert titles(api.get("/api/v1/events/?q=Ladsous")) == ["Working dinner"]
    assert titles(api.get("/api/v1/events/?q=Herve%20Ladsous")) == ["Working dinner"]
    person.name = "Jean-Pierre Lacroix"
    person.save()
    assert titles(api.get("/api/v1/events/?q=Ladsous")) == []
    assert titles(api.get("/api/v1/events/?q=Lacroix")) == ["Working dinner"]


def test_drafts_names_find_nothing(anonymous, api):
    secret_body = OrganizationFactory(name="Undisclosed panel", acronym="ZQXPANEL", status="draft")
    report = ReportFactory(title="Public report")
    report.authors.add(secret_body)
    secret_person = PersonFactory(name="Zqxperson Hidden", status="draft")
    ParticipationFactory(event=EventFactory(title="Public event"), person=secret_person)
    ReportFactory(title="Draft", also_known_as="ZQXNICK", status="draft")
    for words in ["ZQXPANEL", "Undisclosed", "Zqxperson", "ZQXNICK"]:
        assert titles(api.get(f"/api/v1/reports/?q={words}")) == []
        assert titles(api.get(f"/api/v1/events/?q={words}")) == []
        answer = api.get(f"/api/v1/search/?q={words}").json()
        assert answer["best_match"] is None, words
        assert answer["total"] == 0, words
        assert "Public report" not in anonymous.get(f"/search/?q={words}").content.decode()

    # Published, the body's names find the report; withdrawn again, they do not.
    secret_body.status = "published"
    secret_body.publish_at = Report.objects.get(pk=report.pk).publish_at
    secret_body.save()
    assert titles(api.get("/api/v1/reports/?q=ZQXPANEL")) == ["Public report"]
    Organization.objects.filter(pk=secret_body.pk).update(status="draft")
    assert titles(api.get("/api/v1/reports/?q=ZQXPANEL")) == []


def test_other_names_are_shown_and_served(demo, anonymous, api):
    hippo = Report.objects.get(slug=demo_content.HIPPO_SLUG)
    page = anonymous.get(hippo.get_absolute_url()).content.decode()
    assert 'class="also-known-as"' in page
    assert "HIPPO report" in page
    detail = api.get(f"/api/v1/reports/{hippo.slug}/").json()
    assert detail["also_known_as"][:2] == ["HIPPO report", "HIPPO"]
    summit = Event.objects.get(slug=demo_content.SUMMIT_SLUG)
    assert (
        "Peacekeeping Summit" in api.get(f"/api/v1/events/{summit.slug}/").json()["also_known_as"]
    )
    panel = api.get("/api/v1/organizations/panel-on-united-nations-peace-operations/").json()
    assert panel["also_known_as"] == ["Brahimi panel"]
    assert (
        "Brahimi panel"
        in anonymous.get(
            "/organizations/panel-on-united-nations-peace-operations/"
        ).content.decode()
    )


def test_every_kind_of_known_item_is_the_best_match(demo, api):
    expected = {
        "HIPPO": ("reports", demo_content.HIPPO_SLUG),
        "A/70/95": ("reports", demo_content.HIPPO_SLUG),
        "the Brahimi report": ("reports", demo_content.BRAHIMI_SLUG),
        "Kigali Principles": ("reports", demo_content.KIGALI_SLUG),
        "Peacekeeping Summit": ("events", demo_content.SUMMIT_SLUG),
        "EOSG": ("organizations", "executive-office-of-the-secretary-general"),
        "Ladsous": ("people", "herve-ladsous"),
        "peacekeeping": None,  # a word, not a name
    }
    for words, best in expected.items():
        answer = api.get("/api/v1/search/", {"q": words}).json()
        found = answer["best_match"] and (
            answer["best_match"]["type"],
            answer["best_match"]["slug"],
        )
        assert found == best, words


def test_the_best_match_costs_no_query(demo, anonymous, no_page_cache):
    """Read from the groups' first rows: a name costs what other words cost."""
    anonymous.get("/search/?q=HIPPO")  # compile the groups' queries
    with CaptureQueriesContext(connection) as plain:
        anonymous.get("/search/?q=politics")
    with CaptureQueriesContext(connection) as named:
        response = anonymous.get("/search/?q=HIPPO")
    assert response.context["best_match"] is not None
    assert len(named) == len(plain)
