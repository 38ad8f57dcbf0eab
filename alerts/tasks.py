"""The alerts' mail, sent by the job queue's workers: queued in the transaction that
asks for it, retried while the mail server is unreachable."""

import smtplib

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from alerts import mail
from alerts.digests import deliver
from alerts.models import Subscription

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
