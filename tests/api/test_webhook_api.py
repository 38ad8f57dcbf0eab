"""/api/v1/webhooks/: a partner manages its own webhook endpoints with its key, and
the events reach them as they reach endpoints made in the admin: signed, verified here
by a real receiver with the secret the API gave once."""

import json

import pytest
from rest_framework.test import APIClient

from peaceplatform.api.webhooks import MAX_ENDPOINTS_PER_KEY
from peaceplatform.changes import record_changes
from peaceplatform.models import WebhookDelivery, WebhookEndpoint
from tests.api.conftest import problems
from tests.factories import ReportFactory
from tests.jobs import work_until_idle

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(make_key):
    def client_for(**fields):
        _key, secret = make_key(**fields)
        return APIClient(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Api-Key {secret}")

    return client_for


def send(client, method, path, body=None):
    if method == "get":
        return client.get(path)
    return getattr(client, method)(
        path, data=json.dumps(body or {}), content_type="application/json"
    )


def test_a_partner_adds_lists_changes_and_removes_its_endpoints(partner, receiver):
    mine = partner(name="Mirror")
    made = send(mine, "post", "/api/v1/webhooks/", {"url": receiver.url, "types": ["report"]})
    assert made.status_code == 201
    created = made.json()
    assert created["secret"].startswith("whsec_")
    assert created["types"] == ["report"]
    assert created["actions"] == []
    assert created["active"] is True
    assert made["Cache-Control"] == "private, no-store"
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret == created["secret"]
    # The secret is shown once: neither the list nor the item gives it again.
    listed = mine.get("/api/v1/webhooks/").json()
    assert [item["id"] for item in listed] == [endpoint.pk]
    assert "secret" not in listed[0]
    assert "secret" not in mine.get(f"/api/v1/webhooks/{endpoint.pk}/").json()
    changed = send(mine, "patch", f"/api/v1/webhooks/{endpoint.pk}/",
                   {"actions": ["deleted", "published", "deleted"], "active": False})  # fmt: skip
    assert changed.status_code == 200
    assert changed.json()["actions"] == ["deleted", "published"]
    endpoint.refresh_from_db()
    assert (endpoint.actions, endpoint.active) == (["deleted", "published"], False)
    assert mine.delete(f"/api/v1/webhooks/{endpoint.pk}/").status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_a_partner_sees_and_touches_only_its_own(partner, receiver):
    mine, theirs = partner(name="Mine"), partner(name="Theirs")
    endpoint_id = send(theirs, "post", "/api/v1/webhooks/", {"url": receiver.url}).json()["id"]
    assert mine.get("/api/v1/webhooks/").json() == []
    for method in ("get", "patch", "delete"):
        assert send(mine, method, f"/api/v1/webhooks/{endpoint_id}/").status_code == 404
    assert send(mine, "post", f"/api/v1/webhooks/{endpoint_id}/test/").status_code == 404
    assert mine.get("/api/v1/webhooks/999999999999/").status_code == 404  # past any id
    assert WebhookEndpoint.objects.filter(pk=endpoint_id).exists()


def test_without_a_key_nothing_is_shown_or_made(api, partner, receiver):
    endpoint_id = send(partner(), "post", "/api/v1/webhooks/", {"url": receiver.url}).json()["id"]
    for response in (
        api.get("/api/v1/webhooks/"),
        send(api, "post", "/api/v1/webhooks/", {"url": receiver.url}),
        api.get(f"/api/v1/webhooks/{endpoint_id}/"),
        api.get(f"/api/v1/webhooks/{endpoint_id}/deliveries/"),
        send(api, "patch", f"/api/v1/webhooks/{endpoint_id}/", {"active": False}),
        api.delete(f"/api/v1/webhooks/{endpoint_id}/"),
    ):
        assert response.status_code == 401
        assert "Api-Key" in response.json()["detail"]
        assert response["WWW-Authenticate"] == "Api-Key"
    assert WebhookEndpoint.objects.get().active  # the key's own, untouched


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"url": "https://10.0.0.7/in"}, "url", "private, loopback or reserved"),
        ({"url": "ftp://example.org/in"}, "url", "Use an https address"),
        ({"url": "not an address"}, "url", "Enter a valid URL"),
        ({}, "url", "This field is required"),
        ({"url": "http://127.0.0.1:9/in", "types": ["report", "planet"]}, "types", "planet"),
        ({"url": "http://127.0.0.1:9/in", "actions": "deleted"}, "actions", "list"),
        ({"url": "http://127.0.0.1:9/in", "active": "maybe"}, "active", "boolean"),
    ],
)
def test_a_bad_endpoint_is_refused_by_field(partner, receiver, body, field, says):
    response = send(partner(), "post", "/api/v1/webhooks/", body)
    found = problems(response)
    assert says in found[field]
    assert not WebhookEndpoint.objects.exists()


def test_a_key_has_at_most_a_few_endpoints(partner, receiver):
    mine = partner()
    for number in range(MAX_ENDPOINTS_PER_KEY):
        made = send(mine, "post", "/api/v1/webhooks/", {"url": f"{receiver.url}/{number}"})
        assert made.status_code == 201
    refused = send(mine, "post", "/api/v1/webhooks/", {"url": receiver.url})
    assert "remove one first" in problems(refused)["url"]
    assert WebhookEndpoint.objects.count() == MAX_ENDPOINTS_PER_KEY


def test_an_endpoint_made_with_the_api_is_told_of_changes_signed(partner, receiver, job_queue):
    """The secret from the answer verifies every event (the receiver raises on a bad
    signature); the test event and the deliveries log come through the API too."""
    # What is public before the endpoint exists (the operations that ship) is the
    # baseline, not news: the outcome must not depend on which tests ran before.
    record_changes(force=True)
    mine = partner()
    created = send(mine, "post", "/api/v1/webhooks/", {"url": receiver.url}).json()
    receiver.secret = created["secret"]
    receiver.start()
    report = ReportFactory()
    record_changes()
    queued = send(mine, "post", f"/api/v1/webhooks/{created['id']}/test/")
    assert queued.status_code == 202
    assert queued.json()["event"] == "test"
    work_until_idle()
    events = list(receiver.application.values())
    assert [(e["type"], e["data"].get("id")) for e in events] == [
        ("report.published", report.pk),
        ("test", None),
    ]
    log = mine.get(f"/api/v1/webhooks/{created['id']}/deliveries/").json()
    assert [(row["event"], row["last_status"]) for row in log] == [
        ("test", 200),
        ("report.published", 200),
    ]
    assert all(row["delivered_at"] for row in log)


def test_resuming_an_endpoint_sends_what_waited(partner, receiver, job_queue):
    # The operations that ship are public before the endpoint exists: the baseline,
    # whichever tests ran before (see the test above).
    record_changes(force=True)
    mine = partner()
    created = send(mine, "post", "/api/v1/webhooks/", {"url": receiver.url}).json()
    receiver.secret = created["secret"]
    ReportFactory()
    record_changes()
    endpoint = WebhookEndpoint.objects.get()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        active=False, disabled_reason="Failed for three days."
    )
    receiver.start()
    work_until_idle()  # paused: the job sends nothing
    assert receiver.application == {}
    resumed = send(mine, "patch", f"/api/v1/webhooks/{endpoint.pk}/", {"active": True})
    assert resumed.json()["disabled_reason"] == ""
    work_until_idle()
    assert [e["type"] for e in receiver.application.values()] == ["report.published"]
    assert not WebhookDelivery.objects.filter(delivered_at=None).exists()


def test_a_body_nested_too_deeply_or_not_text_is_refused(partner):
    deep = partner().post(
        "/api/v1/webhooks/", data="[" * 100_000 + "]" * 100_000, content_type="application/json"
    )
    assert deep.status_code == 400
    assert "too deeply" in deep.json()["detail"]
    surrogate = partner().post(
        "/api/v1/webhooks/", data='{"types": ["\\udfff"]}', content_type="application/json"
    )
    assert "lone surrogate" in surrogate.json()["detail"]
