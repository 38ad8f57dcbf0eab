"""The alerts' mail, sent by the job queue's workers: queued in the transaction that
asks for it, retried while the mail server is unreachable."""

import smtplib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from alerts import mail, tokens
from alerts.digests import deliver
from alerts.models import Subscriber, Subscription

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
