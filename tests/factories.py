"""Test data. The real demo content is a management command (load_demo)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.publishing.status import Status
from directory.models import MemberState, Organization, Person, Position, Topic
from events.models import Event, EventSeries, Participation
from operations.models import Contribution, Leader, Mandate, Operation
from reports.models import (
    DocumentSymbol,
    Recommendation,
    RecommendationLink,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportRelation,
)


class PublishableFactory(DjangoModelFactory):
    """Published an hour ago unless told otherwise; drafts carry no public time."""

    class Meta:
        abstract = True

    status = Status.PUBLISHED
    publish_at = factory.LazyAttribute(
        lambda o: (
            timezone.now() - datetime.timedelta(hours=1) if o.status == Status.PUBLISHED else None
        )
    )


def member_state(iso3: str) -> MemberState:
    """Member states ship as data (the directory's initial migration), so tests look them up."""
    return MemberState.objects.get(iso3=iso3)


class OrganizationFactory(PublishableFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = "think_tank"


class PersonFactory(PublishableFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    sort_name = factory.LazyAttribute(lambda o: o.name)
    slug = factory.Sequence(lambda n: f"person-{n}")


class OperationFactory(PublishableFactory):
    """A sample operation (the 71 real ones ship as data: look them up instead)."""

    class Meta:
        model = Operation

    acronym = factory.Sequence(lambda n: f"SAMPLE-OP {n}")
    name = factory.Sequence(lambda n: f"Sample operation {n}")
    slug = factory.Sequence(lambda n: f"sample-op-{n}")
    started_on = datetime.date(2016, 1, 1)


class MandateFactory(DjangoModelFactory):
    class Meta:
        model = Mandate

    operation = factory.SubFactory(OperationFactory)
    symbol = factory.Sequence(lambda n: f"S/RES/{9000 + n} (2030)")
    adopted_on = datetime.date(2030, 1, 1)
    change = "extend"


class LeaderFactory(DjangoModelFactory):
    class Meta:
        model = Leader

    operation = factory.SubFactory(OperationFactory)
    person = factory.SubFactory(PersonFactory)
    role = "head"
    started_on = datetime.date(2020, 1, 1)


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = Contribution

    operation = factory.SubFactory(OperationFactory)
    member_state = factory.LazyFunction(lambda: member_state("SEN"))
    month = datetime.date(2023, 1, 1)
    personnel_type = "troops"
    total = 100


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    title = "Director"
    organization = factory.SubFactory(OrganizationFactory)


class TopicFactory(PublishableFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class EventSeriesFactory(PublishableFactory):
    class Meta:
        model = EventSeries

    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


class EventFactory(PublishableFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "panel"
    starts_on = datetime.date(2015, 9, 29)


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = "participant"


class ReportFactory(PublishableFactory):
    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Report {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    kind = "policy_paper"
    published_on = datetime.date(2015, 6, 17)


class DocumentSymbolFactory(DjangoModelFactory):
    class Meta:
        model = DocumentSymbol

    report = factory.SubFactory(ReportFactory)
    symbol = factory.Sequence(lambda n: f"A/99/{n}")


class ReportDocumentFactory(DjangoModelFactory):
    class Meta:
        model = ReportDocument

    report = factory.SubFactory(ReportFactory)
    language = "en"
    source_url = "https://example.org/report.pdf"


class ReportRelationFactory(DjangoModelFactory):
    class Meta:
        model = ReportRelation

    source = factory.SubFactory(ReportFactory)
    target = factory.SubFactory(ReportFactory)
    kind = "responds_to"


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    report = factory.SubFactory(ReportFactory)
    label = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    text = "Do the right thing."


class RecommendationLinkFactory(DjangoModelFactory):
    class Meta:
        model = RecommendationLink

    source = factory.SubFactory(RecommendationFactory)
    target = factory.SubFactory(RecommendationFactory)
    kind = "responds_to"


class RecommendationUpdateFactory(PublishableFactory):
    class Meta:
        model = RecommendationUpdate

    recommendation = factory.SubFactory(RecommendationFactory)
    implementation_status = "in_progress"
    dated = datetime.date(2015, 9, 2)
    summary = "Work has begun."
    source_url = "https://example.org/source"


class CorrectionFactory(DjangoModelFactory):
    class Meta:
        model = "directory.Correction"

    item = factory.SubFactory(ReportFactory)
    note = factory.Sequence(lambda n: f"The date read 17 June; it is 18 June (correction {n}).")


def methodology_page(**values):
    """The methodology page (one page per address: migration 0006 made it), with
    ``values``."""
    from django.apps import apps

    from directory.pages import default_page

    page, _created = apps.get_model("directory", "Page").objects.update_or_create(
        slug="methodology",
        defaults={
            **default_page("methodology"),
            "status": Status.PUBLISHED,
            "publish_at": timezone.now() - datetime.timedelta(hours=1),
            **values,
        },
    )
    return page
