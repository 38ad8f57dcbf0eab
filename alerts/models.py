"""Visitors following a list by e-mail, without an account: an address (the only
personal data kept, deleted with its last subscription) and what it follows, each
confirmed through a link before anything is sent (double opt-in). And staff told of
the workflow's moves that concern them, as each of them chooses."""

from django.conf import settings
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
    # The language of its mails and of their links: the page's it was asked from.
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, default="en", db_default="en"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "list_name", "query"], name="subscription_once"
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="subscription_language_valid",
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


class Delivery(models.TextChoices):
    OFF = "off", _("off")
    IMMEDIATE = "immediate", _("as it happens")
    DAILY = "daily", _("in one mail a day")


class StaffPreference(models.Model):
    """What a staff member is told by e-mail (alerts/staff.py). Without a row, the
    defaults: both kinds as they happen, and the weekly note for those who publish."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    waiting_for_review = models.CharField(
        _("items submitted for review"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
        help_text=_("Told only of the kinds of content you may publish."),
    )
    my_items = models.CharField(
        _("your items published, scheduled or sent back to draft"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
        help_text=_("Items you created or submitted for review, moved by someone else."),
    )
    weekly_schedule = models.BooleanField(
        _("a weekly note of what is scheduled"),
        default=True,
        help_text=_("On Monday mornings, when anything you may publish is scheduled."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(waiting_for_review__in=Delivery.values)
                & Q(my_items__in=Delivery.values),
                name="staffpreference_delivery_valid",
            )
        ]

    def __str__(self):
        return f"Notifications of {self.user}"


class StaffNotice(models.Model):
    """One thing to tell one staff member, kept until it is mailed, then deleted.
    Its words are written when it happens: the item may be renamed or deleted before
    a daily mail goes out."""

    class About(models.TextChoices):
        REVIEW = "review", _("waiting for review")
        MINE = "mine", _("your item")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    about = models.CharField(max_length=10, choices=About.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    item = models.CharField(max_length=300)  # Report “Uniting our strengths for peace”
    what = models.CharField(max_length=300)  # submitted for review by alice
    path = models.CharField(max_length=300)  # its admin page
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(delivery__in=[Delivery.IMMEDIATE, Delivery.DAILY])
                & Q(about__in=["review", "mine"]),
                name="staffnotice_valid",
            )
        ]
        indexes = [models.Index(fields=["delivery", "user"], name="staffnotice_waiting")]

    def __str__(self):
        return f"{self.item} {self.what}"
