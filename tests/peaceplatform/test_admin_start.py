"""The admin's start page (peaceplatform/admin_site.py): each curator's drafts, what
waits for their review, what is scheduled or went public, what others changed, what
needs attention; and the plumbing grouped under "System" for Administrators only."""

import datetime

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from core.publishing.status import Status
from tests.conftest import sign_in_with_second_factor
from tests.factories import RecommendationFactory, ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db


def logged(user, obj):
    """What the admin records when `user` adds `obj`."""
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[obj], action_flag=ADDITION, change_message="Added."
    )


def start_page(user) -> str:
    client = sign_in_with_second_factor(Client(), user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_an_editor_sees_their_own_drafts_and_no_review_queue_or_system(make_staff):
    editor = make_staff("editor")
    publisher = make_staff("publisher")
    mine = ReportFactory(title="My half-written report", status=Status.DRAFT)
    theirs = ReportFactory(title="A publisher's draft", status=Status.DRAFT)
    logged(editor, mine)
    logged(publisher, theirs)

    page = start_page(editor)
    drafts = section(page, "start-drafts")
    assert "My half-written report" in drafts
    assert "A publisher's draft" not in drafts
    assert 'id="start-waiting"' not in page
    # Others' changes are named, with who made them.
    assert "A publisher&#x27;s draft" in section(page, "start-others") or (
        "A publisher's draft" in section(page, "start-others")
    )
    assert "by publisher" in section(page, "start-others")
    assert "System" not in page
    assert "Access attempts" not in page
    assert "Reports" in page


def test_a_publisher_sees_what_waits_for_review_and_what_is_scheduled(make_staff):
    publisher = make_staff("publisher")
    ReportFactory(title="Ready for a look", status=Status.REVIEW)
    ReportFactory(
        title="Out next Monday",
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=3),
    )
    page = start_page(publisher)
    assert "Ready for a look" in section(page, "start-waiting")
    assert "Out next Monday" in section(page, "start-scheduled")
    assert "System" not in page


def test_needs_attention_names_reports_without_documents_or_topics_and_silent_recommendations(
    make_staff,
):
    topic = TopicFactory()
    ReportFactory(title="Bare report")
    covered = ReportFactory(title="Recommending report")
    covered.topics.add(topic)
    RecommendationFactory(report=covered, title="Never followed up")
    went_live = ReportFactory(
        title="Went live on its own",
        publish_at=timezone.now() - datetime.timedelta(hours=2),
    )
    type(went_live).objects.filter(pk=went_live.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=2)
    )

    attention = section(start_page(make_staff("editor")), "start-attention")
    assert "Reports without a document or a topic" in attention
    assert "Bare report" in attention
    assert "Recommendations of published reports with no update yet (1)" in attention
    assert "Never followed up" in attention
    assert "Went public on schedule in the past week (1)" in attention
    assert "Went live on its own" in attention


def test_an_administrator_finds_the_plumbing_under_system(make_staff):
    page = start_page(make_staff("administrator"))
    system = page[page.index(">System<") :]
    for plumbing in ["Access attempts", "Trash", "Authenticator apps", "Document symbols"]:
        assert plumbing in system, plumbing
    # The plumbing is not also listed with the content.
    content = page[: page.index(">System<")]
    assert "Access attempts" not in content
    assert "Document symbols" not in content


def test_a_system_models_own_app_page_still_lists_it(make_staff):
    client = sign_in_with_second_factor(Client(), make_staff("administrator"))
    page = client.get("/admin/axes/").content.decode()
    assert "Access attempts" in page


def test_the_start_page_reads_a_bounded_number_of_queries(
    make_staff, demo, django_assert_max_num_queries
):
    client = sign_in_with_second_factor(Client(), make_staff("publisher"))
    ContentType.objects.clear_cache()
    client.get("/admin/")  # warm the content types
    # Measured: 43. Three per publishable model (waiting, scheduled, published this
    # week; nine models with the site's pages and the operations) for a publisher,
    # the log twice, the
    # six of "needs attention" (unreadable PDFs and failed jobs: a count each, their
    # rows only when there are some), and the session, user and second factor. The
    # demo's rows do not add any.
    with django_assert_max_num_queries(43):
        assert client.get("/admin/").status_code == 200
