"""Generated query strings and Host headers against every public route (from the
resolver, tests/routes.py): NUL bytes, huge and negative numbers, impossible dates,
unknown parameters, 10,000-character values, mixed scripts. Nothing may answer 500;
a refusal is a 400 that says what to fix."""

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.routes import fill, parameters_for, routes

pytestmark = pytest.mark.django_db

TRIED = Counter()  # answers by status code, and the URLs tried
WALKED = [(route, name) for route, name in routes() if name != "preview"]

# Every parameter some route understands, so that generated values reach the filters.
KNOWN = [
    "q", "topic", "kind", "year", "organization", "member_state", "language", "symbol",
    "published_after", "published_before", "updated_since", "sort", "page", "status",
    "report", "limit", "offset", "cursor", "ordering", "fields", "exclude", "facets",
    "format", "style", "order", "types", "starts_after", "starts_before", "person", "host",
]  # fmt: skip
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2015-02-30",
    "9999-99-99",
    "2026-11-29T25:61:00Z",
    "x" * 10_000,
    "\u202e\u0627\u0644\u0633\u0644\u0627\u0645 平和 мир Ελλάδα",
    "'; DROP TABLE reports_report; --",
    '"unbalanced',
    "*",
    "A/70/",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
)
# Mostly parameters the routes know (three draws in four), so that values reach them.
known = st.sampled_from(KNOWN)
names = st.one_of(known, known, known, st.text(min_size=1, max_size=12))
queries = st.dictionaries(names, st.lists(values, min_size=1, max_size=2), max_size=4)
# Host headers, and whether the site answers to them (ALLOWED_HOSTS).
HOSTS = {"localhost": True, "localhost:8000": True, "evil.example": False, "a" * 300: False}


@hypothesis_settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same cases on every run: a failure can be replayed
)
@given(route=st.sampled_from(WALKED), query=queries, host=st.sampled_from(sorted(HOSTS)))
def test_generated_query_strings_never_fail(
    client, settings, public_ids, reliability, route, query, host
):
    settings.API_ANONYMOUS_RATE = 1_000_000  # the quota is tested elsewhere
    route_text, _name = route
    url = fill(route_text, parameters_for(route_text, public_ids))
    response = client.get(url, query, HTTP_HOST=host)
    TRIED[response.status_code] += 1
    TRIED[url] += 0
    reliability(
        "hostile query strings (Hypothesis)",
        cases=sum(TRIED[code] for code in (200, 400)),
        routes=len([key for key in TRIED if isinstance(key, str)]),
        answered=f"{TRIED[200]} × 200, {TRIED[400]} × 400 (each saying what to fix), 0 × 500",
    )
    case = (url, query, host)
    assert response.status_code in {200, 400}, (case, response.status_code)
    if not HOSTS[host]:
        assert response.status_code == 400, case
    if response.status_code != 400:
        return
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode(errors="replace")
    if not HOSTS[host]:
        assert body == "This site does not answer to that host name.", case
    elif url.startswith("/api/v1/") and "json" in response["Content-Type"]:
        problem = json.loads(body)
        assert problem["detail"], case
        # Each offending parameter is named, with how to fix it.
        assert all(e["parameter"] and e["message"] for e in problem.get("errors", [])), case
    else:
        assert len(body) > 40, case  # the 400 page, with a sentence about what to fix
