"""No input ever makes a public page answer 500: every filter of every list, search and
feed page gets values a visitor, a crawler or an attacker might send."""

import pytest

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2015-02-30",
    "9999-99-99",
    "'; DROP TABLE reports_report; --",
    "<script>alert(1)</script>",
    '"',
    "((((",
    "!&|:*",
    "%",
    "_",
    "A/",
    "/",
    "x" * 5000,
    "\u202e\u0627\u0644\u0633\u0644\u0627\u0645 平和 мир",
]
# Bytes that are not UTF-8 at all, as a client can put them in a query string.
RAW = ["%ED%A0%80", "%FF%FE", "%C0%AF", "%E2%28%A1"]

PAGES = {
    "/reports/": [
        "q", "topic", "kind", "year", "organization", "member_state", "language",
        "published_after", "published_before", "sort", "page",
    ],
    "/events/": ["q", "year", "kind", "topic", "member_state", "page"],
    "/search/": ["q"],
    "/feeds/search/": ["q", "topic", "year", "sort"],
    "/member-states/": ["order"],
    "/people/": ["page"],
    "/organizations/": ["page"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("url", "param"), [(url, param) for url, params in PAGES.items() for param in params]
)
def test_no_value_makes_a_page_fail(anonymous, demo, url, param):
    # A whole number past the last page is a page that does not exist: 404.
    allowed = {200, 400, 404} if param == "page" else {200, 400}
    for value in NASTY:
        response = anonymous.get(url, {param: value})
        assert response.status_code in allowed, (url, param, repr(value[:30]))
        if response.status_code == 404:
            assert value.strip().isdigit(), value
    for raw in RAW:
        response = anonymous.get(f"{url}?{param}={raw}")
        assert response.status_code in {200, 400}, (url, param, raw)
        if response.status_code == 400 and not url.startswith("/feeds/"):
            # A 400 page says what went wrong, in our layout.
            assert "could not be" in response.content.decode() or "characters" in (
                response.content.decode()
            )


def test_repeated_and_unknown_parameters_are_harmless(anonymous, demo, no_page_cache):
    # The last of a repeated parameter counts, as Django's QueryDict.get reads it;
    # parameters the page does not know (a campaign's utm_source) are ignored.
    repeated = anonymous.get(
        "/reports/?q=peace&q=peacekeeping&sort=newest&sort=oldest&utm_source=x&unknown=1"
        "&page=2&page=1"
    )
    plain = anonymous.get("/reports/?q=peacekeeping&sort=oldest")
    assert repeated.status_code == 200
    shown = [row.slug for row in repeated.context["page"].object_list]
    assert shown
    assert shown == [row.slug for row in plain.context["page"].object_list]
