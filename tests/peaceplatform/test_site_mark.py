"""The site's mark: the header's logo, the browser's icon, /favicon.ico."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_pages_name_the_mark_as_their_icon_and_show_it_beside_the_name(anonymous, demo):
    page = anonymous.get("/").content.decode()
    mark = static("img/mark.svg")
    assert f'<link rel="icon" href="{mark}" type="image/svg+xml">' in page
    assert f'<img src="{mark}" alt="" width="28" height="28"> Peace Operations' in page


def test_favicon_ico_leads_to_the_mark(anonymous):
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("img/mark.svg")


def test_the_api_guide_is_titled_with_the_site_name(anonymous, demo):
    page = anonymous.get("/api/").content.decode()
    assert "<title>Using the API · Peace Operations Knowledge Platform</title>" in page
