"""Every endpoint fetches what it shows in a constant number of queries: the same for
limit=1 as for limit=100, and no more than its pin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_query_counts import build_world

pytestmark = pytest.mark.django_db

# url: the most queries it may make, measured and pinned. Each request makes one for its
# rate-limit counter; a list one to count; reports one per prefetched relation.
ENDPOINTS = {
    "/api/v1/reports/": 12,
    "/api/v1/reports/?q=peacekeeping": 13,  # + the EXPLAIN that spots broad searches
    "/api/v1/reports/?topic=big-topic&facets=topic,year,kind,language": 19,
    "/api/v1/reports/?cursor=*&ordering=title": 12,
    "/api/v1/recommendations/": 6,
    "/api/v1/events/": 4,
    "/api/v1/participations/": 3,
    "/api/v1/member-states/": 3,
    "/api/v1/organizations/": 3,
    "/api/v1/people/": 4,
    "/api/v1/topics/": 3,
}
DETAILS = {
    "/api/v1/reports/big-report/": 11,
    "/api/v1/events/big-event/": 3,
    "/api/v1/people/big-person/": 3,
    "/api/v1/search/?q=peacekeeping": 13,  # as the search page: counts only full groups
    "/api/v1/search/?q=peacekeeping&types=people": 3,  # the other groups are not built
    "/api/v1/reports/big-report/citation/": 4,
    "/api/v1/reports/big-report/citation/?style=ris": 4,
}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:  # a CSV export queries as it streams
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def world(db):
    build_world(100)


@pytest.mark.parametrize(("url", "pin"), ENDPOINTS.items(), ids=list(ENDPOINTS))
def test_lists_are_constant_in_the_page_size(api, world, url, pin):
    join = "&" if "?" in url else "?"
    one = count_queries(api, f"{url}{join}limit=1")
    hundred = count_queries(api, f"{url}{join}limit=100")
    assert one == hundred, url
    assert hundred <= pin, (url, hundred)


@pytest.mark.parametrize(("url", "pin"), DETAILS.items(), ids=list(DETAILS))
def test_details_are_pinned(api, world, url, pin):
    assert count_queries(api, url) <= pin


# A CSV export reads its rows in chunks of 500, each with its prefetches.
EXPORTS = {
    "/api/v1/reports/?format=csv": 2,
    "/api/v1/events/?format=csv": 3,
    "/api/v1/participations/?format=csv": 2,
    "/api/v1/recommendations/?format=csv": 5,
}


@pytest.mark.parametrize(("url", "pin"), EXPORTS.items(), ids=list(EXPORTS))
def test_exports_are_pinned(api, world, url, pin):
    assert count_queries(api, url) <= pin
