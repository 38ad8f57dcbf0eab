"""The site's mark: the header's logo, the browser's icon, /favicon.ico."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_pages_name_the_mark_as_their_icon_and_show_it_beside_the_name(anonymous, demo):
    page = anonymous.get("/").content.decode()
    mark = static("img/mark.svg")
    assert f'<link rel="icon" href="{mark}" type="image/svg+xml">' in page
    brand = f'<img src="{mark}" alt="" width="28" height="28"> <span class="brand-name">'
    assert f"{brand}Peace Operations" in page


def test_favicon_ico_leads_to_the_mark(anonymous):
    response = anonymous.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("img/mark.svg")


def test_the_api_guide_is_titled_with_the_site_name(anonymous, demo):
    page = anonymous.get("/api/").content.decode()
    assert "<title>Using the API · Peace Operations Knowledge Platform</title>" in page


def test_shared_links_show_the_open_graph_image_of_1200_by_630(anonymous, demo):
    page = anonymous.get("/reports/").content.decode()
    image = static("img/og.png")
    assert f'<meta property="og:image" content="http://testserver{image}">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    served = b"".join(anonymous.get(image).streaming_content)
    # A PNG's IHDR chunk holds its width and height, big-endian, at bytes 16 to 24.
    assert served[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(served[16:20], "big") == 1200
    assert int.from_bytes(served[20:24], "big") == 630
