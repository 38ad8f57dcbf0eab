"""The alerts' mail, sent by the job queue's workers: queued in the transaction that
asks for it, retried while the mail server is unreachable."""

import smtplib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from alerts import mail, staff, tokens
from alerts.digests import deliver
from alerts.models import Delivery, Subscriber, Subscription

# 2, 4 … 512 s: a mail server down for a few minutes loses nothing.
MAIL_RETRY = RetryStrategy(
    max_attempts=10, exponential_wait=2, retry_exceptions={smtplib.SMTPException, OSError}
)


@app.task(queue="mail", retry=MAIL_RETRY)
def send_confirmation(subscription_id: int) -> str:
    subscription = (
        Subscription.objects.select_related("subscriber").filter(pk=subscription_id).first()
    )
    if subscription is None or subscription.confirmed_at:
        return "nothing to confirm"  # stopped, or confirmed meanwhile
    return "sent" if deliver(subscription, mail.confirmation(subscription)) else "refused"


@app.periodic(cron="17 4 * * *")
@app.task(queue="maintenance", queueing_lock="alerts_forget_unconfirmed")
def forget_unconfirmed(timestamp: int) -> str:
    """Every night: sign-ups never confirmed within the link's life are forgotten,
    with any address left following nothing (someone may have typed another's)."""
    return f"{forget_unconfirmed_now()} forgotten"


def forget_unconfirmed_now() -> int:
    cutoff = timezone.now() - timedelta(days=tokens.CONFIRM_DAYS)
    with transaction.atomic():
        count, _ = Subscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=cutoff
        ).delete()
        Subscriber.objects.filter(subscriptions__isnull=True).delete()
    return count


@app.task(queue="mail", retry=MAIL_RETRY)
def send_staff_notices(delivery: str) -> str:
    """Queued by a workflow move that someone wants to hear of as it happens
    (alerts/staff.py), one waiting job at a time."""
    return f"{staff.send_notices(delivery)} mails"


@app.periodic(cron="5 6 * * *")
@app.task(queue="mail", queueing_lock="staff_notices_daily", retry=MAIL_RETRY)
def send_daily_staff_notices(timestamp: int) -> str:
    """Every morning: the day's notices of those who asked for one mail a day."""
    return f"{staff.send_notices(Delivery.DAILY)} mails"


@app.periodic(cron="0 7 * * 1")
@app.task(queue="mail", queueing_lock="staff_weekly_schedule", retry=MAIL_RETRY)
def send_weekly_schedule(timestamp: int) -> str:
    """Monday mornings: what is scheduled, to those who may publish it."""
    return f"{staff.send_weekly_schedule()} mails"
