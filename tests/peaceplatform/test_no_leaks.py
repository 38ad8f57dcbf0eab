"""No leaks, found by walking the project's own URL patterns: every public route (from
the resolver, so a new route is covered as soon as it exists) is requested as an
anonymous visitor or an API client with draft, in-review, archived and scheduled
content of every kind present, and must not show any of it. Detail routes asked for
unpublished things answer 404. The admin, previews without a valid signature and the
partner keys' hashes stay out of reach."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.publishing.status import Status
from directory.models import Person
from peaceplatform import demo_content
from peaceplatform.models import PartnerKey
from reports.models import Report
from tests.factories import (
    ContributionFactory,
    EventFactory,
    LeaderFactory,
    MandateFactory,
    OperationFactory,
    OrganizationFactory,
    PersonFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportFactory,
    TopicFactory,
)
from tests.pdfs import upload_document
from tests.peaceplatform.test_public_site import SECRET, drafts  # noqa: F401 (a fixture, used below)
from tests.routes import (
    PUBLIC_SLUGS,
    QUERIES,
    fill,
    kind_of,
    language_routes,
    parameters_for,
    published_ids,
    routes,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED_KINDS = {
    "reports": ReportFactory,
    "events": EventFactory,
    "topics": TopicFactory,
    "people": PersonFactory,
    "organizations": OrganizationFactory,
    "operations": OperationFactory,
}

# Searches are walked with a word the hidden content holds too.


@pytest.fixture
def hidden(drafts, settings, tmp_path):  # noqa: F811 (the fixture imported above)
    """On top of the draft, in-review and archived content of `drafts`: scheduled
    content of every kind, and one more unpublished thing of each kind to ask for."""
    from events.models import Participation
    from operations.models import Operation
    from reports.models import Recommendation

    later = timezone.now() + datetime.timedelta(days=1)
    unpublished = {}
    for kind, factory in UNPUBLISHED_KINDS.items():
        factory(status=Status.PUBLISHED, publish_at=later, **name_field(kind, "scheduled"))
        unpublished[kind] = [
            factory(status=status, **name_field(kind, status))
            for status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED)
        ]
    scheduled_report = ReportFactory(
        status=Status.PUBLISHED, publish_at=later, title=f"{SECRET} scheduled report"
    )
    unpublished["recommendations"] = [
        RecommendationFactory(report=scheduled_report, title=f"{SECRET} scheduled")
    ]
    RecommendationUpdateFactory(
        recommendation=Recommendation.objects.published().first(),
        publish_at=later,
        summary=f"{SECRET} scheduled update",
    )
    unpublished["participations"] = list(Participation.objects.exclude(event__status="published"))
    # An operation's figures, mandates and leaders are public with it, and only then; a
    # published operation's leader who is an unpublished person stays hidden.
    minusma = Operation.objects.get(slug="minusma")
    ContributionFactory(operation=minusma, source="Sample data (tests)")
    unpublished["contributions"] = [
        ContributionFactory(operation=operation, source=f"{SECRET} figures")
        for operation in unpublished["operations"]
    ]
    unpublished["mandates"] = [
        MandateFactory(operation=operation, note=f"{SECRET} mandate")
        for operation in unpublished["operations"]
    ]
    LeaderFactory(operation=minusma, person=unpublished["people"][0], title=f"{SECRET} post")
    # And a published person's post in an unpublished operation (their page lists posts).
    LeaderFactory(
        operation=unpublished["operations"][0],
        person=Person.objects.get(slug=PUBLIC_SLUGS["people"]),
        title=f"{SECRET} post of a draft operation",
    )
    # Uploaded documents: the public report's is served; unpublished reports' are not.
    settings.MEDIA_ROOT = tmp_path / "media"
    upload_document(Report.objects.get(slug=demo_content.HIPPO_SLUG), "The public annex")
    for report in [scheduled_report, *unpublished["reports"]]:
        upload_document(report, f"{SECRET} annex")
    key, secret = PartnerKey.objects.create_key(name="Partner", contact="dev@example.org")
    return {"unpublished": unpublished, "public": published_ids(), "key": key, "secret": secret}


def name_field(kind: str, status: str) -> dict:
    field = "title" if kind in {"reports", "events"} else "name"
    return {field: f"{SECRET} {kind} {status}"}


def test_every_public_route_hides_unpublished_content(client, hidden, reliability):
    site, api = client, APIClient(HTTP_HOST="localhost")
    key_hash, key_secret = hidden["key"].hashed_key, hidden["secret"]
    walked = []
    for route, name in routes():
        url = fill(route, parameters_for(route, hidden["public"])) + QUERIES.get(name, "")
        visitor = api if url.startswith("/api/") else site
        response = visitor.get(url)
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        text = body.decode(errors="replace")
        walked.append(url)
        if name == "preview":
            assert response.status_code == 404, url  # no valid signature, no preview
            continue
        assert response.status_code == 200, (url, response.status_code)
        assert SECRET.lower() not in text.lower(), url
        assert key_hash not in text, url
        assert key_secret not in text, url
    # Every kind of route was walked: lists, details, feeds, the API, the sitemap.
    assert len(walked) >= 60
    reliability(
        "no leaks",
        routes_walked=f"{len(walked)} (every URL pattern, as a visitor and as an API client)",
        unpublished_kinds=f"{len(hidden['unpublished'])} (draft, in review, archived, "
        "scheduled of each)",
        leaks=0,
    )


@pytest.mark.parametrize("prefix", ["/ar", "/zh", "/fr", "/ru", "/es"])
def test_every_route_in_every_language_hides_unpublished_content(client, hidden, prefix):
    """The pages, feeds and embeds at their addresses in the other languages: the same
    walk, the same rule; and their detail routes 404 for what is not public."""
    walked = 0
    for route, name in language_routes():
        url = prefix + fill(route, parameters_for(route, hidden["public"])) + QUERIES.get(name, "")
        response = client.get(url)
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        assert response.status_code == 200, (url, response.status_code)
        assert SECRET.lower() not in body.decode(errors="replace").lower(), url
        walked += 1
    assert walked >= 40
    for kind in ("reports", "events", "topics", "people", "organizations", "operations"):
        for obj in hidden["unpublished"][kind]:
            url = f"{prefix}/{kind}/{obj.slug}/"
            assert client.get(url).status_code == 404, url


def test_detail_routes_answer_404_for_unpublished_things(client, hidden):
    api = APIClient(HTTP_HOST="localhost")
    checked = 0
    for route, _name in routes():
        kind = kind_of(route)
        has_key = "<slug:slug>" in route or "(?P<slug>" in route or "(?P<pk>" in route
        if not has_key or kind not in hidden["unpublished"]:
            continue  # member states are public record: none is unpublished
        for obj in hidden["unpublished"][kind]:
            if "(?P<pk>" in route:
                values = {"pk": obj.pk}
            elif kind == "recommendations":
                continue  # reached through its report's slug below
            else:
                values = {"slug": obj.slug}
            if "label>" in route:
                values["label"] = "protection-of-civilians"
            if "<str:language>" in route:
                values["language"] = "en"  # each unpublished report has an uploaded one
            url = fill(route, values)
            response = (api if url.startswith("/api/") else client).get(url)
            assert response.status_code == 404, (url, response.status_code)
            checked += 1
    assert checked >= 40


def test_the_admin_is_out_of_reach_without_signing_in(client, hidden):
    for url in [
        "/admin/",
        "/admin/reports/report/",
        "/admin/peaceplatform/partnerkey/",
        "/admin/review/",
        "/admin/reports/recommendationupdate/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
