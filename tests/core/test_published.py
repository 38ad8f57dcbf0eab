"""published() is where every public page, feed and API starts: drafts never pass."""

import datetime

import pytest
from django.utils import timezone

from core.publishing.status import Status
from directory.models import Organization, Person, Topic
from events.models import Event, EventSeries, Participation
from reports.models import Recommendation, Report
from tests.factories import (
    EventFactory,
    EventSeriesFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RecommendationFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def tomorrow():
    return timezone.now() + datetime.timedelta(days=1)


PUBLISHABLE = [
    (Report, ReportFactory),
    (Event, EventFactory),
    (EventSeries, EventSeriesFactory),
    (Person, PersonFactory),
    (Organization, OrganizationFactory),
    (Topic, TopicFactory),
]


@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_published_shows_only_published(model, factory):
    shown = factory(status=Status.PUBLISHED)
    hidden = [factory(status=status) for status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED)]
    hidden.append(factory(status=Status.PUBLISHED, publish_at=tomorrow()))  # scheduled
    published = set(model.objects.published())
    assert shown in published
    assert published.isdisjoint(hidden)


def test_new_content_starts_as_a_draft():
    report = Report.objects.create(title="Fresh", slug="fresh", kind="policy_paper")
    assert report.status == Status.DRAFT
    assert not Report.objects.published().filter(pk=report.pk).exists()


def test_recommendations_of_a_draft_report_stay_hidden():
    public = RecommendationFactory(report=ReportFactory(status=Status.PUBLISHED))
    hidden = RecommendationFactory(report=ReportFactory(status=Status.DRAFT))
    RecommendationFactory(report=ReportFactory(publish_at=tomorrow()))
    assert list(Recommendation.objects.published()) == [public]
    assert hidden not in Recommendation.objects.published()


def test_participations_of_a_draft_event_stay_hidden():
    public = ParticipationFactory(event=EventFactory(status=Status.PUBLISHED))
    ParticipationFactory(event=EventFactory(status=Status.REVIEW))
    ParticipationFactory(event=EventFactory(publish_at=tomorrow()))
    assert list(Participation.objects.published()) == [public]
