"""Signed webhooks: each partner endpoint is told of every change the changes feed
records (peaceplatform/changes.py) that it asked for, as a POST signed per the
Standard Webhooks specification (headers `webhook-id`, `webhook-timestamp`,
`webhook-signature`; the `standardwebhooks` library signs).

- Fan-out: the recording run writes one WebhookDelivery per change and endpoint and
  queues one job per endpoint, in its own transaction: a change is never recorded
  without its deliveries, nor the other way round.
- Order: an endpoint's job sends its waiting deliveries oldest first and stops at the
  first failure; jobs of one endpoint share a procrastinate lock, so they never run
  side by side. A failed job is tried again after 2, 4, 8 … seconds, for three days;
  then the endpoint is paused (`active` off, with the reason), which the admin's start
  page shows, and what waits is sent once an Administrator turns it on again.
- Safety: an endpoint must be https and must not resolve to a private, loopback,
  link-local or otherwise reserved address, checked when it is saved and again before
  each send; WEBHOOK_ALLOWED_HOSTS names hosts exempt from both (tests, a partner on
  an internal network). Redirects are not followed.
"""

import ipaddress
import json
import socket
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from core.queueing import defer_once
from peaceplatform.api.corrections import ITEM_TYPES
from peaceplatform.models import WebhookDelivery, WebhookEndpoint

TIMEOUT_SECONDS = 10
EXCERPT = 300
USER_AGENT = "PeaceOperationsKnowledgePlatform-Webhooks/1"


# --- Where we may send ---------------------------------------------------------------


def allowed_host(host: str) -> bool:
    return host.lower() in {h.lower() for h in settings.WEBHOOK_ALLOWED_HOSTS}


def check_destination(url: str) -> None:
    """Raise ValidationError unless `url` is a public https address (or its host is
    allow-listed): the platform must not be a way into its own network."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https"):
        raise ValidationError("Use an https address.")
    if allowed_host(host):
        return
    if parts.scheme != "https":
        raise ValidationError("Use an https address: events are signed, not encrypted.")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 443)}
    except (socket.gaierror, UnicodeError):
        raise ValidationError(f"{host} does not resolve: check the address.") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise ValidationError(
                f"{host} resolves to {address}, a private, loopback or reserved address: "
                "events go to servers on the internet only."
            )


# --- Fan-out --------------------------------------------------------------------------


def event_payload(change) -> dict:
    """The body of one event: its type (`report.published`) and the change as the
    feed gives it, with the item's address in the API while it is public."""
    data = {
        "change": change.id,
        "action": change.action,
        "type": change.type,
        "id": change.item_id,
        "slug": change.slug,
        "at": change.at.isoformat().replace("+00:00", "Z"),
        "url": item_url(change),
    }
    return {"type": f"{change.type}.{change.action}", "timestamp": data["at"], "data": data}


def item_url(change) -> str | None:
    if change.action in ("withdrawn", "deleted"):
        return None
    _label, view, key = ITEM_TYPES[change.type]
    path = reverse(view, kwargs={key: change.item_id if key == "pk" else change.slug})
    return settings.PUBLIC_URL.rstrip("/") + path if settings.PUBLIC_URL else path


def fan_out(changes) -> int:
    """Deliveries of `changes` to every active endpoint that asked for them, and a
    job per endpoint concerned; in the caller's transaction. How many deliveries."""
    # The task module imports this one (it runs deliver_waiting).
    from peaceplatform.tasks import deliver_webhooks

    endpoints = list(WebhookEndpoint.objects.filter(active=True))
    if not endpoints or not changes:
        return 0
    deliveries = [
        WebhookDelivery(
            endpoint=endpoint,
            message_id=f"msg_{change.id}",
            event=f"{change.type}.{change.action}",
            payload=event_payload(change),
        )
        for change in changes
        for endpoint in endpoints
        if (not endpoint.types or change.type in endpoint.types)
        and (not endpoint.actions or change.action in endpoint.actions)
    ]
    WebhookDelivery.objects.bulk_create(deliveries, batch_size=1000)
    for endpoint_id in sorted({d.endpoint_id for d in deliveries}):
        queue_delivery(deliver_webhooks, endpoint_id)
    return len(deliveries)


def queue_delivery(task, endpoint_id: int) -> None:
    """One waiting job per endpoint is enough: it sends everything waiting, in order."""
    defer_once(task, f"webhooks-{endpoint_id}", endpoint_id=endpoint_id)


def resume(endpoint) -> None:
    """An endpoint on again (in the admin or by its partner): what waited goes out,
    in order."""
    from peaceplatform.tasks import deliver_webhooks

    if endpoint.active and endpoint.deliveries.filter(delivered_at=None).exists():
        queue_delivery(deliver_webhooks, endpoint.pk)


def send_test_event(endpoint) -> WebhookDelivery:
    """A `test` event for the admin's "Send a test event" button."""
    from peaceplatform.tasks import deliver_webhooks

    now = timezone.now().isoformat().replace("+00:00", "Z")
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=f"msg_test_{uuid.uuid4().hex}",
        event="test",
        payload={"type": "test", "timestamp": now, "data": {"endpoint": endpoint.url}},
    )
    queue_delivery(deliver_webhooks, endpoint.pk)
    return delivery


# --- Sending ----------------------------------------------------------------------------


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer like any other: not a success


OPENER = urllib.request.build_opener(NoRedirects)


def send(endpoint, delivery) -> bool:
    """POST one delivery, signed; record the attempt. True when the endpoint took it."""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True)
    sent_at = timezone.now()
    status, excerpt = None, ""
    try:
        check_destination(endpoint.url)
        signature = Webhook(endpoint.secret).sign(delivery.message_id, sent_at, body)
        request = urllib.request.Request(  # noqa: S310 (scheme checked just above)
            endpoint.url,
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "webhook-id": delivery.message_id,
                "webhook-timestamp": str(int(sent_at.timestamp())),
                "webhook-signature": signature,
            },
        )
        with OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            status, excerpt = response.status, response.read(EXCERPT).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, excerpt = error.code, error.read(EXCERPT).decode("utf-8", "replace")
    except ValidationError as error:
        excerpt = f"Not sent: {error.messages[0]}"
    except (OSError, ValueError) as error:  # refused, timed out, unreachable, bad URL
        excerpt = f"No answer: {error}"
    delivered = status is not None and 200 <= status < 300
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=delivery.attempts + 1,
        last_attempt_at=sent_at,
        last_status=status,
        last_response=excerpt[:EXCERPT].replace("\x00", ""),
        delivered_at=sent_at if delivered else None,
    )
    return delivered


class DeliveryFailed(Exception):
    """Raised to have the job queue try the endpoint again later."""


def deliver_waiting(endpoint_id: int, *, last_attempt: bool) -> str:
    """Send an endpoint's waiting deliveries in order until one fails. On the job's
    last attempt a failure pauses the endpoint instead of raising."""
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, active=True).first()
    if endpoint is None:
        return "skipped: the endpoint is gone or paused"
    sent = 0
    while True:
        delivery = endpoint.deliveries.filter(delivered_at=None).order_by("id").first()
        if delivery is None:
            return f"{sent} delivered"
        if send(endpoint, delivery):
            sent += 1
            continue
        delivery.refresh_from_db()
        answer = delivery.last_status or "no answer"
        problem = f"{delivery.event}: {answer} {delivery.last_response}"
        if last_attempt:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
                active=False,
                disabled_reason=(
                    f"Paused on {timezone.now():%Y-%m-%d %H:%M} UTC after three days of "
                    f"failed deliveries. Last: {problem}"
                )[:300],
            )
            return f"{sent} delivered, then paused: {problem}"
        raise DeliveryFailed(f"{sent} delivered, then {problem}")
