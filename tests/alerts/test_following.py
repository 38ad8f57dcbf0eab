"""Following a list by e-mail, end to end through a real SMTP server on 127.0.0.1
(aiosmtpd): sign up, the confirmation mail, confirm, a matching publication mailed
once, one-click unsubscribe (RFC 8058), and nothing after."""

import re

import pytest

from alerts import digests
from alerts.models import Subscriber, Subscription
from core.publishing.status import Status
from peaceplatform.changes import record_changes
from peaceplatform.tasks import changes_for_alerts
from tests.alerts.conftest import text_of
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportFactory,
    TopicFactory,
)
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


def link(text: str, path: str) -> str:
    found = re.search(rf"https?://[^\s]+{re.escape(path)}[^\s]+/", text)
    assert found, text
    return found.group(0)


def send_immediate() -> int:
    record_changes(force=True)
    return digests.send("immediate", changes_for_alerts)


@pytest.fixture
def poc():
    return TopicFactory(slug="poc", name="Protection of civilians")


def subscribe(client, inbox, address="reader@example.org", rhythm="immediate", **filters):
    answer = client.post(
        "/follow/", {"list": "reports", "email": address, "rhythm": rhythm, **filters}
    )
    assert answer.status_code == 200
    assert "Check your inbox" in answer.content.decode()
    run_queued_jobs()
    return inbox.take()


def test_follow_confirm_be_told_once_and_leave_in_one_click(client, inbox, poc):
    page = client.get("/follow/?list=reports&topic=poc&page=3")
    assert page.status_code == 200
    assert "Reports · Topic: Protection of civilians" in page.content.decode()

    [(recipients, confirmation)] = subscribe(client, inbox, topic="poc")
    assert recipients == ["reader@example.org"]
    assert (
        confirmation["Subject"].strip()
        == "Confirm: follow Reports · Topic: Protection of civilians"
    )
    assert "List-Unsubscribe" not in confirmation  # nothing to leave yet
    confirm_url = link(text_of(confirmation), "/follow/confirm/")
    # Nothing is sent before confirmation, whatever is published.
    ReportFactory(title="Before confirmation").topics.add(poc)
    assert send_immediate() == 0
    assert inbox.take() == []

    opened = client.get(confirm_url)  # a mail scanner opening the link confirms nothing
    assert "Yes, follow it" in opened.content.decode()
    assert Subscription.objects.get().confirmed_at is None
    client.post(confirm_url)
    assert Subscription.objects.get().confirmed_at is not None

    ReportFactory(title="Kigali and after").topics.add(poc)
    ReportFactory(title="Draft on civilians", status=Status.DRAFT).topics.add(poc)
    ReportFactory(title="Another topic entirely")
    assert send_immediate() == 1
    [(_to, alert)] = inbox.take()
    body = text_of(alert)
    assert "Kigali and after (new)" in body
    assert "Draft on civilians" not in body
    assert "Another topic" not in body
    assert "Before confirmation" not in body
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert alert.get_body(preferencelist=("html",)) is not None
    assert send_immediate() == 0  # told once

    stop_url = alert["List-Unsubscribe"].strip().strip("<>")
    assert stop_url == link(body, "/follow/stop/")  # the same link in the text
    # RFC 8058: the mail client POSTs this body, with no cookie and no CSRF token.
    left = client.post(
        stop_url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert left.status_code == 200
    assert not Subscriber.objects.exists()  # the address went with its last subscription
    ReportFactory(title="After leaving").topics.add(poc)
    assert send_immediate() == 0
    assert inbox.take() == []


def test_a_daily_digest_lists_everything_new_and_nothing_is_sent_when_nothing_is(
    client, inbox, poc
):
    [(_to, confirmation)] = subscribe(client, inbox, rhythm="daily", q="civilians")
    client.post(link(text_of(confirmation), "/follow/confirm/"))
    ReportFactory(title="Civilians first")
    ReportFactory(title="Civilians second")
    record_changes(force=True)
    assert digests.send("immediate", changes_for_alerts) == 0  # not this rhythm
    assert digests.send("daily", changes_for_alerts) == 1
    [(_to, digest)] = inbox.take()
    body = text_of(digest)
    assert body.index("Civilians second") < body.index("Civilians first")  # newest first
    assert digest["Subject"].strip() == "2 new or changed: Reports matching “civilians”"
    assert digests.send("daily", changes_for_alerts) == 0
    assert inbox.take() == []


def test_the_same_answer_whether_or_not_the_address_follows_already(client, inbox, poc):
    [(_to, confirmation)] = subscribe(client, inbox, topic="poc")
    client.post(link(text_of(confirmation), "/follow/confirm/"))
    again = client.post(
        "/follow/",
        {"list": "reports", "topic": "poc", "email": "Reader@Example.org", "rhythm": "daily"},
    )
    assert "Check your inbox" in again.content.decode()
    run_queued_jobs()
    assert inbox.take() == []  # following already: no mail, and nothing said
    assert Subscription.objects.count() == 1


def test_one_address_gets_a_few_confirmation_mails_a_day_at_most(client, inbox):
    for number in range(12):
        client.post(
            "/follow/",
            {
                "list": "reports",
                "q": f"word{number}",
                "email": "victim@example.org",
                "rhythm": "daily",
            },
        )
    run_queued_jobs()
    assert len(inbox.take()) == 5


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"email": "not an address"}, "Enter a valid email address"),
        ({"email": "a@example.org\r\nBcc: many@example.org"}, "Enter a valid email address"),
        ({"email": "a\x00b@example.org"}, "Null characters are not allowed"),
        ({"email": "a@example.org", "rhythm": "hourly"}, "Select a valid choice"),
    ],
)
def test_bad_input_on_the_form_is_refused_and_sends_nothing(client, inbox, data, says):
    answer = client.post("/follow/", {"list": "reports", "rhythm": "daily", **data})
    assert answer.status_code == 400
    assert says in answer.content.decode()
    run_queued_jobs()
    assert inbox.take() == []
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "list=planets",
        "",
        "list=reports&topic=no-such-topic",
        "list=reports&year=1800",
        "list=reports&q=%00",
    ],
)
def test_what_no_list_would_take_cannot_be_followed(client, query):
    answer = client.get(f"/follow/?{query}")
    assert answer.status_code == 400


def test_a_search_too_long_to_keep_is_refused_with_the_reason(client):
    answer = client.get("/follow/", {"list": "reports", "q": "peace " * 400})
    assert answer.status_code == 400
    assert "too long to follow" in answer.content.decode()


def test_line_breaks_in_a_search_do_not_reach_the_mail_headers(client, inbox):
    [(_to, confirmation)] = subscribe(client, inbox, q="peace\r\nBcc: many@example.org")
    assert confirmation["Bcc"] is None
    assert "\n" not in confirmation["Subject"]
    assert "peace Bcc: many@example.org" in confirmation["Subject"]


@pytest.mark.parametrize(
    ("path", "status"),
    [("/follow/confirm/nonsense/", 200), ("/follow/manage/nonsense/", 200),
     ("/follow/stop/nonsense/", 200)],
)  # fmt: skip
def test_a_forged_link_shows_nothing(client, poc, path, status):
    Subscription.objects.create(
        subscriber=Subscriber.objects.create(email="someone@example.org"), label="x"
    )
    answer = client.get(path)
    assert answer.status_code == status
    assert "someone@example.org" not in answer.content.decode()


def test_the_manage_page_lists_and_stops(client, inbox, poc):
    [(_to, first)] = subscribe(client, inbox, topic="poc")
    client.post(link(text_of(first), "/follow/confirm/"))
    subscribe(client, inbox, q="mandates")
    ReportFactory(title="For the manage link").topics.add(poc)
    send_immediate()
    [(_to, alert)] = inbox.take()
    manage_url = link(text_of(alert), "/follow/manage/")
    page = client.get(manage_url).content.decode()
    assert "Reports · Topic: Protection of civilians" in page
    assert "Reports matching “mandates”" in page
    assert "(waiting for confirmation)" in page
    client.post(manage_url, {"stop": "all"})
    assert not Subscriber.objects.exists()


def test_one_client_cannot_sign_up_by_the_thousand(client, inbox):
    answers = [
        client.post(
            "/follow/",
            {"list": "reports", "q": f"w{n}", "email": f"r{n}@example.org", "rhythm": "daily"},
        ).status_code
        for n in range(25)
    ]
    assert answers == [200] * 20 + [429] * 5
    assert Subscriber.objects.count() == 20
    run_queued_jobs()
    assert len(inbox.take()) == 20


def test_an_address_refused_three_times_is_paused_and_told_why_on_confirming(client, inbox, poc):
    [(_to, confirmation)] = subscribe(client, inbox, address="gone@example.org", topic="poc")
    client.post(link(text_of(confirmation), "/follow/confirm/"))
    inbox.refused.add("gone@example.org")
    for number in range(3):
        ReportFactory(title=f"Refused {number}").topics.add(poc)
        assert send_immediate() == 0
    subscriber = Subscriber.objects.get()
    assert subscriber.refusals == 3
    assert "refused 3 times in a row" in subscriber.paused_reason
    assert "550" in subscriber.paused_reason
    ReportFactory(title="While paused").topics.add(poc)
    record_changes(force=True)
    assert list(digests.due("immediate")) == []  # no more tries while paused
    # The address works again; a new sign-up's confirmation says why mail stopped, and
    # confirming resumes it.
    inbox.refused.clear()
    [(_to, again)] = subscribe(client, inbox, address="gone@example.org", q="civilians")
    assert "Mail to this address was paused" in text_of(again)
    client.post(link(text_of(again), "/follow/confirm/"))
    assert Subscriber.objects.get().paused_reason == ""
    ReportFactory(title="After resuming").topics.add(poc)
    assert send_immediate() == 1


@pytest.mark.parametrize(
    ("role", "sees_addresses"), [("publisher", False), ("administrator", True)]
)
def test_staff_see_counts_and_only_administrators_the_addresses(
    signed_in, inbox, client, role, sees_addresses
):
    [(_to, confirmation)] = subscribe(client, inbox, address="private@example.org", q="peace")
    client.post(link(text_of(confirmation), "/follow/confirm/"))
    page = signed_in(role).get("/admin/alerts/subscription/")
    assert page.status_code == 200
    shown = page.content.decode()
    assert "Confirmed followers" in shown
    assert "Reports matching “peace”" in shown
    assert ("private@example.org" in shown) is sees_addresses


def test_lists_trackers_and_profiles_link_to_following_them(client, poc, settings):
    """Each link carries what its page shows, and the follow page names it."""
    settings.PAGE_CACHE_SECONDS = 0
    report = ReportFactory(slug="hippo", title="HIPPO")
    report.topics.add(poc)
    pages = {
        "/reports/?q=civilians&page=1": "Reports matching “civilians”",
        "/events/?year=2015": "Events · Year: 2015",
        "/recommendations/?status=implemented": "Recommendations · Current status: Implemented",
        "/reports/hippo/tracker/": "Recommendations · Report: HIPPO",
        "/topics/poc/": "Reports · Topic: Protection of civilians",
    }
    for page, named in pages.items():
        html = client.get(page).content.decode()
        found = re.search(r'href="(/follow/\?[^"]+)"', html)
        assert found, page
        follow = client.get(found.group(1).replace("&amp;", "&"))
        assert follow.status_code == 200, page
        assert named in follow.content.decode(), (page, named)


def test_organizations_people_and_a_recommendation_link_to_following_them(client, poc, settings):
    settings.PAGE_CACHE_SECONDS = 0
    OrganizationFactory(slug="dpo", name="Department of Peace Operations")
    PersonFactory(slug="ladsous", name="Hervé Ladsous")
    recommendation = RecommendationFactory(
        report=ReportFactory(slug="hippo"), title="Put politics first"
    )
    pages = {
        "/organizations/dpo/": [
            "Reports · Authoring body: Department of Peace Operations",
            "Events · Organization taking part: Department of Peace Operations",
            "Recommendations · Responsible body: Department of Peace Operations",
        ],
        "/people/ladsous/": ["Events · Person taking part: Hervé Ladsous"],
        recommendation.get_absolute_url(): [f"Recommendations · Recommendation: {recommendation}"],
    }
    for page, named in pages.items():
        html = client.get(page).content.decode()
        found = [
            href.replace("&amp;", "&") for href in re.findall(r'href="(/follow/\?[^"]+)"', html)
        ]
        assert len(found) == len(named), page
        for href, name in zip(found, named, strict=True):
            assert name in client.get(href).content.decode(), (page, name)


def test_a_single_recommendation_is_followed_through_its_status_changes(client, inbox):
    recommendation = RecommendationFactory(title="Put politics first")
    other = RecommendationFactory(report=recommendation.report, title="Another")
    record_changes(force=True)
    [(_to, confirmation)] = subscribe(
        client, inbox, list="recommendations", id=str(recommendation.pk)
    )
    client.post(link(text_of(confirmation), "/follow/confirm/"))
    RecommendationUpdateFactory(recommendation=other)
    RecommendationUpdateFactory(recommendation=recommendation, status=Status.DRAFT)
    assert send_immediate() == 0  # another's update, and a draft of its own
    RecommendationUpdateFactory(recommendation=recommendation)
    assert send_immediate() == 1
    [(_to, alert)] = inbox.take()
    assert "Put politics first (changed)" in text_of(alert)
    assert "Another" not in text_of(alert)


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "1\x00", "-1"])
def test_a_recommendation_id_that_is_not_one_is_refused(client, value):
    page = client.get("/follow/", {"list": "recommendations", "id": value})
    assert page.status_code == 400
    assert "Recommendation" in page.content.decode()


def test_the_same_form_sent_twice_sends_one_confirmation(client, inbox):
    for _ in range(3):
        client.post(
            "/follow/", {"list": "reports", "q": "x", "email": "a@example.org", "rhythm": "daily"}
        )
    run_queued_jobs()
    assert len(inbox.take()) == 1


def test_sign_ups_never_confirmed_are_forgotten_with_their_address(client, inbox):
    from datetime import timedelta

    from django.utils import timezone

    from alerts.tasks import forget_unconfirmed_now

    subscribe(client, inbox, address="typed-by-someone-else@example.org", q="x")
    [(_to, kept)] = subscribe(client, inbox, address="kept@example.org", q="y")
    client.post(link(text_of(kept), "/follow/confirm/"))
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert forget_unconfirmed_now() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.org"]


def test_refusals_of_one_address_add_up_across_its_subscriptions_in_one_run(client, inbox, poc):
    for filters in ({"topic": "poc"}, {"q": "civilians"}, {"q": "kigali"}):
        [(_to, confirmation)] = subscribe(client, inbox, address="gone@example.org", **filters)
        client.post(link(text_of(confirmation), "/follow/confirm/"))
    inbox.refused.add("gone@example.org")
    ReportFactory(title="Kigali civilians").topics.add(poc)  # matches all three
    assert send_immediate() == 0
    subscriber = Subscriber.objects.get()
    assert subscriber.refusals == 3
    assert subscriber.paused_reason


def test_a_long_digest_lists_the_newest_and_counts_the_rest(client, inbox, monkeypatch):
    monkeypatch.setattr("alerts.mail.ITEMS_PER_MAIL", 2)
    [(_to, confirmation)] = subscribe(client, inbox, rhythm="daily", q="sanctions")
    client.post(link(text_of(confirmation), "/follow/confirm/"))
    for number in range(5):
        ReportFactory(title=f"Sanctions {number}")
    record_changes(force=True)
    assert digests.send("daily", changes_for_alerts) == 1
    [(_to, digest)] = inbox.take()
    body = text_of(digest)
    assert digest["Subject"].strip().startswith("5 new or changed")
    assert "Sanctions 4" in body
    assert "Sanctions 3" in body
    assert "Sanctions 2" not in body
    assert "… and 3 more." in body


def test_alerts_are_mailed_in_the_language_they_were_asked_in(client, inbox, poc):
    answer = client.post(
        "/fr/follow/",
        {"list": "reports", "email": "lectrice@example.org", "rhythm": "immediate", "topic": "poc"},
    )
    assert answer.status_code == 200
    run_queued_jobs()
    [(_to, confirmation)] = inbox.take()
    assert Subscription.objects.get().language == "fr"
    assert confirmation["Subject"].strip().startswith("Confirmer : suivre ")
    text = text_of(confirmation)
    assert "Pour confirmer, ouvrez ce lien (valable" in text
    confirm_url = link(text, "/fr/follow/confirm/")  # the confirmation page in French
    client.post(confirm_url)

    ReportFactory(
        title="Kigali and after", title_fr="Kigali et après", summary="English only"
    ).topics.add(poc)
    ReportFactory(title="Only in English").topics.add(poc)
    assert send_immediate() == 1
    [(_to, alert)] = inbox.take()
    assert alert["Subject"].strip().startswith("2 nouveautés ou modifications : ")
    body = text_of(alert)
    assert "- Kigali et après (nouveau)" in body
    assert "- Only in English (nouveau)" in body  # no French title: the English one
    assert "/fr/reports/" in body  # links to the French pages
    assert link(body, "/fr/follow/stop/")
    html = alert.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="fr" dir="ltr">' in html
    # The English title is marked as English for screen readers.
    assert 'lang="en">Only in English</a>' in html
