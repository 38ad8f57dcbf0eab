"""Every endpoint fetches what it shows in a constant number of queries: the same for
limit=1 as for limit=100, and no more than its pin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.peaceplatform.test_query_counts import build_world

pytestmark = pytest.mark.django_db

# url: the most queries it may make, measured and pinned exactly (one less fails). Each
# request makes one for its rate-limit counter, a list one to count and one for its
# rows; a report's relations come with its row (reports/api/views.py).
ENDPOINTS = {
    "/api/v1/reports/": 3,
    "/api/v1/reports/?q=peacekeeping": 4,  # + the EXPLAIN that spots broad searches
    "/api/v1/reports/?topic=big-topic&facets=topic,year,kind,language": 9,
    "/api/v1/reports/?cursor=*&ordering=title": 3,
    "/api/v1/reports/?offset=5&ordering=title": 4,  # + the page's ids, looked up first
    "/api/v1/recommendations/": 12,  # + a query per prefetched relation
    "/api/v1/recommendations/?topic=big-topic&status=in_progress&facets=status,topic,report": 19,
    "/api/v1/events/": 5,  # + its topics and its operations, prefetched
    "/api/v1/participations/": 3,
    "/api/v1/member-states/": 3,
    "/api/v1/organizations/": 3,
    "/api/v1/people/": 4,
    "/api/v1/topics/": 3,
    # + the task's lookup, and hosts, topics, mandates, their tasks and leaders,
    # prefetched (the operations with mandates: without any, Django skips the tasks).
    "/api/v1/operations/?task=big-topic": 9,
    "/api/v1/contributions/": 3,  # each with its operation and state, joined
    "/api/v1/mandates/": 4,  # each with its operation joined, and its tasks prefetched
}
DETAILS = {
    "/api/v1/reports/big-report/": 2,
    "/api/v1/events/big-event/": 4,
    "/api/v1/people/big-person/": 3,
    "/api/v1/search/?q=peacekeeping": 13,  # as the search page: counts only full groups
    "/api/v1/search/?q=peacekeeping&types=people": 2,  # the other groups are not built
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


# One world of 100 reports for every endpoint (building it per endpoint cost about
# 20 s each); each endpoint over its pin, or not constant, is named in the failure.
def test_queries_are_constant_and_pinned(api, db, no_page_cache):
    build_world(100)
    problems = {}
    for url, pin in ENDPOINTS.items():
        join = "&" if "?" in url else "?"
        one = count_queries(api, f"{url}{join}limit=1")
        hundred = count_queries(api, f"{url}{join}limit=100")
        if one != hundred or hundred > pin:
            problems[url] = {"limit=1": one, "limit=100": hundred, "pin": pin}
    for url, pin in {**DETAILS, **EXPORTS}.items():
        if (n := count_queries(api, url)) > pin:
            problems[url] = {"queries": n, "pin": pin}
    assert problems == {}


# A CSV export reads its rows in chunks of 500, each with its prefetches, and the
# content version its weak ETag is made of (core/api/mixins.py).
EXPORTS = {
    "/api/v1/reports/?format=csv": 3,
    "/api/v1/events/?format=csv": 5,
    "/api/v1/participations/?format=csv": 3,
    "/api/v1/recommendations/?format=csv": 12,
    "/api/v1/contributions/?format=csv": 3,
    "/api/v1/mandates/?format=csv": 4,
}
