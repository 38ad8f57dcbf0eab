"""Two admin pages in words a curator reads: the delete confirmation says the items go
to the Trash and counts them by name, without Django's link-table rows; "View on site"
on anything unpublished opens its preview rather than a public 404."""

import pytest

from core.publishing.status import Status
from tests.factories import RecommendationFactory, ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_delete_confirmation_says_what_goes_to_the_trash_in_words(curator_client):
    report = ReportFactory(title="Doomed report", status=Status.DRAFT)
    for n in range(3):
        RecommendationFactory(report=report, title=f"Doomed {n}")
    report.topics.add(TopicFactory(), TopicFactory())

    page = curator_client.get(f"/admin/reports/report/{report.pk}/delete/").content.decode()
    assert (
        "Deleting takes 1 report and 3 recommendations off the site at once, into the Trash."
        in page
    )
    assert "restore them from the Trash" in page
    assert "object (" not in page  # no "Report_topics object (22)"
    assert "Doomed 0" in page


def test_deleting_a_selection_says_the_same(curator_client):
    first, second = ReportFactory(title="One"), ReportFactory(title="Two")
    page = curator_client.post(
        "/admin/reports/report/",
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk]},
    ).content.decode()
    assert "Deleting takes 2 reports off the site at once, into the Trash." in page


def test_view_on_site_opens_the_preview_of_anything_unpublished(curator_client, client):
    draft = ReportFactory(title="Draft report", slug="draft-report", status=Status.DRAFT)
    recommendation = RecommendationFactory(report=draft)
    published = ReportFactory(title="Public report", slug="public-report")

    for url in [
        f"/admin/reports/report/{draft.pk}/change/",
        f"/admin/reports/recommendation/{recommendation.pk}/change/",
    ]:
        page = curator_client.get(url).content.decode()
        link = page.split('class="viewsitelink"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]
        assert link.startswith("/preview/"), (url, link)
        # The preview answers, to anyone holding the link.
        assert client.get(link).status_code == 200
        assert "Draft report" in client.get(link).content.decode()

    page = curator_client.get(f"/admin/reports/report/{published.pk}/change/").content.decode()
    link = page.split('class="viewsitelink"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]
    assert not link.startswith("/preview/")
    assert (
        curator_client.get(link, follow=True)
        .redirect_chain[-1][0]
        .endswith("/reports/public-report/")
    )
