"""Signed webhooks (peaceplatform/webhooks.py), end to end: changes recorded, fanned
out, sent by the real worker code to a real HTTP receiver on 127.0.0.1 that checks
each signature with the Standard Webhooks reference verifier."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from procrastinate.contrib.django.models import ProcrastinateJob
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from peaceplatform import webhooks
from peaceplatform.changes import record_changes
from peaceplatform.models import PartnerKey, WebhookDelivery, WebhookEndpoint
from tests.factories import ReportFactory, TopicFactory
from tests.jobs import work_until_idle


@pytest.fixture
def endpoint(receiver):
    # What is public before the endpoint exists (the operations that ship, unless an
    # earlier transactional test flushed them) is the baseline, not news.
    record_changes(force=True)
    key, _secret = PartnerKey.objects.create_key(name="Mirror", contact="m@example.org")
    made = WebhookEndpoint.objects.create(key=key, url=receiver.url)
    receiver.secret = made.secret
    return made


def due_now():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE status = 'todo'")


def webhook_job():
    return ProcrastinateJob.objects.get(queue_name="webhooks")


def test_changes_reach_the_endpoint_signed_and_in_order(job_queue, receiver, endpoint):
    receiver.start()
    first, second = ReportFactory(), ReportFactory()
    record_changes()
    work_until_idle()
    events = list(receiver.application.values())
    assert [(e["type"], e["data"]["id"]) for e in events] == [
        ("report.published", first.pk),
        ("report.published", second.pk),
    ]
    assert events[0]["data"]["url"] == f"/api/v1/reports/{first.slug}/"
    assert [status for _id, status in receiver.requests] == [200, 200]
    assert webhook_job().status == "succeeded"
    assert not WebhookDelivery.objects.filter(delivered_at=None).exists()


def test_a_receiver_that_is_down_gets_the_event_later_exactly_once(
    job_queue, receiver, endpoint, reliability
):
    report = ReportFactory()
    record_changes()
    work_until_idle()  # nobody listens
    job = webhook_job()
    assert (job.status, job.attempts) == ("todo", 1)  # to be tried again, later
    [delivery] = WebhookDelivery.objects.all()
    assert (delivery.attempts, delivery.delivered_at) == (1, None)
    assert delivery.last_response.startswith("No answer")

    # Meanwhile another change: it waits behind the first, in order.
    report.title = "Retitled"
    report.save()
    # Its job waits already: the refusal of a second job must not undo the record.
    assert record_changes() == 1
    assert list(WebhookDelivery.objects.order_by("id").values_list("event", flat=True)) == [
        "report.published",
        "report.updated",
    ]
    assert ProcrastinateJob.objects.filter(queue_name="webhooks").count() == 1

    receiver.answers = [503]  # up, but not ready: same event, same id, again later
    receiver.start()
    due_now()
    work_until_idle()
    assert webhook_job().attempts == 2
    due_now()
    work_until_idle()

    ids = [message_id for message_id, _status in receiver.requests]
    assert [status for _id, status in receiver.requests] == [503, 200, 200]
    assert ids[0] == ids[1]  # the retry carries the first attempt's webhook-id
    assert [e["type"] for e in receiver.application.values()] == [
        "report.published",
        "report.updated",
    ]
    assert webhook_job().status == "succeeded"
    reliability(
        "webhooks",
        receiver_down_then_refusing="retried with backoff, then delivered once, in order",
    )


def test_an_endpoint_failing_for_three_days_is_paused_and_said_so(
    job_queue, receiver, endpoint, signed_in
):
    ReportFactory()
    record_changes()
    # The job's last attempt (tasks.WEBHOOK_RETRIES retries behind it) fails too.
    assert webhooks.deliver_waiting(endpoint.pk, last_attempt=True).startswith(
        "0 delivered, then paused"
    )
    endpoint.refresh_from_db()
    assert endpoint.active is False
    assert "after three days of failed deliveries" in endpoint.disabled_reason

    from django.apps import apps

    from peaceplatform import roles

    roles.sync(apps)
    admin = signed_in("administrator")
    start = admin.get(reverse("admin:index")).content.decode()
    assert "Webhook endpoints paused after failing" in start
    # Turned on again: what waited goes out.
    receiver.start()
    ProcrastinateJob.objects.filter(queue_name="webhooks").delete()
    page = reverse("admin:peaceplatform_webhookendpoint_change", args=[endpoint.pk])
    from tests.admin_forms import change_form_data

    data = change_form_data(admin.get(page).content.decode())
    data["active"] = "on"
    assert admin.post(page, data).status_code == 302
    work_until_idle()
    assert [e["type"] for e in receiver.application.values()] == ["report.published"]
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.disabled_reason) == (True, "")


def test_a_redirect_is_not_followed_and_counts_as_a_failure(job_queue, receiver, endpoint):
    receiver.answers = [302]
    receiver.start()
    ReportFactory()
    record_changes()
    work_until_idle()
    [delivery] = WebhookDelivery.objects.all()
    assert (delivery.last_status, delivery.delivered_at) == (302, None)
    assert len(receiver.requests) == 1


@pytest.mark.django_db
def test_an_endpoint_is_told_only_what_it_asked_for(receiver, endpoint):
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(types=["topic"], actions=["published"])
    ReportFactory()
    topic = TopicFactory()
    record_changes()
    assert list(WebhookDelivery.objects.values_list("event", "payload__data__id")) == [
        ("topic.published", topic.pk)
    ]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://127.0.0.1/hook", "private, loopback or reserved"),
        ("https://10.1.2.3/hook", "private, loopback or reserved"),
        ("https://169.254.169.254/latest/meta-data/", "private, loopback or reserved"),
        ("https://[::1]/hook", "private, loopback or reserved"),
        ("https://localhost/hook", "private, loopback or reserved"),
        ("http://93.184.215.14/hook", "Use an https address"),
        ("ftp://93.184.215.14/hook", "Use an https address"),
        ("https://no-such-host.invalid/hook", "does not resolve"),
    ],
)
def test_private_and_plain_destinations_are_refused(settings, url, says):
    settings.WEBHOOK_ALLOWED_HOSTS = []
    with pytest.raises(ValidationError, match=says):
        webhooks.check_destination(url)


def test_a_public_https_address_is_accepted_and_the_allow_list_exempts(settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    webhooks.check_destination("https://93.184.215.14/hook")  # a global address
    webhooks.check_destination("http://127.0.0.1:9/hook")


@pytest.mark.django_db
def test_a_destination_that_turned_private_is_not_sent_to(settings):
    """Saved when it was allowed; since then the allow-list changed (or its name now
    resolves inside): checked again before each send, and nothing goes out."""
    settings.WEBHOOK_ALLOWED_HOSTS = []
    key, _secret = PartnerKey.objects.create_key(name="Moved", contact="m@example.org")
    endpoint = WebhookEndpoint.objects.create(key=key, url="https://127.0.0.1:9/hook")
    delivery = webhooks.send_test_event(endpoint)
    assert webhooks.send(endpoint, delivery) is False
    delivery.refresh_from_db()
    assert delivery.last_response.startswith("Not sent:")
    assert delivery.last_status is None


@pytest.mark.django_db
def test_administrators_register_endpoints_and_send_a_test_event(signed_in, settings):
    settings.WEBHOOK_ALLOWED_HOSTS = []
    key, _secret = PartnerKey.objects.create_key(name="Partner", contact="p@example.org")
    admin = signed_in("administrator")
    add = reverse("admin:peaceplatform_webhookendpoint_add")
    inline = {"deliveries-TOTAL_FORMS": "0", "deliveries-INITIAL_FORMS": "0"}
    refused = admin.post(
        add, {**inline, "key": key.pk, "url": "https://10.0.0.7/in", "active": "on"}
    )
    assert refused.status_code == 200
    assert "private, loopback or reserved" in refused.content.decode()
    assert not WebhookEndpoint.objects.exists()

    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    created = admin.post(
        add,
        {**inline, "key": key.pk, "url": "http://127.0.0.1:9/in", "types": ["report"]},
    )
    assert created.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.types == ["report"]
    assert endpoint.secret.startswith("whsec_")
    page = admin.get(reverse("admin:peaceplatform_webhookendpoint_change", args=[endpoint.pk]))
    assert endpoint.secret in page.content.decode()  # to hand to the partner

    changelist = reverse("admin:peaceplatform_webhookendpoint_changelist")
    response = admin.post(
        changelist,
        {"action": "send_test_event", "_selected_action": [endpoint.pk]},
        follow=True,
    )
    assert "A test event is on its way" in response.content.decode()
    [delivery] = WebhookDelivery.objects.all()
    assert (delivery.event, delivery.payload["type"]) == ("test", "test")
    assert ProcrastinateJob.objects.filter(queue_name="webhooks", status="todo").exists()
    # The endpoint's page lists its own deliveries, newest first, whatever other
    # endpoints have had since.
    other = WebhookEndpoint.objects.create(key=key, url="http://127.0.0.1:9/other")
    for _ in range(60):  # more than the page shows
        others = webhooks.send_test_event(other)
    page = admin.get(reverse("admin:peaceplatform_webhookendpoint_change", args=[endpoint.pk]))
    shown = page.content.decode()
    assert delivery.message_id in shown
    assert "not sent yet" in shown
    assert others.message_id not in shown


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_only_administrators_see_webhook_endpoints(signed_in, role):
    client = signed_in(role)
    listed = client.get(reverse("admin:peaceplatform_webhookendpoint_changelist"))
    assert listed.status_code == 403


def test_the_signature_is_the_reference_one():
    """What the reference verifier accepts, and only that."""
    key = PartnerKey(name="x")
    endpoint = WebhookEndpoint(key=key, url="https://example.org/")
    secret = endpoint.secret
    body = json.dumps({"type": "test"})
    import datetime

    when = datetime.datetime.now(datetime.UTC)
    signature = Webhook(secret).sign("msg_1", when, body)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
    }
    assert Webhook(secret).verify(body, headers) == {"type": "test"}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace("test", "tset"), headers)
