"""A page number past the end of a list answers 404, with a link to its last page; the
API answers an offset past the end the same way (tests/api/test_query_language.py)."""

import re

import pytest

pytestmark = pytest.mark.django_db

LISTS = [
    "/reports/",
    "/reports/?q=peacekeeping",
    "/events/",
    "/recommendations/",
    "/people/",
    "/organizations/",
]


@pytest.mark.parametrize("url", LISTS)
def test_a_page_past_the_end_is_not_found_and_links_to_the_last_page(anonymous, demo, url):
    joiner = "&" if "?" in url else "?"
    response = anonymous.get(f"{url}{joiner}page=999")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>No page 999 in this list</h1>" in page
    link = re.search(r'<a href="([^"]+)">Go to the last page \((\d+)\)</a>', page)
    assert link, page
    last = anonymous.get(link.group(1).replace("&amp;", "&"))
    assert last.status_code == 200
    # Whatever else the address asked for is kept.
    if "?" in url:
        assert url.split("?")[1] in link.group(1)


def test_a_page_before_the_first_is_still_a_bad_request(anonymous, demo):
    response = anonymous.get("/reports/?page=0")
    assert response.status_code == 400
    assert "pages start at 1" in response.content.decode()
