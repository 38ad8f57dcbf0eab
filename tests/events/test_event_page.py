"""The event page's facts."""

import re

import pytest

from tests.factories import EventFactory, OrganizationFactory, ParticipationFactory, member_state

pytestmark = pytest.mark.django_db


def test_hosts_are_listed_with_a_plain_separator(anonymous, no_page_cache):
    event = EventFactory()
    ParticipationFactory(event=event, person=None, member_state=member_state("FIN"), role="host")
    ParticipationFactory(
        event=event, person=None, organization=OrganizationFactory(name="UN DPKO"), role="co_host"
    )
    page = anonymous.get(event.get_absolute_url()).content.decode()
    hosts = re.search(r"<dt>Hosted by</dt><dd>(.*?)</dd>", page, re.S)[1]
    text = re.sub(r"<[^>]+>", "", hosts)
    assert text == "Finland; UN DPKO"
