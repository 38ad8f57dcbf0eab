"""No input ever makes the API answer 500: every parameter of every endpoint gets the
values a buggy client, a fuzzer or an attacker might send, and answers 200 or 400."""

import pytest

from tests.peaceplatform.test_hostile_input import NASTY, RAW

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/reports/": [
        "q", "topic", "kind", "year", "organization", "member_state", "language", "symbol",
        "published_after", "published_before", "updated_since", "ordering", "fields",
        "exclude", "facets", "limit", "offset", "cursor", "format",
    ],
    "/api/v1/events/": [
        "q", "year", "kind", "topic", "member_state", "organization", "person", "host", "series",
        "starts_after", "starts_before", "updated_since", "ordering", "cursor",
    ],
    "/api/v1/participations/": ["event", "member_state", "person", "role", "level", "year"],
    "/api/v1/recommendations/": ["q", "report", "topic", "status", "updated_since"],
    "/api/v1/member-states/": ["q", "region", "membership", "iso3"],
    "/api/v1/organizations/": ["q", "kind", "parent"],
    "/api/v1/people/": ["q", "organization", "member_state"],
    "/api/v1/topics/": ["q", "parent"],
    "/api/v1/search/": ["q", "types", "limit"],
    "/api/v1/reports/hippo-report-uniting-our-strengths-for-peace/": ["fields", "exclude"],
    "/api/v1/reports/hippo-report-uniting-our-strengths-for-peace/citation/": ["style"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("url", "param"), [(url, param) for url, params in ENDPOINTS.items() for param in params]
)
def test_no_value_makes_the_api_fail(api, demo, settings, url, param):
    settings.API_ANONYMOUS_RATE = 10_000
    for value in NASTY:
        response = api.get(url, {param: value})
        assert response.status_code in {200, 400}, (url, param, repr(value[:30]))
        if response.status_code == 400:
            assert response.json()["errors"], (url, param)
    for raw in RAW:
        response = api.get(f"{url}?{param}={raw}")
        assert response.status_code in {200, 400}, (url, param, raw)


def test_nasty_paths_answer_404_not_500(api, demo):
    for path in ["%00", "..%2F..%2Fetc", "x" * 300, "%ED%A0%80", "<script>"]:
        for base in ["/api/v1/reports/", "/api/v1/participations/", "/api/v1/people/"]:
            response = api.get(f"{base}{path}/")
            assert response.status_code == 404, (base, path)
            assert response["Content-Type"] == "application/json"
