"""Signed links in the alerts' mails: a link is the only proof a visitor has, and
each names one subscription (to confirm, to stop) or one address (to manage all)."""

from django.core import signing

CONFIRM_DAYS = 7


def confirm_token(subscription) -> str:
    return signing.dumps({"s": subscription.pk}, salt="alerts.confirm")


def stop_token(subscription) -> str:
    return signing.dumps({"s": subscription.pk}, salt="alerts.stop")


def manage_token(subscriber) -> str:
    # The address too: a token outlives nothing, even if an id were ever reused.
    return signing.dumps({"a": subscriber.pk, "e": subscriber.email}, salt="alerts.manage")


def read(token: str, salt: str, max_age=None) -> dict | None:
    """The token's content, or None for one we did not sign (or too old)."""
    if "\x00" in token or len(token) > 500:
        return None
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
