"""The methodology is a page curators write (issue "Provenance and corrections", item 1):
published like any item, shown at /methodology/, and the shipped text while no version
of it is public."""

import pytest
from django.db import IntegrityError, transaction

from core.publishing.status import Status
from directory.models import Page
from directory.pages import default_page
from tests.admin_forms import change_form_data
from tests.factories import methodology_page

pytestmark = pytest.mark.django_db


def change_url(page) -> str:
    return f"/admin/directory/page/{page.pk}/change/"


def test_a_new_installation_publishes_the_shipped_methodology(anonymous):
    page = Page.objects.published().get(slug="methodology")  # made by migration 0006
    assert page.body == default_page("methodology")["body"]
    html = anonymous.get("/methodology/").content.decode()
    assert "<h1>How implementation statuses are decided</h1>" in html
    assert "<h2>What each status needs</h2>" in html


def test_a_publisher_rewrites_the_methodology_and_the_page_shows_it(signed_in, anonymous):
    page = methodology_page()
    anonymous.get("/methodology/")  # in the page cache now
    client = signed_in("Publisher")
    data = change_form_data(client.get(change_url(page)).content.decode())
    data["title"] = ["How we assess implementation"]
    data["body"] = ["Every status rests on a **source** we name.\n\n## Sources\n\nReports first."]
    response = client.post(change_url(page), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    html = anonymous.get("/methodology/").content.decode()
    assert "<h1>How we assess implementation</h1>" in html
    assert "<p>Every status rests on a <strong>source</strong> we name.</p>" in html
    assert "<h2>Sources</h2>" in html
    assert "Last changed on" in html


def test_an_editor_cannot_change_the_published_methodology(signed_in):
    page = methodology_page()
    client = signed_in("Editor")
    data = change_form_data(client.get(change_url(page)).content.decode())
    data["body"] = ["An editor's words."]
    assert client.post(change_url(page), data).status_code == 403
    page.refresh_from_db()
    assert page.body == default_page("methodology")["body"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_an_unpublished_methodology_never_shows_the_shipped_text_does(anonymous, status):
    methodology_page(status=status, body="Draft words, not for readers.", title="Draft title")
    html = anonymous.get("/methodology/").content.decode()
    assert "Draft words" not in html
    assert "Draft title" not in html
    assert "<h1>How implementation statuses are decided</h1>" in html
    assert "Last changed on" not in html


def test_the_methodology_is_sanitized_markdown(anonymous):
    methodology_page(
        body="<script>alert(1)</script>\n\n[a link](javascript:alert(1)) and <b onclick=x>b</b>"
    )
    html = anonymous.get("/methodology/").content.decode()
    article = html.split("<article")[1].split("</article>")[0]
    assert "<script" not in article
    assert "javascript:" not in article
    assert "onclick" not in article


def test_pages_live_at_known_addresses_only(curator_client):
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(
            slug="about", title="About", description="About us.", body="Us.", status="draft"
        )
    response = curator_client.post(
        "/admin/directory/page/add/",
        {"slug": "methodology", "title": "Again", "description": "Again.", "body": "Again."},
    )
    assert response.status_code == 200  # the one page per address exists already
    assert "already exists" in response.content.decode()
    assert Page.objects.count() == 1
