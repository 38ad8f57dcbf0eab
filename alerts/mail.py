"""The alerts' mails, in plain text and HTML, each with a one-click unsubscribe
(RFC 8058: List-Unsubscribe and List-Unsubscribe-Post) and a link to manage every
subscription of the address."""

import functools

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from alerts import tokens
from alerts.lists import LISTS


def site_of(subscription) -> str:
    return (settings.PUBLIC_URL or subscription.site or "http://localhost:8000").rstrip("/")


def links(subscription) -> dict:
    site = site_of(subscription)
    followed = LISTS[subscription.list_name]
    return {
        "site": site,
        "list_url": site + followed.url(subscription.query),
        "stop_url": site + reverse("alerts:stop", args=[tokens.stop_token(subscription)]),
        "manage_url": site
        + reverse("alerts:manage", args=[tokens.manage_token(subscription.subscriber)]),
    }


def in_language_of(build):
    """A mail builder run in its subscription's language (Subscription.language): its
    subject, its text and its links' addresses (/fr/…)."""

    @functools.wraps(build)
    def built(subscription, *args, **kwargs):
        with translation.override(subscription.language):
            return build(subscription, *args, **kwargs)

    return built


def message(
    subscription, subject: str, template: str, context: dict, *, unsubscribe: bool, connection=None
):
    context = {"subscription": subscription, **links(subscription), **context}
    headers = {}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{context['stop_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/mail/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.subscriber.email],
        headers=headers,
        connection=connection,
    )
    mail.attach_alternative(render_to_string(f"alerts/mail/{template}.html", context), "text/html")
    return mail


@in_language_of
def confirmation(subscription):
    """Sent once on sign-up; nothing else is sent before its link is followed."""
    return message(
        subscription,
        gettext("Confirm: follow {label}").format(label=subscription.label[:120]),
        "confirm",
        {
            "confirm_url": site_of(subscription)
            + reverse("alerts:confirm", args=[tokens.confirm_token(subscription)]),
            "days": tokens.CONFIRM_DAYS,
        },
        unsubscribe=False,
    )


# Items a mail lists; the rest are counted, with a link to the list. A digest of four
# hundred reports helps nobody, and rendering them was most of a daily run's time.
ITEMS_PER_MAIL = 50


@in_language_of
def digest(subscription, items: list, connection=None):
    """`items`: (item, "new" or "changed"), newest first."""
    count = len(items)
    subject = ngettext(
        "{count} new or changed: {label}", "{count} new or changed: {label}", count
    ).format(count=count, label=subscription.label[:120])
    context = {"items": items[:ITEMS_PER_MAIL], "more": max(0, count - ITEMS_PER_MAIL)}
    return message(
        subscription, subject, "digest", context, unsubscribe=True, connection=connection
    )
