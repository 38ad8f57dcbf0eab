"""A member state's profile: the events it hosted and the others it took part in."""

import pytest

from core.publishing.status import Status
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


def test_the_chart_says_what_it_counts_with_axes_values_and_a_table(anonymous, no_page_cache):
    ghana = member_state("GHA")
    for year, events in [(2013, 2), (2015, 1)]:
        for n in range(events):
            event = EventFactory(starts_on=f"{year}-0{n + 1}-10")
            ParticipationFactory(event=event, person=None, member_state=ghana)
    # Counted once however many delegates, hosting included; a draft not at all.
    ParticipationFactory(event=event, person=PersonFactory(), member_state=ghana, role="host")
    draft = EventFactory(starts_on="2015-05-05", status=Status.DRAFT)
    ParticipationFactory(event=draft, person=None, member_state=ghana)

    page = anonymous.get(ghana.get_absolute_url()).content.decode()

    assert "Each bar counts the published events Ghana took part in that year" in page
    assert '<title id="chart-title">Events Ghana took part in, per year</title>' in page
    assert "2013: 2 events; 2014: 0 events; 2015: 1 event</desc>" in page
    assert ">Year the event began</text>" in page
    assert ">Events</text>" in page  # the count axis
    assert '<text x="36" y="14" text-anchor="end">2</text>' in page  # its top value
    assert page.count('class="value"') == 2  # a value on every bar that has one
    assert '<tr><th scope="row">2014</th><td>0</td></tr>' in page
