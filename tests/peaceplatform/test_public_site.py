"""The public pages over HTTP: every page type, what it shows, and what it never shows."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.publishing.status import Status
from peaceplatform import demo_content
from reports.filters import ReportFilter
from reports.models import Report
from tests.factories import (
    DocumentSymbolFactory,
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db

HIPPO = f"/reports/{demo_content.HIPPO_SLUG}/"
SG = f"/reports/{demo_content.SG_REPORT_SLUG}/"
KIGALI = f"/reports/{demo_content.KIGALI_SLUG}/"
DINNER = f"/events/{demo_content.DIALOGUE_SLUG}/"

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEMAP_SECTIONS = [
    f"/sitemap-{section}.xml"
    for section in [
        "pages",
        "reports",
        "recommendations",
        "events",
        "member-states",
        "people",
        "organizations",
        "topics",
    ]
]


PAGES = [
    "/",
    "/reports/",
    HIPPO,
    SG,
    KIGALI,
    "/events/",
    DINNER,
    "/member-states/",
    "/member-states/?order=az",
    "/member-states/finland/",
    "/people/",
    "/people/herve-ladsous/",
    "/organizations/",
    "/organizations/ipi/",
    "/topics/",
    "/topics/protection-of-civilians/",
    "/search/",
    "/search/?q=peacekeeping",
    "/recommendations/",
    "/recommendations/?q=civilians&status=in_progress",
    f"{HIPPO}tracker/",
    f"{HIPPO}recommendations/protection-of-civilians/",
    f"{SG}recommendations/planning-and-conduct/",
    "/topics/protection-of-civilians/recommendations/",
    "/member-states/rwanda/recommendations/",
    "/methodology/",
    "/corrections/",
    "/member-states/libya/",  # with a correction
]
FEEDS = [
    "/feeds/reports/",
    "/feeds/reports/atom/",
    "/feeds/events/",
    "/feeds/events/atom/",
    "/feeds/topics/protection-of-civilians/",
    "/feeds/topics/protection-of-civilians/atom/",
    "/feeds/member-states/rwanda/",
    "/feeds/member-states/rwanda/atom/",
    "/feeds/search/?q=peace",
    "/feeds/search/atom/?q=peace",
    f"/feeds{HIPPO}tracker/",
    f"/feeds{HIPPO}recommendations/protection-of-civilians/",
    "/feeds/topics/protection-of-civilians/recommendations/",
    "/feeds/corrections/",
    "/feeds/corrections/atom/",
]


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES + FEEDS + ["/sitemap.xml", "/robots.txt"])
def test_every_page_answers(anonymous, demo, url):
    assert anonymous.get(url).status_code == 200


# -- What pages show -----------------------------------------------------------------


def test_report_detail_shows_everything_it_links(anonymous, demo):
    page = text(anonymous.get(SG))
    assert "A/70/357" in page
    assert "S/2015/682" in page
    assert "2 September 2015" in page
    assert "Secretary-General of the United Nations" in page  # its author
    assert "This report responds to" in page
    assert HIPPO in page
    assert "https://undocs.org/en/A/70/357" in page
    assert DINNER in page
    hippo = text(anonymous.get(HIPPO))
    assert "responded to by" in hippo
    assert SG in hippo
    assert "Politics must drive the design" in hippo
    assert "Latest status: <strong>In progress</strong>" in hippo
    assert 'id="recommendation-shift-1"' in hippo


def test_report_detail_has_citations(anonymous, demo):
    page = text(anonymous.get(HIPPO))
    assert "UN document A/70/95–S/2015/446. 17 June 2015." in page
    bib = anonymous.get(f"{HIPPO}cite.bib")
    assert bib["Content-Type"].startswith("application/x-bibtex")
    body = bib.content.decode()
    assert body.startswith("@techreport{")
    assert "number = {A/70/95–S/2015/446}" in body
    assert "year = {2015}" in body
    ris = anonymous.get(f"{HIPPO}cite.ris").content.decode()
    assert ris.startswith("TY  - RPRT\r\n")
    assert "SN  - A/70/95–S/2015/446\r\n" in ris
    assert ris.endswith("ER  - \r\n")


def test_event_detail_shows_participants_and_the_chatham_house_note(anonymous, demo):
    page = text(anonymous.get(DINNER))
    assert "Chatham House rule." in page
    assert "Co-hosts" in page
    assert "Participants" in page
    assert "Terje Rød-Larsen" in page
    assert "Hervé Ladsous" in page
    assert "Member states represented (30)" in page
    assert "Minister for foreign affairs" in page
    assert "Republic of Korea" in page
    assert "The Kigali Principles on the Protection of Civilians" in page


def test_member_state_profile(anonymous, demo):
    page = text(anonymous.get("/member-states/finland/"))
    assert "Finland" in page
    assert "FIN" in page
    assert "14 December 1955" in page
    assert "Events hosted" in page
    assert demo_content.DIALOGUE_SLUG in page
    assert "<svg" in page
    assert "2015: 1" in page
    rwanda = text(anonymous.get("/member-states/rwanda/"))
    assert "The Kigali Principles on the Protection of Civilians" in rwanda


def test_member_states_by_region_and_a_to_z(anonymous, demo):
    by_region = text(anonymous.get("/member-states/"))
    assert "Africa (54)" in by_region
    assert "Europe (44)" in by_region
    a_to_z = text(anonymous.get("/member-states/?order=az"))
    assert a_to_z.index("Afghanistan") < a_to_z.index("Zimbabwe")


def test_topic_page_gathers_reports_events_and_recommendations(anonymous, demo):
    page = text(anonymous.get("/topics/protection-of-civilians/"))
    assert "The Kigali Principles on the Protection of Civilians" in page
    assert demo_content.DIALOGUE_SLUG in page
    assert "Protecting civilians is a core obligation" in page


def test_person_and_organization_pages(anonymous, demo):
    person = text(anonymous.get("/people/herve-ladsous/"))
    assert "Under-Secretary-General for Peacekeeping Operations" in person
    assert demo_content.DIALOGUE_SLUG in person
    ipi = text(anonymous.get("/organizations/ipi/"))
    assert "Brian Urquhart Center for Peace Operations" in ipi
    assert "Terje Rød-Larsen" in ipi


def test_detail_pages_carry_json_ld(anonymous, demo):
    for url, kind in [(HIPPO, "Report"), (DINNER, "Event")]:
        page = text(anonymous.get(url))
        match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        data = json.loads(match.group(1))
        assert data["@type"] == kind
    event = json.loads(
        re.search(r'ld\+json">(.*?)</script>', text(anonymous.get(DINNER)), re.S).group(1)
    )
    assert event["location"]["address"]["addressLocality"] == "New York"
    assert {"@type": "Organization", "name": "International Peace Institute"} in event["organizer"]


def test_pages_have_canonical_description_and_open_graph(anonymous, demo):
    page = text(anonymous.get(HIPPO))
    assert f'<link rel="canonical" href="http://testserver{HIPPO}">' in page
    assert '<meta name="description" content="The first comprehensive review' in page
    assert '<meta property="og:title" content="Uniting our strengths for peace' in page


# -- Lists, facets and sorts ----------------------------------------------------------


def test_report_facets_count_with_the_other_filters(anonymous, demo):
    response = anonymous.get("/reports/", {"topic": "protection-of-civilians"})
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    # The topic facet ignores its own filter, so every topic still shows its full count.
    topic_counts = {v["value"]: v["count"] for v in facets["topic"]["values"]}
    assert topic_counts["regional-partnerships"] == 2
    # Other facets count only reports on protection of civilians (HIPPO, Brahimi and
    # Kigali).
    assert {v["value"]: v["count"] for v in facets["kind"]["values"]} == {
        "panel_report": 2,
        "declaration": 1,
    }
    assert response.context["page"].paginator.count == 3


def test_filters_combine_or_within_and_across(anonymous, demo):
    either = anonymous.get("/reports/", {"kind": ["panel_report", "declaration"]})
    assert either.context["page"].paginator.count == 3  # HIPPO, Brahimi, Kigali
    both = anonymous.get(
        "/reports/",
        {"kind": ["panel_report", "declaration"], "year": "2015", "member_state": "RWA"},
    )
    assert [r.slug for r in both.context["reports"]] == [demo_content.KIGALI_SLUG]


def test_date_range(anonymous, demo):
    response = anonymous.get(
        "/reports/", {"published_after": "2015-06-01", "published_before": "2015-08-31"}
    )
    assert [r.slug for r in response.context["reports"]] == [demo_content.HIPPO_SLUG]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "newest",
            [
                demo_content.SG_REPORT_SLUG,
                demo_content.HIPPO_SLUG,
                demo_content.KIGALI_SLUG,
                demo_content.BRAHIMI_SLUG,
            ],
        ),
        (
            "oldest",
            [
                demo_content.BRAHIMI_SLUG,
                demo_content.KIGALI_SLUG,
                demo_content.HIPPO_SLUG,
                demo_content.SG_REPORT_SLUG,
            ],
        ),
        (
            "title",
            [
                demo_content.BRAHIMI_SLUG,
                demo_content.KIGALI_SLUG,
                demo_content.SG_REPORT_SLUG,
                demo_content.HIPPO_SLUG,
            ],
        ),
    ],
)
def test_report_sorts(anonymous, demo, sort, expected):
    response = anonymous.get("/reports/", {"sort": sort})
    assert [r.slug for r in response.context["reports"]] == expected


def test_pagination_keeps_every_filter(anonymous, db):
    topic = TopicFactory(slug="mandates")
    for n in range(25):
        ReportFactory(title=f"Mandate study {n}").topics.add(topic)
    page = text(anonymous.get("/reports/", {"topic": "mandates", "q": "mandate", "sort": "newest"}))
    assert 'href="?topic=mandates&amp;q=mandate&amp;sort=newest&amp;page=2"' in page
    second = anonymous.get("/reports/", {"topic": "mandates", "q": "mandate", "page": "2"})
    assert len(second.context["reports"]) == 5


@pytest.mark.parametrize(
    "params",
    [
        {"q": "mandate", "sort": "oldest"},
        {"q": "mandate", "sort": "title"},
        {"sort": "newest"},
        {"topic": "mandates", "sort": "oldest"},
    ],
)
def test_later_pages_are_slices_of_the_whole_list(anonymous, db, params):
    """Pages past the first look their ids up first (IdsFirstPaginator): the same rows
    in the same order as the list cut into pages, and the snippets and symbols of the
    page's rows only, not of every row an OFFSET would skip."""
    topic = TopicFactory(slug="mandates")
    for n in range(45):
        report = ReportFactory(
            title=f"Mandate study {n % 7}",  # ties on the title
            published_on=datetime.date(2010 + n % 4, 1, 1),  # and on the date
        )
        report.topics.add(topic)
    pages = []
    for number in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = anonymous.get("/reports/", {**params, "page": str(number)})
        pages.append([report.slug for report in response.context["reports"]])
        if number > 1:
            building = [q["sql"] for q in queries if "listed_symbols" in q["sql"]]
            assert len(building) == 1, building
            assert "OFFSET" not in building[0], building
    whole = list(
        ReportFilter({**params}, queryset=Report.objects.published()).qs.values_list(
            "slug", flat=True
        )
    )
    assert [len(page) for page in pages] == [20, 20, 5]
    assert [slug for page in pages for slug in page] == whole


def test_event_list_filters(anonymous, demo):
    response = anonymous.get("/events/", {"member_state": "GHA"})
    assert [e.slug for e in response.context["events"]] == [demo_content.DIALOGUE_SLUG]
    summits = anonymous.get("/events/", {"kind": "summit"})
    assert [e.slug for e in summits.context["events"]] == [demo_content.SUMMIT_SLUG]
    by_topic = anonymous.get("/events/", {"topic": "women-peace-and-security", "year": "2015"})
    assert [e.slug for e in by_topic.context["events"]] == [demo_content.DIALOGUE_SLUG]


def test_upcoming_events_are_listed_apart(anonymous, db):
    import datetime

    EventFactory(
        title="Next year's dialogue", starts_on=datetime.date.today() + datetime.timedelta(days=300)
    )
    EventFactory(title="An old panel", starts_on=datetime.date(2014, 5, 1))
    response = anonymous.get("/events/")
    assert [e.title for e in response.context["upcoming"]] == ["Next year's dialogue"]
    assert [e.title for e in response.context["events"]] == ["An old panel"]


# -- Search ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("A/70/95", demo_content.HIPPO_SLUG),
        ("s/2015/682", demo_content.SG_REPORT_SLUG),
        ("S/2015/446", demo_content.HIPPO_SLUG),
    ],
)
def test_a_symbol_finds_its_document_first(anonymous, demo, query, first):
    response = anonymous.get("/reports/", {"q": query})
    assert response.context["reports"][0].slug == first


def test_a_symbol_prefix_finds_every_document_under_it(anonymous, demo):
    response = anonymous.get("/reports/", {"q": "A/70/"})
    assert {r.slug for r in response.context["reports"]} == {
        demo_content.HIPPO_SLUG,
        demo_content.SG_REPORT_SLUG,
    }


def test_websearch_syntax(anonymous, demo):
    def slugs(query):
        return {r.slug for r in anonymous.get("/reports/", {"q": query}).context["reports"]}

    assert slugs('"protection of civilians"') == {demo_content.KIGALI_SLUG, demo_content.HIPPO_SLUG}
    assert slugs("kigali OR headings") == {demo_content.KIGALI_SLUG, demo_content.SG_REPORT_SLUG}
    assert slugs("civilians -kigali") == {demo_content.HIPPO_SLUG}


def test_relevance_ranks_title_matches_first(anonymous, demo):
    response = anonymous.get("/reports/", {"q": "civilians"})
    assert response.context["reports"][0].slug == demo_content.KIGALI_SLUG


def test_search_is_accent_insensitive(anonymous, demo, no_page_cache):
    for query in ["Cote d'Ivoire", "Côte d'Ivoire", "turkiye", "herve ladsous"]:
        response = anonymous.get("/search/", {"q": query})
        assert response.context["total"] >= 1, query
    groups = {
        g["key"]: g for g in anonymous.get("/search/", {"q": "Cote d'Ivoire"}).context["groups"]
    }
    assert [s.name for s in groups["member_states"]["items"]] == ["Côte d'Ivoire"]


def test_search_groups_results_by_type_with_highlighted_snippets(anonymous, demo):
    response = anonymous.get("/search/", {"q": "peacekeeping"})
    groups = {g["key"]: g for g in response.context["groups"]}
    assert groups["events"]["count"] == 2
    assert groups["organizations"]["count"] >= 1
    page = text(response)
    assert "<mark>peacekeeping</mark>" in page.lower()


def test_site_search_results_say_what_each_is_when_and_its_symbols(anonymous, demo):
    page = text(anonymous.get("/search/", {"q": "uniting our strengths"}))
    hippo = page[page.index("Uniting our strengths for peace") :]
    meta = re.search(r'<p class="meta">(.*?)</p>', hippo, re.S)[1]
    assert re.sub(r"<[^>]+>", "", meta) == "Panel report · 17 June 2015 · A/70/95 – S/2015/446"
    events = page[page.index('id="group-events"') :]
    assert re.search(r'<p class="meta">[A-Z][a-z ]+ · <time datetime="\d{4}-\d\d-\d\d">', events)


def test_snippets_and_titles_are_escaped(anonymous, db):
    ReportFactory(
        title="<script>alert(1)</script> on peacekeeping",
        summary='Peacekeeping "><img src=x onerror=alert(2)> in the field',
    )
    for url, params in [("/search/", {"q": "peacekeeping"}), ("/reports/", {"q": "peacekeeping"})]:
        page = text(anonymous.get(url, params))
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page
        assert (
            "&lt;img src=x onerror=alert(2)&gt;" in page.replace("&quot;", '"')
            or "onerror" not in page
        )


def test_report_list_highlights_matches(anonymous, demo):
    page = text(anonymous.get("/reports/", {"q": "voluntary pledges"}))
    assert "<mark>voluntary</mark> <mark>pledges</mark>" in page


def test_snippets_show_matches_found_in_the_body(anonymous, demo):
    # "chaired" appears only in the HIPPO report's body, not in its summary.
    for url in ["/reports/", "/search/"]:
        page = text(anonymous.get(url, {"q": "chaired"}))
        assert "<mark>chaired</mark> by José Ramos-Horta" in page, url


def test_did_you_mean(anonymous, demo):
    response = anonymous.get("/search/", {"q": "protecton"})
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "Protection of civilians"
    assert "Did you mean" in text(response)


def test_empty_search_shows_browse_topics(anonymous, demo):
    page = text(anonymous.get("/search/"))
    assert "Browse by topic" in page
    assert "/topics/protection-of-civilians/" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "peace\x00keeping"}, "NUL character"),
        ({"q": "x" * 5000}, "shorten it to at most 500 characters"),
    ],
)
@pytest.mark.parametrize("url", ["/search/", "/reports/", "/events/", "/feeds/search/"])
def test_malformed_queries_get_a_helpful_400(anonymous, demo, url, params, message):
    response = anonymous.get(url, params)
    assert response.status_code == 400
    assert message in text(response)


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "peace & | !",
        "((",
        "-",
        "OR",
        "\u202e\u0627\u0644\u0633\u0644\u0627\u0645 peace",
    ],
)
def test_odd_but_harmless_queries_answer_200(anonymous, demo, query):
    assert anonymous.get("/search/", {"q": query}).status_code == 200
    assert anonymous.get("/reports/", {"q": query}).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        # A filter's error is named by the label its form shows.
        ({"year": "abc"}, "Year: Select a valid choice"),
        ({"year": "99999999999999999999"}, "Year: Select a valid choice"),
        ({"topic": "no-such-topic"}, "Topic: Select a valid choice"),
        ({"published_after": "2015-13-45"}, "Published on or after: Enter a valid date"),
        ({"sort": "sideways"}, "Sort by: Select a valid choice"),
        ({"page": "x"}, "page must be a whole number"),
        ({"page": "-1"}, "page must be between 1 and 1"),
    ],
)
def test_bad_filters_get_a_400_that_says_what_to_fix(anonymous, demo, params, message):
    response = anonymous.get("/reports/", params)
    assert response.status_code == 400
    assert message in text(response)


# -- Drafts never leak -------------------------------------------------------------------

SECRET = "Zanzibarquux"


@pytest.fixture
def drafts(demo):
    """Unpublished content of every kind, linked from published content."""
    from directory.models import Topic
    from events.models import Event
    from reports.models import Recommendation, RecommendationLink, Report, ReportRelation

    hippo = Report.objects.get(slug=demo_content.HIPPO_SLUG)
    dinner = Event.objects.get(slug=demo_content.DIALOGUE_SLUG)
    poc = Topic.objects.get(slug="protection-of-civilians")
    poc_recommendation = Recommendation.objects.get(report=hippo, slug="protection-of-civilians")
    for status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED):
        report = ReportFactory(
            title=f"{SECRET} report {status}", summary=f"{SECRET} peacekeeping", status=status
        )
        DocumentSymbolFactory(report=report, symbol=f"A/71/{len(status)}")
        report.topics.add(poc)
        report.member_states.add(member_state("FIN"))
        report.events.add(dinner)
        ReportRelation.objects.create(source=report, target=hippo, kind="responds_to")
        RecommendationFactory(
            report=report, title=f"{SECRET} recommendation", text="peace"
        ).topics.add(poc)
        event = EventFactory(
            title=f"{SECRET} event {status}", summary="peacekeeping", status=status
        )
        event.topics.add(poc)
        ParticipationFactory(event=event, person=None, member_state=member_state("FIN"))
        ParticipationFactory(
            event=event, person=None, member_state=member_state("RWA"), role="host"
        )
        person = PersonFactory(name=f"{SECRET} Person {status}", status=status)
        ParticipationFactory(event=dinner, person=person, role="speaker")
        organization = OrganizationFactory(name=f"{SECRET} Org {status}", status=status)
        organization.parent_id = None
        organization.save()
        topic = TopicFactory(name=f"{SECRET} topic {status}", status=status)
        # Linked from published content: facets and tags must not name them.
        hippo.topics.add(topic)
        hippo.authors.add(organization)
        poc_recommendation.topics.add(topic)
        poc_recommendation.responsible_organizations.add(organization)
        poc_recommendation.cited_by.add(report)
        RecommendationLink.objects.create(
            source=report.recommendations.get(), target=poc_recommendation, kind="reaffirms"
        )
        # Implementation updates that are not public, on a public recommendation.
        RecommendationUpdateFactory(
            recommendation=poc_recommendation,
            status=status,
            implementation_status="implemented",
            dated=datetime.date(2030, 1, 1),
            summary=f"{SECRET} update {status}",
        )
    RecommendationUpdateFactory(
        recommendation=poc_recommendation,
        publish_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1),
        implementation_status="implemented",
        dated=datetime.date(2030, 1, 2),
        summary=f"{SECRET} scheduled update",
    )


@pytest.mark.parametrize(
    "url",
    PAGES
    + FEEDS
    + SITEMAP_SECTIONS
    + [
        "/reports/?q=A/71/",
        "/events/?member_state=FIN",
        "/events/?host=RWA",
        "/member-states/finland/",
        "/feeds/member-states/finland/",
    ],
)
def test_drafts_never_appear(anonymous, drafts, url):
    response = anonymous.get(url)
    assert response.status_code == 200
    assert SECRET.lower() not in text(response).lower()


def test_searching_for_draft_words_finds_nothing(anonymous, drafts):
    # The query is echoed on the page, so count results instead of looking for the word.
    assert anonymous.get("/search/", {"q": SECRET}).context["total"] == 0
    assert anonymous.get("/reports/", {"q": SECRET}).context["page"].paginator.count == 0
    assert anonymous.get("/events/", {"q": SECRET}).context["page"].paginator.count == 0
    assert feed_titles(anonymous.get("/feeds/search/", {"q": SECRET})) == []
    assert anonymous.get("/search/", {"q": "zanzibarqux"}).context["suggestion"] is None


def test_draft_detail_pages_are_404(anonymous, drafts):
    from directory.models import Organization, Person, Topic
    from events.models import Event
    from reports.models import Report

    for model, prefix in [
        (Report, "/reports/"),
        (Event, "/events/"),
        (Person, "/people/"),
        (Organization, "/organizations/"),
        (Topic, "/topics/"),
    ]:
        for obj in model.objects.exclude(status=Status.PUBLISHED):
            assert anonymous.get(f"{prefix}{obj.slug}/").status_code == 404, obj
            if model is Report:
                assert anonymous.get(f"{prefix}{obj.slug}/cite.bib").status_code == 404
        for feed in ("/feeds/topics/",):
            if model is Topic:
                for obj in model.objects.exclude(status=Status.PUBLISHED):
                    assert anonymous.get(f"{feed}{obj.slug}/").status_code == 404


# -- Feeds, sitemap, robots ------------------------------------------------------------------


def feed_titles(response) -> list[str]:
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    if root.tag == f"{atom}feed":
        return [entry.find(f"{atom}title").text for entry in root.iter(f"{atom}entry")]
    return [item.find("title").text for item in root.iter("item")]


def test_feeds_list_published_items(anonymous, demo):
    titles = feed_titles(anonymous.get("/feeds/reports/"))
    assert titles[0].startswith("The future of United Nations peace operations")
    assert "(A/70/357 – S/2015/682)" in titles[0]
    assert len(feed_titles(anonymous.get("/feeds/reports/atom/"))) == 4
    assert feed_titles(anonymous.get("/feeds/topics/protection-of-civilians/")) == [
        "Uniting our strengths for peace: politics, partnership and people (A/70/95 – S/2015/446)",
        "The Kigali Principles on the Protection of Civilians",
        "Report of the Panel on United Nations Peace Operations (A/55/305 – S/2000/809)",
    ]
    events = feed_titles(anonymous.get("/feeds/events/"))
    assert events[0].startswith("Uniting Our Strengths for Peace")


def test_search_feed_carries_the_filters(anonymous, demo):
    page = text(anonymous.get("/reports/", {"q": "civilians", "topic": "protection-of-civilians"}))
    assert 'href="/feeds/search/?q=civilians&amp;topic=protection-of-civilians"' in page
    titles = feed_titles(
        anonymous.get("/feeds/search/", {"q": "kigali", "topic": "protection-of-civilians"})
    )
    assert titles == ["The Kigali Principles on the Protection of Civilians"]
    assert anonymous.get("/feeds/search/", {"year": "abc"}).status_code == 400


@pytest.mark.parametrize("url", ["/feeds/search/", "/feeds/search/atom/"])
def test_a_search_feed_for_words_with_control_characters_is_still_a_feed(anonymous, demo, url):
    # XML 1.0 cannot carry them: the title drops them rather than failing the feed.
    response = anonymous.get(url, {"q": "peace\x01keeping\x1f"})
    assert response.status_code == 200
    # The feed's own title comes first in both formats.
    title = ET.fromstring(response.content).find(".//{*}title")
    assert title.text == "Reports matching “peacekeeping”"


def test_a_control_character_in_content_leaves_every_feed_readable(anonymous, db):
    # A vertical tab pasted from a word processor: Django's XML writer refuses it.
    report = ReportFactory(title="Vertical\x0btab", summary="Pasted\x0btext")
    for url in ["/feeds/reports/", "/feeds/reports/atom/"]:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        titles = [t.text for t in ET.fromstring(response.content).iter() if t.tag.endswith("title")]
        assert "Verticaltab" in titles, url
    assert report.title == "Vertical\x0btab"  # the content itself is left as entered


def test_every_feed_of_the_site_cleans_what_xml_cannot_carry():
    from django.contrib.syndication.views import Feed
    from django.urls import URLResolver, get_resolver

    from peaceplatform.feeds import PlatformFeed

    def callbacks(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from callbacks(pattern.url_patterns)
            else:
                yield pattern.callback

    feeds = [
        callback
        for callback in callbacks(get_resolver().url_patterns)
        if isinstance(callback, Feed)
    ]
    assert len(feeds) >= 10
    assert all(isinstance(feed, PlatformFeed) for feed in feeds)


def sitemap_locations(client) -> set[str]:
    """Every address of the sitemap: its index, then each page of each section."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    locations = set()
    for page in index.iter(f"{SITEMAP_NS}loc"):
        response = client.get(page.text.removeprefix("http://testserver"))
        assert response.status_code == 200, page.text
        locations |= {loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP_NS}loc")}
    return locations


def test_sitemap_lists_published_pages(anonymous, demo):
    locations = sitemap_locations(anonymous)
    assert f"http://testserver{HIPPO}" in locations
    assert f"http://testserver{DINNER}" in locations
    assert "http://testserver/member-states/finland/" in locations


def test_robots_points_to_the_sitemap(anonymous, db):
    body = text(anonymous.get("/robots.txt"))
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


# -- Broad queries ------------------------------------------------------------------------


@pytest.fixture
def broad(monkeypatch, db):
    """Limits lowered so that 30 reports make a broad query (core/search.py)."""
    from core import search

    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    topic = TopicFactory(slug="broad")
    for n in range(30):
        report = ReportFactory(
            title=f"Peace report {n}" + (" on ceasefires" if n == 3 else ""),
            published_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
        )
        report.topics.add(topic)
    # The decision rests on the planner's estimate; give it statistics, as autovacuum would.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
    return topic


def test_a_broad_query_ranks_among_the_newest_and_says_counts_are_estimates(anonymous, broad):
    response = anonymous.get("/reports/", {"q": "peace"})
    assert response.context["results"].approximate
    slugs = {report.title for report in response.context["page"].object_list}
    # Only the 10 newest matches (days 20..29) are candidates.
    assert slugs == {f"Peace report {n}" for n in range(20, 30)}
    page = text(response)
    assert "About 30 reports" in page
    assert "counts are estimates" in page
    topic_facet = next(f for f in response.context["facets"] if f["name"] == "topic")
    assert topic_facet["approximate"]
    assert topic_facet["values"][0]["count"] == 30  # 10 candidates scaled by 30 / 10


def test_a_broad_query_sorted_by_date_still_reaches_the_oldest(anonymous, broad):
    response = anonymous.get("/reports/", {"q": "peace", "sort": "oldest"})
    assert response.context["page"].object_list[0].title == "Peace report 0"


def test_a_narrow_query_stays_exact(anonymous, broad):
    response = anonymous.get("/reports/", {"q": "ceasefires"})
    assert not response.context["results"].approximate
    assert [r.title for r in response.context["reports"]] == ["Peace report 3 on ceasefires"]
    assert "1 report" in text(response)


def test_site_search_estimates_broad_report_counts(anonymous, broad):
    groups = {g["key"]: g for g in anonymous.get("/search/", {"q": "peace"}).context["groups"]}
    assert groups["reports"]["approximate"]
    assert groups["reports"]["count"] == 30


def test_a_site_search_group_ranks_fewer_candidates_than_its_list(anonymous, broad, monkeypatch):
    """A group shows its best few, ranked among its GROUP_CANDIDATES newest matches;
    the list it links to ranks the whole CANDIDATES (peaceplatform/search.py)."""
    from peaceplatform import search as site_search

    monkeypatch.setattr(site_search, "GROUP_CANDIDATES", 4)
    for n in range(30):
        EventFactory(
            title=f"Peace dialogue {n}", starts_on=datetime.date(2000, 1, 1) + datetime.timedelta(n)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event")
    response = anonymous.get("/search/", {"q": "peace"})
    groups = {group["key"]: group for group in response.context["groups"]}
    newest = {
        "reports": {f"Peace report {n}" for n in range(26, 30)},
        "events": {f"Peace dialogue {n}" for n in range(26, 30)},
    }
    for key, titles in newest.items():
        assert groups[key]["approximate"]
        assert groups[key]["count"] == 30  # the estimate, as before
        assert {item.title for item in groups[key]["items"]} == titles
    # The lists still rank their ten newest.
    listed = anonymous.get("/reports/", {"q": "peace"}).context["page"].object_list
    assert {report.title for report in listed} == {f"Peace report {n}" for n in range(20, 30)}
    listed = anonymous.get("/events/", {"q": "peace"}).context["page"].object_list
    assert {event.title for event in listed} == {f"Peace dialogue {n}" for n in range(20, 30)}


def test_results_with_facets_take_no_other_number_of_candidates(broad):
    filterset = ReportFilter({"q": "peace"}, queryset=Report.objects.published())
    assert filterset.is_valid()
    with pytest.raises(ValueError, match="facets count"):
        filterset.results(candidates=4)
    assert len(filterset.results(with_facets=False, candidates=4).ranked_ids) == 4


def dated_rows(factory, field, per_year):
    """Rows a week apart within each year, {year: how many}; then ANALYZE, as
    autovacuum would, so that the planner and the column's statistics know them."""
    from django.db import connection

    for year, count in per_year.items():
        for n in range(count):
            factory(**{field: datetime.date(year, 1, 1) + datetime.timedelta(weeks=n)})
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {factory._meta.model._meta.db_table}")


def year_counts(response) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f["name"] == "year")
    assert facet["approximate"]
    return {value["value"]: value["count"] for value in facet["values"]}


@pytest.mark.parametrize(
    ("path", "factory", "field"),
    [("/reports/", ReportFactory, "published_on"), ("/events/", EventFactory, "starts_on")],
)
def test_a_broad_list_estimates_every_year_not_only_its_newest(
    anonymous, monkeypatch, db, path, factory, field
):
    from core import search

    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    dated_rows(factory, field, {2001: 10, 2002: 10, 2003: 15})
    counts = year_counts(anonymous.get(path))
    # The ten candidates are the newest, all of 2003; scaling their count up said
    # "2003: 35" and nothing else. The 25 older rows are spread over the years before
    # the oldest candidate as the table's dates are, from PostgreSQL's statistics.
    assert set(counts) == {"2003", "2002", "2001"}
    assert abs(counts["2003"] - 15) <= 2
    assert abs(counts["2002"] - 10) <= 2
    assert abs(counts["2001"] - 10) <= 2


def test_a_broad_list_counts_exactly_the_years_its_candidates_cover(anonymous, monkeypatch, db):
    from core import search

    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    dated_rows(ReportFactory, "published_on", {2001: 20, 2002: 3, 2003: 4})
    counts = year_counts(anonymous.get("/reports/"))
    # The newest ten reach into 2001: 2003 and 2002 are among them whole, so exact;
    # 2001 holds its three candidates and the 17 rows older than them.
    assert counts["2003"] == 4
    assert counts["2002"] == 3
    assert abs(counts["2001"] - 20) <= 1


def test_a_broad_event_search_estimates_its_count(anonymous, monkeypatch, db):
    from django.db import connection

    from core import search

    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    for n in range(30):
        EventFactory(
            title=f"Peace dialogue {n}",
            starts_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event")
    response = anonymous.get("/events/", {"q": "peace"})
    assert response.context["results"].approximate
    assert {e.title for e in response.context["events"]} == {
        f"Peace dialogue {n}" for n in range(20, 30)
    }
    assert "About 30 events" in text(response)
    groups = {g["key"]: g for g in anonymous.get("/search/", {"q": "peace"}).context["groups"]}
    assert groups["events"]["approximate"]


def test_profiles_show_the_newest_and_link_to_the_rest(anonymous, monkeypatch, db):
    from directory import views

    monkeypatch.setattr(views, "PROFILE_LIST_SIZE", 2)
    topic = TopicFactory(slug="mandates", name="Mandates")
    finland = member_state("FIN")
    for n in range(3):
        report = ReportFactory(
            title=f"Mandate study {n}", published_on=datetime.date(2010 + n, 1, 1)
        )
        report.topics.add(topic)
        report.member_states.add(finland)
        event = EventFactory(title=f"Mandate dialogue {n}", starts_on=datetime.date(2010 + n, 5, 1))
        event.topics.add(topic)
        ParticipationFactory(event=event, member_state=finland)

    topic_page = text(anonymous.get("/topics/mandates/"))
    assert "Mandate study 2" in topic_page
    assert "Mandate study 1" in topic_page
    assert "Mandate study 0" not in topic_page  # the oldest, a link away
    assert 'href="/reports/?topic=mandates">All reports on Mandates' in topic_page
    assert 'href="/events/?topic=mandates">All events on Mandates' in topic_page

    state_page = text(anonymous.get("/member-states/finland/"))
    assert "Mandate dialogue 2" in state_page
    assert "Mandate dialogue 0" not in state_page
    assert 'href="/events/?member_state=FIN">All events Finland took part in' in state_page
    assert 'href="/reports/?member_state=FIN">All reports concerning Finland' in state_page
    # The chart still counts every year's events, not only those listed.
    assert "2010: 1 event; 2011: 1 event; 2012: 1 event" in state_page


def event_titles(response) -> set[str]:
    assert response.status_code == 200, text(response)
    return {event.title for event in response.context["events"]}


def test_a_person_and_a_host_link_to_all_their_events(anonymous, monkeypatch, db):
    from directory import views

    monkeypatch.setattr(views, "PROFILE_LIST_SIZE", 2)
    person = PersonFactory(slug="envoy", name="Special Envoy")
    finland = member_state("FIN")
    for n in range(3):
        event = EventFactory(title=f"Envoy talks {n}", starts_on=datetime.date(2010 + n, 5, 1))
        ParticipationFactory(event=event, person=person, role="speaker")
        hosted = EventFactory(title=f"Helsinki forum {n}", starts_on=datetime.date(2010 + n, 6, 1))
        ParticipationFactory(event=hosted, person=None, member_state=finland, role="host")
    attended = EventFactory(title="Attended only", starts_on=datetime.date(2013, 1, 1))
    ParticipationFactory(event=attended, person=None, member_state=finland)
    ParticipationFactory(event=attended, person=None, member_state=member_state("RWA"), role="host")
    draft = EventFactory(title="Draft talks", status=Status.DRAFT)
    ParticipationFactory(event=draft, person=person)
    ParticipationFactory(event=draft, person=None, member_state=finland, role="co_host")

    # The profiles said "The latest 2." with no way to the rest.
    person_page = text(anonymous.get("/people/envoy/"))
    assert "Envoy talks 0" not in person_page
    assert 'href="/events/?person=envoy">All events Special Envoy took part in' in person_page
    state_page = text(anonymous.get("/member-states/finland/"))
    assert 'href="/events/?host=FIN">All events Finland hosted' in state_page

    assert event_titles(anonymous.get("/events/?person=envoy")) == {
        f"Envoy talks {n}" for n in range(3)
    }
    assert event_titles(anonymous.get("/events/?host=FIN")) == {
        f"Helsinki forum {n}" for n in range(3)
    }
    assert event_titles(anonymous.get("/events/?host=RWA")) == {"Attended only"}
    # Several values: either one (OR within a filter).
    assert len(event_titles(anonymous.get("/events/?host=FIN&host=RWA"))) == 4
    # A person not published is no choice at all.
    PersonFactory(slug="hidden", status=Status.DRAFT)
    response = anonymous.get("/events/?person=hidden")
    assert response.status_code == 400
    assert "Person taking part: Select a valid choice" in text(response)


def test_a_filter_by_a_related_row_is_estimated_from_its_id(anonymous, monkeypatch, db):
    from django.db import connection

    from core import search

    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    person = PersonFactory(slug="envoy")
    regulars = [PersonFactory() for _ in range(10)]
    for n in range(40):
        event = EventFactory(starts_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n))
        if n == 7:
            ParticipationFactory(event=event, person=person)
        for k in range(3):
            ParticipationFactory(event=event, person=regulars[(n + k) % 10])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # Matched by slug behind a join, the planner cannot know which person: it expects
    # an average person's share of the participations (11 events here; 9,470 of the
    # sample corpus's 10,000 for a person at one), and the page called itself broad.
    response = anonymous.get("/events/?person=envoy")
    assert not response.context["results"].approximate
    assert len(event_titles(response)) == 1


def test_a_filter_the_form_has_no_control_for_is_shown_and_kept(anonymous, db):
    body = OrganizationFactory(slug="big-body", name="Big body")
    for year in (2010, 2011):
        event = EventFactory(title=f"Body dialogue {year}", starts_on=datetime.date(year, 5, 1))
        ParticipationFactory(event=event, organization=body)
    EventFactory(title="Someone else's", starts_on=datetime.date(2011, 1, 1))

    response = anonymous.get("/events/?organization=big-body&year=2011")
    assert event_titles(response) == {"Body dialogue 2011"}
    page = text(response)
    form = page[page.index('<form class="filters"') : page.index("</form>")]
    # Applying a facet submits the form: the organization, which has no checkbox,
    # goes with it as a hidden input, and is named with a way to remove it.
    assert '<input type="hidden" name="organization" value="big-body">' in form
    assert (
        '<a href="?year=2011"><span class="visually-hidden">Remove the filter </span>'
        "Organization taking part: <strong>Big body</strong>"
    ) in form
    # The year has its checkbox, so it is not repeated.
    assert 'type="hidden" name="year"' not in form
    assert 'name="year" value="2011"' in form

    # A year selected that the facet no longer lists (nothing left in it) is kept too.
    response = anonymous.get("/events/?organization=big-body&year=1990")
    assert event_titles(response) == set()
    assert '<input type="hidden" name="year" value="1990">' in text(response)

    # The tracker too: here the date of the latest change, which has no control.
    page = text(anonymous.get("/recommendations/?updated_since=2020-01-01T00:00:00Z"))
    assert '<input type="hidden" name="updated_since" value="2020-01-01T00:00:00Z">' in page

    # The report list keeps what its form lacks the same way: here a symbol.
    report = ReportFactory(title="Symbol holder")
    DocumentSymbolFactory(report=report, symbol="A/70/95")
    page = text(anonymous.get("/reports/?symbol=A/70/95"))
    assert '<input type="hidden" name="symbol" value="A/70/95">' in page
    assert "Symbol holder" in page


def test_an_organizations_profile_shows_its_newest_reports_and_events(anonymous, monkeypatch, db):
    from directory import views

    monkeypatch.setattr(views, "PROFILE_LIST_SIZE", 2)
    body = OrganizationFactory(slug="big-body", name="Big body")
    for n in range(3):
        ReportFactory(
            title=f"Body study {n}", published_on=datetime.date(2010 + n, 1, 1)
        ).authors.add(body)
        event = EventFactory(title=f"Body dialogue {n}", starts_on=datetime.date(2010 + n, 5, 1))
        ParticipationFactory(event=event, organization=body)
    page = text(anonymous.get("/organizations/big-body/"))
    assert "Body study 2" in page
    assert "Body study 0" not in page
    assert "Body dialogue 2" in page
    assert "Body dialogue 0" not in page
    assert 'href="/reports/?organization=big-body">All reports by Big body' in page
    assert 'href="/events/?organization=big-body">All events Big body took part in' in page


def test_the_sitemap_is_an_index_of_pages_of_sections(anonymous, monkeypatch, db):
    from peaceplatform.sitemaps import ReportSitemap

    monkeypatch.setattr(ReportSitemap, "limit", 2)
    for n in range(5):
        ReportFactory(slug=f"mapped-{n}")
    index = text(anonymous.get("/sitemap.xml"))
    assert "<loc>http://testserver/sitemap-reports.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-reports.xml?p=3</loc>" in index
    assert "sitemap-reports.xml?p=4" not in index
    assert "<lastmod>" in index  # the newest change of the section
    locations = sitemap_locations(anonymous)
    assert {f"http://testserver/reports/mapped-{n}/" for n in range(5)} <= locations


# Not named `page`: that is Playwright's fixture, and would make these browser tests.
@pytest.mark.parametrize("number", ["abc", "-1", "1e9", "\x00", "²"])
def test_a_sitemap_page_that_is_not_a_number_is_a_bad_request(anonymous, db, number):
    response = anonymous.get("/sitemap-reports.xml", {"p": number})
    assert response.status_code == 400
    assert "p must be a page number" in text(response)


def test_a_sitemap_page_or_section_that_does_not_exist_is_not_found(anonymous, db):
    assert anonymous.get("/sitemap-reports.xml", {"p": "99999"}).status_code == 404
    assert anonymous.get("/sitemap-nothing.xml").status_code == 404


def test_a_person_page_says_where_they_are_now_and_what_the_record_holds(anonymous, demo):
    page = text(anonymous.get("/people/herve-ladsous/"))
    assert "<dt>On record</dt>" in page
    assert re.search(r"<dd>\d+ published events?, (in \d{4}|\d{4} to \d{4})</dd>", page)
    # Each event says in what role, and on whose behalf when the record knows.
    assert re.search(
        r'<span class="meta">\((speaker|participant|[a-z ]+)(, for [^)]+)?\)</span>', page
    )


def test_a_person_without_positions_or_events_shows_no_empty_headings(anonymous, db):
    PersonFactory(slug="newcomer", name="New Comer")
    page = text(anonymous.get("/people/newcomer/"))
    assert "<dd>No published event yet</dd>" in page
    assert 'id="positions"' not in page
    assert "<dt>Now</dt>" not in page
