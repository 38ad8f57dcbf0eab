"""Matching what changed to what is followed, and sending it. The changes come from the
changes feed (peaceplatform/changes.py), handed in by the job that runs this
(peaceplatform/tasks.py) as plain rows, so that this app depends on nothing above it.

Matching costs one query per distinct saved search (the list's FilterSet, restricted
to the items that changed), however many addresses follow it."""

import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.core.mail import get_connection
from django.http import QueryDict
from django.utils import timezone

from alerts import mail
from alerts.lists import LISTS
from alerts.models import REFUSALS_TO_PAUSE, Subscriber, Subscription

# The feed's actions that bring an item to a follower: it appeared, or changed while public.
SHOWN = {"published": "new", "updated": "changed"}


@dataclass(frozen=True)
class ChangeRow:
    id: int
    type: str
    item_id: int
    action: str
    at: datetime


def due(rhythm: str):
    return Subscription.objects.filter(
        rhythm=rhythm, confirmed_at__isnull=False, subscriber__paused_reason=""
    ).select_related("subscriber")


def permanent_refusal(error: smtplib.SMTPRecipientsRefused) -> str | None:
    """The mail server's words when it refused the address for good (5xx), else None."""
    for code, words in error.recipients.values():
        if 500 <= code < 600:
            return f"{code} {words.decode(errors='replace') if isinstance(words, bytes) else words}"
    return None


def deliver(subscription, message) -> bool:
    """Hand `message` over; True when accepted. A permanent refusal is counted, and at
    REFUSALS_TO_PAUSE in a row the address is paused (its next confirmation mail says
    why). A temporary failure raises: the job is retried."""
    subscriber = subscription.subscriber
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        words = permanent_refusal(error)
        if words is None:
            raise
        subscriber.refusals += 1
        if subscriber.refusals >= REFUSALS_TO_PAUSE:
            subscriber.paused_reason = (
                f"Our mail to this address was refused {subscriber.refusals} times in a row "
                f"(the last time: {words})"
            )[:300]
        subscriber.save(update_fields=["refusals", "paused_reason"])
        return False
    if subscriber.refusals:
        Subscriber.objects.filter(pk=subscriber.pk).update(refusals=0)
    return True


def matches(subscriptions: list, changes: list[ChangeRow]) -> dict:
    """Per subscription, the (item, "new"/"changed") it has not been sent, newest first."""
    searches = defaultdict(list)
    for subscription in subscriptions:
        searches[(subscription.list_name, subscription.query)].append(subscription)
    found = {}
    for (list_name, query), followers in searches.items():
        followed = LISTS[list_name]
        since = min(s.checked_through for s in followers)
        latest = {}  # item id -> its newest change shown
        for change in changes:
            if change.type == followed.item_type and change.action in SHOWN and change.id > since:
                latest[change.item_id] = change
        if not latest:
            continue
        filterset = followed.filterset_class(QueryDict(query), queryset=followed.queryset())
        if not filterset.is_valid():
            continue  # a filter's value no longer exists (a topic withdrawn): nothing matches
        items = list(
            filterset.qs.filter(pk__in=list(latest))
            .select_related(*followed.shown_related)
            .only(*followed.shown_fields)
            .order_by()
        )
        for subscription in followers:
            chosen = [
                (item, SHOWN[latest[item.pk].action])
                for item in items
                if latest[item.pk].id > subscription.checked_through
                and latest[item.pk].at > subscription.confirmed_at
            ]
            if chosen:
                chosen.sort(key=lambda pair: latest[pair[0].pk].id, reverse=True)
                found[subscription] = chosen
    return found


def send(rhythm: str, read_changes) -> int:
    """Mail every confirmed subscription of `rhythm` what is new to it, and move each
    past the newest change read. `read_changes(since, not_before)`: the feed's rows
    after the cursor `since` recorded after `not_before`, oldest first. How many mails
    were sent. A subscription is moved on as soon as its mail is handed over, so a
    failure halfway (the mail server down) sends the rest on the next run, not twice."""
    subscriptions = list(due(rhythm))
    if not subscriptions:
        return 0
    # One object per address, so that refusals counted for one of its mails in this run
    # count for the next, and a pause is seen at once.
    addresses = {}
    for subscription in subscriptions:
        subscription.subscriber = addresses.setdefault(
            subscription.subscriber_id, subscription.subscriber
        )
    changes = read_changes(
        min(s.checked_through for s in subscriptions),
        min(s.confirmed_at for s in subscriptions),
    )
    if not changes:
        return 0
    newest = changes[-1].id
    sent = 0
    # One SMTP session for the run: a connection per mail was most of its time.
    with get_connection() as smtp:
        for subscription, items in matches(subscriptions, changes).items():
            if subscription.subscriber.paused_reason:
                continue  # paused by a refusal to another of its mails in this run
            delivered = deliver(subscription, mail.digest(subscription, items, connection=smtp))
            sent += delivered
            Subscription.objects.filter(pk=subscription.pk).update(
                checked_through=newest, **({"last_sent_at": timezone.now()} if delivered else {})
            )
    Subscription.objects.filter(
        pk__in=[s.pk for s in subscriptions], checked_through__lt=newest
    ).update(checked_through=newest)
    return sent
