"""A member state's profile: the events it hosted and the others it took part in."""

import pytest

from tests.factories import EventFactory, ParticipationFactory, PersonFactory, member_state

pytestmark = pytest.mark.django_db


def test_an_event_is_listed_once_under_hosted_or_taken_part_in(anonymous, no_page_cache):
    ghana = member_state("GHA")
    hosted, attended = EventFactory(title="Hosted in Accra"), EventFactory(title="Elsewhere")
    ParticipationFactory(event=hosted, person=None, member_state=ghana, role="host")
    # A delegation at its own event, and two delegates at another.
    ParticipationFactory(event=hosted, person=PersonFactory(), member_state=ghana)
    ParticipationFactory(event=attended, person=PersonFactory(), member_state=ghana)
    ParticipationFactory(event=attended, person=PersonFactory(), member_state=ghana)

    response = anonymous.get(ghana.get_absolute_url())

    assert [p.event.title for p in response.context["hosted"]["rows"]] == ["Hosted in Accra"]
    assert [p.event.title for p in response.context["attended"]["rows"]] == ["Elsewhere"]
