"""Embeds for partner sites (issue "Partners in sync and in the loop", item 5): light
pages without JavaScript, framed only by the origins a partner key lists, published
content only, and an oEmbed endpoint that hands out their iframe."""

import pytest

from core.publishing.status import Status
from peaceplatform.models import PartnerKey
from tests.factories import (
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db

PARTNER = "https://partner.example"


@pytest.fixture
def topic():
    topic = TopicFactory(slug="poc", name="Protection of civilians")
    ReportFactory(title="Shown: a public report").topics.add(topic)
    ReportFactory(title="Hidden: a draft report", status=Status.DRAFT).topics.add(topic)
    return topic


def partner_key(origins=(PARTNER,), **fields) -> PartnerKey:
    key, _secret = PartnerKey.objects.create_key(
        name="Partner", contact="dev@partner.example", allowed_origins=list(origins), **fields
    )
    return key


def frame_ancestors(response) -> str:
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return policy["frame-ancestors"]


def test_an_embed_lists_published_reports_without_script(anonymous, topic):
    response = anonymous.get("/embed/topics/poc/reports/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Latest reports on Protection of civilians" in page
    assert "Shown: a public report" in page
    assert "Hidden" not in page
    assert "<script" not in page
    assert 'target="_blank" rel="noopener"' in page
    assert 'href="/reports/?topic=poc"' in page


def test_no_one_may_frame_an_embed_by_default(anonymous, topic):
    response = anonymous.get("/embed/topics/poc/reports/")
    assert frame_ancestors(response) == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_a_partner_key_lets_its_origins_frame_an_embed(anonymous, topic, no_page_cache):
    key = partner_key(origins=(PARTNER, "https://www.partner.example"))
    response = anonymous.get(f"/embed/topics/poc/reports/?partner={key.prefix}")
    assert frame_ancestors(response) == f"{PARTNER} https://www.partner.example"
    assert "X-Frame-Options" not in response
    # The same key revoked, or a prefix no key has, frames nothing.
    PartnerKey.objects.filter(pk=key.pk).update(revoked=True)
    revoked = anonymous.get(f"/embed/topics/poc/reports/?partner={key.prefix}")
    assert frame_ancestors(revoked) == "'none'"
    unknown = anonymous.get("/embed/topics/poc/reports/?partner=Zz9")
    assert frame_ancestors(unknown) == "'none'"
    assert unknown["X-Frame-Options"] == "DENY"


def test_the_page_cache_keeps_each_partners_framing_apart(anonymous, topic):
    key = partner_key()
    framed = anonymous.get(f"/embed/topics/poc/reports/?partner={key.prefix}")
    plain = anonymous.get("/embed/topics/poc/reports/")
    assert frame_ancestors(plain) == "'none'"
    again = anonymous.get(f"/embed/topics/poc/reports/?partner={key.prefix}")
    assert again["X-Page-Cache"] == "hit"
    assert frame_ancestors(again) == frame_ancestors(framed) == PARTNER


@pytest.mark.parametrize("prefix", ["bad!", "a" * 17, "x\x00"])
def test_a_malformed_partner_is_a_bad_request(anonymous, topic, prefix):
    response = anonymous.get("/embed/topics/poc/reports/", {"partner": prefix})
    assert response.status_code == 400
    assert "prefix of a partner API key" in response.content.decode()


def test_a_member_states_embed_and_its_empty_state(anonymous):
    ReportFactory(title="On Rwanda").member_states.add(member_state("RWA"))
    page = anonymous.get("/embed/member-states/rwanda/reports/").content.decode()
    assert "Latest reports concerning Rwanda" in page
    assert "On Rwanda" in page
    assert 'href="/reports/?member_state=RWA"' in page
    empty = anonymous.get("/embed/member-states/finland/reports/").content.decode()
    assert "No published report yet." in empty


def test_a_recommendations_status_card(anonymous):
    update = RecommendationUpdateFactory(implementation_status="implemented")
    recommendation = update.recommendation
    page = anonymous.get(f"/embed/recommendations/{recommendation.pk}/").content.decode()
    assert '<span class="assessment">our assessment</span>' in page
    assert '<span class="badge s-implemented">Implemented</span>' in page
    assert f'href="{recommendation.get_absolute_url()}"' in page
    assert 'href="/methodology/"' in page


def test_a_report_trackers_chart(anonymous):
    report = ReportFactory(slug="the-report")
    RecommendationUpdateFactory(recommendation=RecommendationFactory(report=report, label="1"))
    page = anonymous.get("/embed/reports/the-report/tracker/").content.decode()
    assert 'class="status-chart"' in page
    assert "In progress: <strong" in page


def test_nothing_unpublished_has_an_embed(anonymous):
    draft = ReportFactory(slug="draft", status=Status.DRAFT)
    hidden = RecommendationFactory(report=draft)
    TopicFactory(slug="draft-topic", status=Status.DRAFT)
    for address in [
        "/embed/reports/draft/tracker/",
        f"/embed/recommendations/{hidden.pk}/",
        "/embed/topics/draft-topic/reports/",
        "/embed/member-states/narnia/reports/",
        "/embed/recommendations/99999999999999999999/",
    ]:
        assert anonymous.get(address).status_code == 404, address


# oEmbed -------------------------------------------------------------------------------


def test_oembed_hands_out_the_iframe_of_a_page(anonymous, topic):
    key = partner_key()
    answer = anonymous.get(
        "/oembed/",
        {"url": "http://testserver/topics/poc/", "maxwidth": "300", "partner": key.prefix},
    ).json()
    assert answer["version"] == "1.0"
    assert answer["type"] == "rich"
    assert answer["title"] == "Latest reports on Protection of civilians"
    assert (answer["width"], answer["height"]) == (300, 420)
    src = f"http://testserver/embed/topics/poc/reports/?partner={key.prefix}"
    assert answer["html"] == (
        f'<iframe src="{src}" width="300" height="420" title="Latest reports on Protection '
        'of civilians" loading="lazy" style="border:0"></iframe>'
    )
    assert anonymous.get(src.removeprefix("http://testserver")).status_code == 200


def test_oembed_knows_each_kind_of_page(anonymous):
    report = ReportFactory(slug="the-report", title="The report")
    recommendation = RecommendationFactory(report=report, label="Shift 1", slug="shift-1")
    for page, embed in [
        ("/member-states/rwanda/", "/embed/member-states/rwanda/reports/"),
        (recommendation.get_absolute_url(), f"/embed/recommendations/{recommendation.pk}/"),
        ("/reports/the-report/tracker/", "/embed/reports/the-report/tracker/"),
    ]:
        answer = anonymous.get("/oembed/", {"url": page}).json()
        assert f'src="http://testserver{embed}"' in answer["html"], page


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ({}, 400, "url is needed"),
        ({"url": "/topics/poc/\x00"}, 400, "url is needed"),
        ({"url": "/topics/poc/", "format": "xml"}, 501, "format=json"),
        ({"url": "/topics/poc/", "maxwidth": "wide"}, 400, "whole number"),
        ({"url": "/topics/poc/", "partner": "no!"}, 400, "prefix"),
        ({"url": "/reports/"}, 404, "has no embed"),
        ({"url": "/topics/no-such-topic/"}, 404, "has no embed"),
        ({"url": "https://elsewhere.example/topics/poc/"}, 404, "not on this site"),
    ],
)
def test_oembed_errors_say_what_is_wrong(anonymous, topic, query, status, detail):
    response = anonymous.get("/oembed/", query)
    assert response.status_code == status
    assert detail in response.json()["detail"]


def test_oembed_never_hands_out_a_draft(anonymous):
    ReportFactory(slug="draft", status=Status.DRAFT)
    TopicFactory(slug="draft-topic", status=Status.DRAFT)
    for page in ["/reports/draft/tracker/", "/topics/draft-topic/"]:
        assert anonymous.get("/oembed/", {"url": page}).status_code == 404


def test_embeds_read_in_constant_queries(anonymous, no_page_cache, topic):
    """However many reports a topic has, or recommendations a report: measured and
    pinned (the partner key is one query more, only when named)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    report = ReportFactory(slug="tracked")
    recommendation = RecommendationFactory(report=report, label="1")
    addresses = {
        "/embed/topics/poc/reports/": 2,  # the topic, its newest reports
        "/embed/reports/tracked/tracker/": 2,  # the report, the chart's one query
        f"/embed/recommendations/{recommendation.pk}/": 1,
    }

    def queries(address):
        with CaptureQueriesContext(connection) as captured:
            assert anonymous.get(address).status_code == 200
        return len(captured)

    few = {address: queries(address) for address in addresses}
    assert few == addresses
    for n in range(12):
        ReportFactory(title=f"More {n}").topics.add(topic)
        RecommendationUpdateFactory(recommendation=RecommendationFactory(report=report))
    assert {address: queries(address) for address in addresses} == addresses
    key = partner_key()
    assert queries(f"/embed/topics/poc/reports/?partner={key.prefix}") == 3
