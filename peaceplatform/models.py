"""Partner API keys and their daily usage.

The keys themselves come from djangorestframework-api-key: only a hash is stored,
and the key is shown once, when it is created in the admin.
"""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

DEFAULT_KEY_RATE = 600


def validate_origin(value: str):
    """An origin as browsers send it: scheme and host (and port), nothing else."""
    URLValidator(
        schemes=["http", "https"], message=_("Enter an origin such as https://example.org.")
    )(value)
    scheme, _sep, rest = value.partition("://")
    if "/" in rest or "?" in rest or "#" in rest:
        raise ValidationError(
            _("An origin has no path: write %(origin)s"),
            params={"origin": f"{scheme}://{rest.split('/')[0]}"},
        )


class PartnerKeyQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked=False)

    def allowing_origin(self, origin: str):
        return self.usable().filter(allowed_origins__contains=[origin])


# Key generation and checking from djangorestframework-api-key, with our queries.
PartnerKeyManager = BaseAPIKeyManager.from_queryset(PartnerKeyQuerySet)


class PartnerKey(AbstractAPIKey):
    """A partner's key: who they are, where their browsers call from, their quota."""

    # The library's own fields (rest_framework_api_key.AbstractAPIKey), as it defines
    # them, with labels and help in the admin's six languages.
    id = models.CharField(
        max_length=150, unique=True, primary_key=True, editable=False, verbose_name=_("id")
    )
    prefix = models.CharField(max_length=8, unique=True, editable=False, verbose_name=_("prefix"))
    hashed_key = models.CharField(max_length=150, editable=False, verbose_name=_("hashed key"))
    created = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created"))
    name = models.CharField(
        max_length=50,
        blank=False,
        default=None,
        verbose_name=_("name"),
        help_text=_("A name for the key, such as the partner's site; 50 characters at most."),
    )
    revoked = models.BooleanField(
        blank=True,
        default=False,
        verbose_name=_("revoked"),
        help_text=_("A revoked key is refused from then on. This cannot be undone."),
    )
    expiry_date = models.DateTimeField(
        blank=True,
        null=True,
        verbose_name=_("expires"),
        help_text=_("From this time on the key is refused."),
    )
    contact = models.EmailField(
        help_text=_("Whom to write to about this key."), verbose_name=_("contact")
    )
    organization = models.CharField(max_length=200, blank=True, verbose_name=_("organization"))
    allowed_origins = ArrayField(
        models.CharField(max_length=200, validators=[validate_origin]),
        default=list,
        blank=True,
        help_text=_(
            "Web origins allowed to call with this key from a browser, comma-separated "
            "(https://example.org). Leave empty for server-side use only."
        ),
        verbose_name=_("allowed origins"),
    )
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"),
        default=DEFAULT_KEY_RATE,
        help_text=_("Requests this key may make per minute; beyond it the API answers 429."),
    )
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used at")
    )

    objects = PartnerKeyManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        constraints = [
            models.CheckConstraint(condition=Q(rate_limit__gte=1), name="partnerkey_rate_positive")
        ]


class KeyUsage(models.Model):
    """Requests made with a key on one day (UTC), counted as they are served."""

    key = models.ForeignKey(
        PartnerKey, on_delete=models.CASCADE, related_name="usage", verbose_name=_("key")
    )
    day = models.DateField(verbose_name=_("day"))
    requests = models.PositiveIntegerField(default=0, verbose_name=_("requests"))

    class Meta:
        verbose_name = _("key usage")
        verbose_name_plural = _("key usage")
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="keyusage_one_per_day")]

    def __str__(self):
        return f"{self.key.name} on {self.day}: {self.requests}"


class QuotaWindow(models.Model):
    """Requests made by one client (a key, or an address) in its current one-minute
    window: one row per client, bumped by a single atomic upsert per request
    (peaceplatform/api/quota.py). The table is UNLOGGED (its migration): counters
    need no crash safety, and skipping the write-ahead log makes each bump cheaper."""

    ident = models.CharField(max_length=100, primary_key=True, verbose_name=_("ident"))
    window_start = models.BigIntegerField(
        help_text=_("Unix time the window began."), verbose_name=_("window start")
    )
    used = models.PositiveIntegerField(default=0, verbose_name=_("used"))

    class Meta:
        verbose_name = _("quota window")
        verbose_name_plural = _("quota windows")

    def __str__(self):
        return f"{self.ident}: {self.used} since {self.window_start}"


class Trash(models.Model):
    """Has no table. The trash is read from the history's delete snapshots
    (core/publishing/trash.py); this model gives it a place in the admin and the
    permissions that guard it: editors and publishers view and restore, only an
    Administrator purges."""

    class Meta:
        verbose_name = _("trash")
        verbose_name_plural = _("trash")
        managed = False
        default_permissions = ("view",)
        permissions = [
            ("restore_trash", "Can restore deleted content from the trash"),
            ("purge_trash", "Can purge the trash for good"),
        ]

    def __str__(self):
        return "trash"


class ContentVersion(models.Model):
    """One row whose ``version`` changes whenever any content table changes: statement
    triggers on every table of the content apps write a new number from a sequence in
    the same transaction (peaceplatform/page_cache.py). Cached public pages are stored
    under it, so a change is visible to the cache exactly when it is committed."""

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=1, editable=False, verbose_name=_("id")
    )
    version = models.BigIntegerField(verbose_name=_("version"))
    changed_at = models.DateTimeField(verbose_name=_("changed at"))

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="contentversion_one_row")
        ]

    def __str__(self):
        return f"content version {self.version}"


class ChangeAction(models.TextChoices):
    PUBLISHED = "published", _("published")
    UPDATED = "updated", _("updated")
    WITHDRAWN = "withdrawn", _("unpublished or archived")
    DELETED = "deleted", _("deleted")


class Change(models.Model):
    """One change to what is public, as the changes feed (/api/v1/changes/) gives it:
    an item became public, changed while public, stopped being public, or was deleted.
    Written only by peaceplatform/changes.py, one run at a time, so ids follow the
    order of commits and serve as the feed's cursor. Kept for CHANGES_KEEP_DAYS."""

    id = models.BigAutoField(primary_key=True, verbose_name=_("id"))
    type = models.CharField(max_length=20, verbose_name=_("type"))
    item_id = models.BigIntegerField(verbose_name=_("item id"))
    # The address the item had when last public; a tombstone keeps it.
    slug = models.CharField(max_length=200, blank=True, verbose_name=_("slug"))
    action = models.CharField(max_length=10, choices=ChangeAction.choices, verbose_name=_("action"))
    at = models.DateTimeField(verbose_name=_("at"))

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ChangeAction.values), name="change_action_valid"
            )
        ]
        indexes = [
            models.Index(fields=["type", "id"], name="change_by_type"),
            # An item's changes, latest first: OAI-PMH's deleted records.
            models.Index(fields=["type", "item_id", "id"], name="change_by_item"),
        ]

    def __str__(self):
        return f"{self.type} {self.item_id} {self.action}"


class PublicItem(models.Model):
    """What the changes feed last saw public, one row per item: the baseline each run
    of peaceplatform/changes.py compares the public set with."""

    type = models.CharField(max_length=20, verbose_name=_("type"))
    item_id = models.BigIntegerField(verbose_name=_("item id"))
    slug = models.CharField(max_length=200, blank=True, verbose_name=_("slug"))
    version = models.DateTimeField(verbose_name=_("version"))

    class Meta:
        verbose_name = _("public item")
        verbose_name_plural = _("public items")
        constraints = [
            models.UniqueConstraint(fields=["type", "item_id"], name="publicitem_one_per_item")
        ]

    def __str__(self):
        return f"{self.type} {self.item_id}"


class ChangesHorizon(models.Model):
    """One row: the id through which the changes feed has been pruned. A partner whose
    cursor is older missed changes and must walk the lists again (410 Gone)."""

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=1, editable=False, verbose_name=_("id")
    )
    pruned_through = models.BigIntegerField(default=0, verbose_name=_("pruned through"))

    class Meta:
        verbose_name = _("changes horizon")
        verbose_name_plural = _("changes horizons")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="changeshorizon_one_row")]

    def __str__(self):
        return f"changes pruned through {self.pruned_through}"


def new_webhook_secret() -> str:
    """A Standard Webhooks secret: whsec_ and 24 random bytes in base64."""
    import base64
    import secrets

    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


class WebhookEndpoint(models.Model):
    """Where a partner is told of changes to what is public (peaceplatform/webhooks.py):
    signed POSTs, in order, one change each, with retries for three days."""

    key = models.ForeignKey(
        PartnerKey,
        on_delete=models.CASCADE,
        related_name="webhooks",
        help_text=_("The partner this endpoint belongs to."),
        verbose_name=_("key"),
    )
    url = models.URLField(
        max_length=500,
        help_text=_("Where the events are POSTed: https, on the partner's own server."),
        verbose_name=_("URL"),
    )
    secret = models.CharField(
        max_length=60, default=new_webhook_secret, editable=False, verbose_name=_("secret")
    )
    types = ArrayField(
        models.CharField(max_length=20),
        default=list,
        blank=True,
        help_text=_("Kinds of item to be told of; none ticked: all of them."),
        verbose_name=_("types"),
    )
    actions = ArrayField(
        models.CharField(max_length=10),
        default=list,
        blank=True,
        help_text=_("Changes to be told of; none ticked: all of them."),
        verbose_name=_("actions"),
    )
    active = models.BooleanField(
        default=True,
        help_text=_("Untick to pause deliveries; tick again to send what waited, in order."),
        verbose_name=_("active"),
    )
    disabled_reason = models.CharField(
        max_length=300, blank=True, editable=False, verbose_name=_("disabled reason")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: sent until the endpoint answers 2xx. Its
    `message_id` is the `webhook-id` header, the same on every attempt, so that a
    receiver that got it twice can tell."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    message_id = models.CharField(max_length=60, verbose_name=_("message id"))
    event = models.CharField(max_length=40, verbose_name=_("event"))
    payload = models.JSONField(verbose_name=_("payload"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered at"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    last_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last attempt at"))
    last_status = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("The HTTP status of the last answer; empty: none."),
        verbose_name=_("last status"),
    )
    last_response = models.CharField(max_length=300, blank=True, verbose_name=_("last response"))

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "message_id"], name="webhookdelivery_once_per_endpoint"
            )
        ]
        indexes = [
            models.Index(
                fields=["endpoint", "id"],
                name="webhookdelivery_pending",
                condition=Q(delivered_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.event} to {self.endpoint_id}"
