"""Constraints live in the database: each of these writes bypasses forms and model
validation, and PostgreSQL itself must refuse it."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from directory.models import MemberState, Organization, Position, Topic
from events.models import Event, Participation
from reports.models import DocumentSymbol, Report, ReportRelation
from tests.factories import (
    DocumentSymbolFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db


def refused(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_event_cannot_end_before_it_starts():
    event = EventFactory(starts_on=datetime.date(2015, 9, 29))
    refused(lambda: Event.objects.filter(pk=event.pk).update(ends_on=datetime.date(2015, 9, 28)))
    Event.objects.filter(pk=event.pk).update(ends_on=datetime.date(2015, 9, 29))  # same day is fine


def test_participation_must_name_someone():
    event = EventFactory()
    refused(lambda: Participation.objects.create(event=event, role="participant"))


def test_participation_accepts_a_state_alone():
    participation = Participation.objects.create(
        event=EventFactory(), member_state=member_state("FIN"), role="co_host"
    )
    assert participation.pk


def test_person_takes_part_in_an_event_once():
    event, person = EventFactory(), PersonFactory()
    Participation.objects.create(event=event, person=person)
    refused(lambda: Participation.objects.create(event=event, person=person, role="speaker"))


@pytest.mark.parametrize(
    "model_factory", [ReportFactory, EventFactory, TopicFactory, OrganizationFactory]
)
def test_slugs_are_unique(model_factory):
    model_factory(slug="same-slug")
    refused(lambda: model_factory(slug="same-slug"))


def test_empty_slug_refused():
    refused(lambda: TopicFactory(slug=""))


@pytest.mark.parametrize("field", ["iso2", "iso3", "m49"])
def test_member_state_codes_are_unique(field):
    finland = member_state("FIN")
    refused(
        lambda: MemberState.objects.filter(iso3="SWE").update(**{field: getattr(finland, field)})
    )


def test_member_state_codes_have_the_iso_shape():
    refused(lambda: MemberState.objects.filter(iso3="FIN").update(iso2="fi"))
    refused(lambda: MemberState.objects.filter(iso3="FIN").update(m49="24"))


def test_member_needs_an_admission_date_and_observer_has_none():
    refused(lambda: MemberState.objects.filter(iso3="FIN").update(admitted_on=None))
    refused(
        lambda: MemberState.objects.filter(iso3="VAT").update(admitted_on=datetime.date(2000, 1, 1))
    )


def test_document_symbols_are_unique_even_across_reports():
    DocumentSymbolFactory(symbol="A/70/95")
    refused(lambda: DocumentSymbolFactory(symbol="A/70/95"))


def test_document_symbols_are_stored_normalised():
    symbol = DocumentSymbolFactory(symbol=" s/2015/446 ")
    symbol.refresh_from_db()
    assert symbol.symbol == "S/2015/446"
    # Bypassing save() must not sneak a lower-case duplicate in.
    refused(lambda: DocumentSymbol.objects.filter(pk=symbol.pk).update(symbol="s/2015/446"))
    refused(lambda: DocumentSymbol.objects.filter(pk=symbol.pk).update(symbol="A 70 95"))


@pytest.mark.parametrize("model", [Report, Event, Topic, Organization])
def test_status_must_be_a_known_value(model):
    factory = {Report: ReportFactory, Event: EventFactory, Topic: TopicFactory}.get(
        model, OrganizationFactory
    )
    obj = factory()
    refused(lambda: model.objects.filter(pk=obj.pk).update(status="live"))


def test_report_cannot_relate_to_itself():
    report = ReportFactory()
    refused(lambda: ReportRelation.objects.create(source=report, target=report, kind="responds_to"))


def test_report_relation_kind_must_be_known():
    refused(
        lambda: ReportRelation.objects.create(
            source=ReportFactory(), target=ReportFactory(), kind="likes"
        )
    )


def test_position_needs_a_place_and_ends_after_it_starts():
    person = PersonFactory()
    refused(lambda: Position.objects.create(person=person, title="Envoy"))
    refused(
        lambda: Position.objects.create(
            person=person,
            title="Envoy",
            member_state=member_state("NOR"),
            started_on=datetime.date(2015, 1, 1),
            ended_on=datetime.date(2014, 1, 1),
        )
    )


def test_topic_names_are_unique_ignoring_case():
    TopicFactory(name="Protection of civilians")
    refused(lambda: TopicFactory(name="protection of civilians"))


def test_a_failed_save_leaves_the_database_as_it_was():
    event = EventFactory(title="Before")

    def two_step_write():
        Event.objects.filter(pk=event.pk).update(title="After")
        Event.objects.filter(pk=event.pk).update(ends_on=datetime.date(1900, 1, 1))

    refused(two_step_write)
    event.refresh_from_db()
    assert event.title == "Before"
