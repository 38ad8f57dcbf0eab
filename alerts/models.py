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
    email = models.EmailField(unique=True, verbose_name=_("email"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    # Permanent refusals (5xx) of its mail, in a row; reset by a delivery.
    refusals = models.PositiveSmallIntegerField(default=0, verbose_name=_("refusals"))
    paused_reason = models.CharField(max_length=300, blank=True, verbose_name=_("paused reason"))

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email


class Subscription(models.Model):
    """One followed list (alerts/lists.py) and its query string, validated as the list
    validates it and kept in one canonical order."""

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("subscriber"),
    )
    list_name = models.CharField(max_length=20, verbose_name=_("list name"))
    query = models.CharField(max_length=2000, blank=True, verbose_name=_("query"))
    label = models.CharField(max_length=500, verbose_name=_("label"))
    rhythm = models.CharField(
        max_length=10, choices=Rhythm.choices, default=Rhythm.DAILY, verbose_name=_("rhythm")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))
    # When its confirmation mail was last queued (alerts/views.py limits them).
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("confirmation sent at")
    )
    # The newest change of the changes feed already looked at for it (a cursor of
    # /api/v1/changes/): what comes after it is new to this subscription.
    checked_through = models.BigIntegerField(default=0, verbose_name=_("checked through"))
    last_sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last sent at"))
    # Where its mails' links point when DJANGO_PUBLIC_URL is not set: the site as the
    # visitor reached it.
    site = models.URLField(max_length=200, blank=True, verbose_name=_("site"))
    # The language of its mails and of their links: the page's it was asked from.
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        db_default="en",
        verbose_name=_("language"),
    )

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
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
        verbose_name=_("user"),
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
    language = models.CharField(
        _("language of the mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        db_default="en",
    )

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(waiting_for_review__in=Delivery.values)
                & Q(my_items__in=Delivery.values),
                name="staffpreference_delivery_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="staffpreference_language_valid",
            ),
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

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    about = models.CharField(max_length=10, choices=About.choices, verbose_name=_("about"))
    delivery = models.CharField(max_length=10, choices=Delivery.choices, verbose_name=_("delivery"))
    item = models.CharField(
        max_length=300, verbose_name=_("item")
    )  # Report “Uniting our strengths for peace”
    what = models.CharField(max_length=300, verbose_name=_("what"))  # submitted for review by alice
    path = models.CharField(max_length=300, verbose_name=_("path"))  # its admin page
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("staff notice")
        verbose_name_plural = _("staff notices")
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
