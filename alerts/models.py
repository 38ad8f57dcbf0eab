"""Visitors following a list by e-mail, without an account: an address (the only
personal data kept, deleted with its last subscription) and what it follows, each
confirmed through a link before anything is sent (double opt-in)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Rhythm(models.TextChoices):
    IMMEDIATE = "immediate", _("as it happens")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


# Permanent refusals in a row after which an address gets no more mail until it
# confirms a subscription again (alerts/digests.py).
REFUSALS_TO_PAUSE = 3


class Subscriber(models.Model):
    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Permanent refusals (5xx) of its mail, in a row; reset by a delivery.
    refusals = models.PositiveSmallIntegerField(default=0)
    paused_reason = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return self.email


class Subscription(models.Model):
    """One followed list (alerts/lists.py) and its query string, validated as the list
    validates it and kept in one canonical order."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    list_name = models.CharField(max_length=20)
    query = models.CharField(max_length=2000, blank=True)
    label = models.CharField(max_length=500)
    rhythm = models.CharField(max_length=10, choices=Rhythm.choices, default=Rhythm.DAILY)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # When its confirmation mail was last queued (alerts/views.py limits them).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # The newest change of the changes feed already looked at for it (a cursor of
    # /api/v1/changes/): what comes after it is new to this subscription.
    checked_through = models.BigIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # Where its mails' links point when DJANGO_PUBLIC_URL is not set: the site as the
    # visitor reached it.
    site = models.URLField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "list_name", "query"], name="subscription_once"
            ),
            models.CheckConstraint(
                condition=Q(rhythm__in=Rhythm.values), name="subscription_rhythm_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["rhythm", "list_name", "query"],
                condition=Q(confirmed_at__isnull=False),
                name="subscription_confirmed",
            )
        ]

    def __str__(self):
        return self.label
