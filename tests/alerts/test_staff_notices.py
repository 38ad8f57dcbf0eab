"""Staff told of the workflow's moves by e-mail, through a real SMTP server on
127.0.0.1: publishers of what waits for review, authors of what happened to their
items, publishers on Mondays of what is scheduled; each as they choose."""

import datetime

import pghistory
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts import staff
from alerts.models import Delivery, StaffNotice, StaffPreference
from core.publishing import workflow
from core.publishing.status import Status
from reports.models import Report
from tests.alerts.conftest import text_of
from tests.conftest import sign_in_with_second_factor
from tests.factories import EventFactory, ReportFactory
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    """A staff member with an address, in a role, with their choices if given; and a
    client signed in as them."""

    def make(name, role, **choices):
        user = django_user_model.objects.create_user(
            username=name, email=f"{name}@example.org", password="not-used-here", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        if choices:
            StaffPreference.objects.create(user=user, **choices)
        client = Client()
        sign_in_with_second_factor(client, user)
        user.client = client
        return user

    return make


def move(user, name, *items, **data):
    """A move through the admin's action, as its buttons make it."""
    model = type(items[0])
    answer = user.client.post(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
        {
            "action": name,
            ACTION_CHECKBOX_NAME: [item.pk for item in items],
            "confirm": "yes",
            **data,
        },
    )
    assert answer.status_code == 302, answer.content[:500]


def written_by(user, **values):
    """A report created in a request of `user`, as the history records it."""
    with pghistory.context(user=user.pk):
        return ReportFactory(status=Status.DRAFT, **values)


def mailed(inbox) -> dict:
    """{address: [(subject, text)]} of what arrived since last asked."""
    found = {}
    for recipients, message in inbox.take():
        for address in recipients:
            found.setdefault(address, []).append((message["Subject"].strip(), text_of(message)))
    return found


def test_publishers_hear_of_a_submission_and_its_author_of_its_publication(person, inbox):
    editor = person("erin", "Editor")
    publisher = person("pat", "Publisher")
    person("dana", "Publisher", waiting_for_review=Delivery.DAILY)
    person("oscar", "Publisher", waiting_for_review=Delivery.OFF)
    person("eve", "Editor")  # may not publish: never told of reviews
    report = written_by(editor, title="Uniting our strengths")

    move(editor, "submit", report)
    run_queued_jobs()
    [(subject, text)] = mailed(inbox).pop("pat@example.org")
    assert subject == "Report “Uniting our strengths” submitted for review by erin"
    assert f"/admin/reports/report/{report.pk}/change/" in text
    assert "/admin/notifications/" in text
    assert inbox.take() == []  # no one else, as it happens

    assert staff.send_notices(Delivery.DAILY) == 1
    [(subject, text)] = mailed(inbox).pop("dana@example.org")
    assert "Uniting our strengths” submitted for review by erin" in text
    assert "The past day's workflow moves" in text
    assert inbox.take() == []
    assert staff.send_notices(Delivery.DAILY) == 0  # mailed once, then forgotten

    move(publisher, "publish", report)
    run_queued_jobs()
    [(subject, text)] = mailed(inbox).pop("erin@example.org")
    assert subject == "Report “Uniting our strengths” published by pat"
    assert inbox.take() == []  # the publisher is not told of their own move
    assert not StaffNotice.objects.exists()


def test_an_author_hears_when_their_item_is_scheduled_or_sent_back(person, inbox):
    editor = person("erin", "Editor")
    publisher = person("pat", "Publisher", waiting_for_review=Delivery.OFF)
    later, back = written_by(editor, title="Later"), written_by(editor, title="Not yet")
    move(editor, "submit", later, back)
    move(
        publisher,
        "schedule",
        later,
        publish_at=(timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
    )
    move(publisher, "unpublish", back)
    run_queued_jobs()
    # Both moves before the job ran: one mail with both.
    [(subject, text)] = mailed(inbox).pop("erin@example.org")
    assert subject == "2 workflow notices for you"
    assert "Report “Later” scheduled by pat to go public on " in text
    assert "Report “Not yet” sent back to draft by pat" in text
    assert inbox.take() == []


def test_whoever_submitted_an_item_hears_of_it_as_well_as_its_creator(person, inbox):
    creator = person("erin", "Editor")
    submitter = person("sam", "Editor", my_items=Delivery.DAILY)
    publisher = person("pat", "Publisher", waiting_for_review=Delivery.OFF)
    report = written_by(creator, title="Handed on")
    move(submitter, "submit", report)
    move(publisher, "publish", report)
    run_queued_jobs()
    assert list(mailed(inbox)) == ["erin@example.org"]
    staff.send_notices(Delivery.DAILY)
    [(subject, _text)] = mailed(inbox).pop("sam@example.org")
    assert subject == "Report “Handed on” published by pat"


def test_a_refused_or_undone_move_tells_nobody(person, inbox):
    editor = person("erin", "Editor")
    publisher = person("pat", "Publisher")
    report = written_by(editor, title="Too soon")
    refused = editor.client.post(
        reverse("admin:reports_report_workflow", args=[report.pk, "publish"])
    )
    assert refused.status_code == 403

    class RequestFailed(Exception):
        pass

    def submit_then_fail():
        with transaction.atomic():
            submit = workflow.TRANSITIONS["submit"]
            workflow.apply(submit, Report.objects.filter(pk=report.pk), editor)
            assert StaffNotice.objects.filter(user=publisher).exists()
            raise RequestFailed

    # A move whose transaction rolls back takes its notices and their job with it.
    with pytest.raises(RequestFailed):
        submit_then_fail()
    assert run_queued_jobs() == []
    assert not StaffNotice.objects.exists()
    assert inbox.take() == []


def test_nothing_is_told_to_those_who_chose_off_or_cannot_be_reached(person, inbox):
    editor = person("erin", "Editor", my_items=Delivery.OFF)
    publisher = person("pat", "Publisher")
    gone = person("gus", "Publisher")
    gone.is_active = False
    gone.save()
    report = written_by(editor, title="Quiet")
    move(editor, "submit", report)
    move(publisher, "publish", report)
    run_queued_jobs()
    assert list(mailed(inbox)) == ["pat@example.org"]  # the review; erin chose off


def test_the_weekly_note_lists_what_is_scheduled_to_those_who_may_publish_it(person, inbox):
    person("erin", "Editor")
    person("pat", "Publisher")
    person("quinn", "Publisher", weekly_schedule=False)
    assert staff.send_weekly_schedule() == 0  # nothing scheduled, nothing sent
    soon = timezone.now() + datetime.timedelta(days=1)
    ReportFactory(title="Out on Tuesday", status=Status.PUBLISHED, publish_at=soon)
    EventFactory(
        title="Announced Wednesday",
        status=Status.PUBLISHED,
        publish_at=soon + datetime.timedelta(days=1),
    )
    ReportFactory(title="Already out")
    ReportFactory(title="A draft", status=Status.DRAFT)
    assert staff.send_weekly_schedule() == 1
    [(subject, text)] = mailed(inbox).pop("pat@example.org")
    assert subject == "Scheduled to go public: 2 items"
    assert text.index("Out on Tuesday") < text.index("Announced Wednesday")
    assert "Already out" not in text
    assert "A draft" not in text
    assert inbox.take() == []


def test_each_person_chooses_on_their_preferences_page(person, client):
    editor = person("erin", "Editor")
    page = editor.client.get("/admin/notifications/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "erin@example.org" in html
    assert 'name="my_items"' in html
    assert 'name="waiting_for_review"' not in html  # nothing to review for an editor
    saved = editor.client.post(
        "/admin/notifications/", {"my_items": "daily", "waiting_for_review": "off"}
    )
    assert saved.status_code == 302
    chosen = StaffPreference.objects.get(user=editor)
    assert (chosen.my_items, chosen.waiting_for_review) == ("daily", "immediate")

    publisher = person("pat", "Publisher")
    html = publisher.client.get("/admin/notifications/").content.decode()
    assert 'name="waiting_for_review"' in html
    assert 'name="weekly_schedule"' in html
    refused = publisher.client.post(
        "/admin/notifications/", {"my_items": "hourly\x00", "waiting_for_review": "daily"}
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert not StaffPreference.objects.filter(user=publisher).exists()  # nothing half-saved

    anonymous = client.get("/admin/notifications/")
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]
