"""The editorial workflow: roles, transitions through every door of the admin,
the lock on published content, scheduled publishing, and the review queue."""

import datetime
import time

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core.publishing import workflow
from core.publishing.status import Status
from reports.models import Recommendation, Report
from tests.admin_forms import report_form
from tests.factories import RecommendationFactory, ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "publisher", "administrator"]
# Which role may make which move (submit is an editor's; the rest need publishing rights).
MAY = {
    "submit": {"editor", "publisher", "administrator"},
    "publish": {"publisher", "administrator"},
    "schedule": {"publisher", "administrator"},
    "unpublish": {"publisher", "administrator"},
    "archive": {"publisher", "administrator"},
}
# A status each move applies to, and where it leads.
START = {
    "submit": Status.DRAFT,
    "publish": Status.REVIEW,
    "schedule": Status.REVIEW,
    "unpublish": Status.PUBLISHED,
    "archive": Status.PUBLISHED,
}
END = {
    "submit": Status.REVIEW,
    "publish": Status.PUBLISHED,
    "schedule": Status.PUBLISHED,
    "unpublish": Status.DRAFT,
    "archive": Status.ARCHIVED,
}


def report_in(status):
    return ReportFactory(status=status)


def changelist():
    return reverse("admin:reports_report_changelist")


def move_data(name):
    data = {"confirm": "yes"}
    if name == "schedule":
        later = timezone.localtime() + datetime.timedelta(days=2)
        data["publish_at"] = later.strftime("%Y-%m-%dT%H:%M")
    return data


def test_roles_are_groups_with_the_right_permissions():
    editor = {p.codename for p in Group.objects.get(name="Editor").permissions.all()}
    publisher = {p.codename for p in Group.objects.get(name="Publisher").permissions.all()}
    administrator = {p.codename for p in Group.objects.get(name="Administrator").permissions.all()}
    assert {"add_report", "change_report", "delete_report", "change_recommendation"} <= editor
    assert not {code for code in editor if code.startswith("publish_")}
    assert "purge_trash" not in editor | publisher
    assert {"publish_report", "publish_event", "publish_topic", "publish_person"} <= publisher
    assert {"purge_trash", "add_user", "add_partnerkey", "publish_report"} <= administrator


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MAY))
def test_transition_through_the_admin_action(signed_in, role, name):
    client = signed_in(role)
    report = report_in(START[name])
    response = client.post(
        changelist(), {"action": name, ACTION_CHECKBOX_NAME: [report.pk], **move_data(name)}
    )
    report.refresh_from_db()
    if role in MAY[name]:
        assert response.status_code == 302
        assert report.status == END[name]
    else:
        assert report.status == START[name]
        if role == "anonymous":
            assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MAY))
def test_transition_through_a_direct_post(signed_in, role, name):
    client = signed_in(role)
    report = report_in(START[name])
    url = reverse("admin:reports_report_workflow", args=[report.pk, name])
    response = client.post(url, move_data(name))
    report.refresh_from_db()
    if role in MAY[name]:
        assert response.status_code == 302
        assert report.status == END[name]
        assert report.status_changed_by.username == role
        assert report.status_changed_at is not None
    else:
        assert report.status == START[name]
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")
        else:
            assert response.status_code == 403


def test_an_action_asks_for_confirmation_first(signed_in):
    client = signed_in("publisher")
    report = report_in(Status.REVIEW)
    response = client.post(changelist(), {"action": "publish", ACTION_CHECKBOX_NAME: [report.pk]})
    assert response.status_code == 200
    assert "are you sure" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.REVIEW


def test_actions_an_editor_may_not_use_are_not_offered(signed_in):
    response = signed_in("editor").get(changelist())
    offered = {value for value, _ in response.context["action_form"].fields["action"].choices}
    assert "submit" in offered
    assert not {"publish", "schedule", "unpublish", "archive"} & offered


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", [Status.PUBLISHED, Status.ARCHIVED, Status.REVIEW])
def test_no_role_moves_the_status_through_the_change_form(signed_in, role, target):
    """Posting a status in the change form changes nothing: the field is read-only
    for everyone, publishers included, and moves only through the workflow."""
    client = signed_in(role)
    report = report_in(Status.DRAFT)
    url = reverse("admin:reports_report_change", args=[report.pk])
    response = client.post(url, report_form(report, status=target, title="Edited"))
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    if role == "anonymous":
        assert response["Location"].startswith("/admin/login/")
        assert report.title != "Edited"
    else:
        assert response.status_code == 302
        assert report.title == "Edited"


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.ARCHIVED])
def test_an_editor_cannot_change_or_delete_published_content(signed_in, status):
    client = signed_in("editor")
    report = report_in(status)
    url = reverse("admin:reports_report_change", args=[report.pk])
    assert client.get(url).status_code == 200  # may read it
    assert client.post(url, report_form(report, title="Sneaked in")).status_code == 403
    delete_url = reverse("admin:reports_report_delete", args=[report.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    response = client.post(
        changelist(),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [report.pk], "post": "yes"},
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.title != "Sneaked in"


def test_a_publisher_can_edit_published_content(signed_in):
    client = signed_in("publisher")
    report = report_in(Status.PUBLISHED)
    url = reverse("admin:reports_report_change", args=[report.pk])
    assert client.post(url, report_form(report, title="Corrected")).status_code == 302
    report.refresh_from_db()
    assert report.title == "Corrected"


def test_an_editor_cannot_add_to_a_published_report_through_its_children(signed_in):
    client = signed_in("editor")
    report = report_in(Status.PUBLISHED)
    response = client.post(
        reverse("admin:reports_recommendation_add"),
        {
            "report": report.pk,
            "label": "9",
            "order": "0",
            "title": "Unreviewed",
            "text": "Added without review.",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "only a publisher can change what it shows" in response.content.decode()
    assert not Recommendation.objects.filter(title="Unreviewed").exists()
    existing = RecommendationFactory(report=report)
    url = reverse("admin:reports_recommendation_change", args=[existing.pk])
    assert (
        client.post(url, {"report": report.pk, "label": "x", "title": "y", "text": "z"}).status_code
        == 403
    )


def test_a_draft_report_editor_adds_a_recommendation(signed_in):
    client = signed_in("editor")
    report = report_in(Status.DRAFT)
    response = client.post(
        reverse("admin:reports_recommendation_add"),
        {
            "report": report.pk,
            "label": "1",
            "label_source": "document",
            "order": "0",
            "title": "Reviewed later",
            "text": "Part of a draft.",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert report.recommendations.get().title == "Reviewed later"


def test_schedule_refuses_a_time_in_the_past(signed_in):
    client = signed_in("publisher")
    report = report_in(Status.REVIEW)
    url = reverse("admin:reports_report_workflow", args=[report.pk, "schedule"])
    response = client.post(url, {"confirm": "yes", "publish_at": "2015-09-29T09:00"})
    assert response.status_code == 200
    assert "Choose a time in the future" in response.content.decode()
    response = client.post(url, {"confirm": "yes", "publish_at": "next tuesday"})
    assert "YYYY-MM-DD HH:MM" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.REVIEW


def test_a_move_that_does_not_apply_leaves_the_row_and_says_so(signed_in):
    client = signed_in("publisher")
    draft, published = report_in(Status.DRAFT), report_in(Status.PUBLISHED)
    response = client.post(
        changelist(),
        {"action": "unpublish", ACTION_CHECKBOX_NAME: [draft.pk, published.pk], "confirm": "yes"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "1 report returned to draft." in messages
    assert any("1 left as it was" in m for m in messages)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Status.DRAFT, Status.DRAFT)
    assert published.publish_at is None


def test_the_review_queue_lists_what_waits(signed_in):
    client = signed_in("publisher")
    waiting = ReportFactory(status=Status.DRAFT, title="Waiting report")
    TopicFactory(status=Status.DRAFT, name="Not submitted topic")
    url = reverse("admin:reports_report_workflow", args=[waiting.pk, "submit"])
    client.post(url, {"confirm": "yes"})
    response = client.get(reverse("review-queue"))
    page = response.content.decode()
    assert "Waiting report" in page
    assert "Not submitted topic" not in page
    assert "submitted by publisher" in page


class TestScheduledPublishing:
    """A report scheduled a few seconds ahead is nowhere public until then, and
    everywhere public after, with no job run in between: the clock is the database's."""

    ROUTES = [
        "/reports/",
        "/search/?q=Zanzibarian",
        "/api/v1/reports/",
        "/api/v1/search/?q=Zanzibarian",
        "/feeds/reports/",
        "/sitemap-reports.xml",
    ]

    def visible(self, client, report):
        seen = {}
        for route in self.ROUTES:
            response = client.get(route)
            assert response.status_code == 200, route
            seen[route] = report.slug in response.content.decode()
        detail = client.get(report.get_absolute_url()).status_code
        api = client.get(f"/api/v1/reports/{report.slug}/").status_code
        return seen, detail, api

    def test_invisible_before_its_time_and_visible_after(self, client, make_staff):
        report = ReportFactory(status=Status.REVIEW, title="Zanzibarian review of mandates")
        when = timezone.now() + datetime.timedelta(seconds=4)
        workflow.apply(
            workflow.TRANSITIONS["schedule"],
            Report.objects.filter(pk=report.pk),
            make_staff("publisher"),
            when=when,
        )
        report.refresh_from_db()
        assert report.is_scheduled
        assert not report.is_published
        seen, detail, api = self.visible(client, report)
        assert timezone.now() < when, "the checks took longer than the schedule allows"
        assert not any(seen.values()), seen
        assert (detail, api) == (404, 404)

        time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.2)
        report.refresh_from_db()
        assert report.is_published
        seen, detail, api = self.visible(client, report)
        assert all(seen.values()), seen
        assert (detail, api) == (200, 200)


def test_an_editor_creating_content_cannot_make_it_public(signed_in):
    client = signed_in("editor")
    report = Report(title="Straight to the public?", slug="straight", kind="policy_paper")
    response = client.post(
        reverse("admin:reports_report_add"), report_form(report, status="published")
    )
    assert response.status_code == 302
    created = Report.objects.get(slug="straight")
    assert created.status == Status.DRAFT
    assert created.publish_at is None
