"""What every publishable thing shares: a status, a slug, timestamps, the workflow
record (who moved it last, and when it goes public), and the ``published()`` query
that every public page, feed and API endpoint starts from.

It lives in ``directory`` because that app sits at the bottom of the import
arrows (peaceplatform -> reports -> events -> directory): every app can use it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


def publish_permissions(model_name: str):
    """The permission that separates a Publisher from an Editor, one per model:
    ``reports.publish_report`` allows publishing, scheduling, unpublishing and
    archiving reports."""
    return [(f"publish_{model_name}", f"Can publish, schedule, unpublish and archive {model_name}")]


def public_condition(prefix: str = "") -> Q:
    """Published, and its time has come. Scheduling needs no cron job: a row published
    with a future ``publish_at`` stays out of every public query until the database
    clock passes it. ``prefix`` reaches the condition through a relation
    (``"report__"``)."""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": Now()})


def public_sql(alias: str = "") -> str:
    """public_condition() for raw SQL, the only other place the rule is written:
    ``alias`` is the table's name or alias in the statement ("" for an unqualified
    column). Django's Now() is PostgreSQL's statement_timestamp(), so a statement
    sees the same rows through either. tests/core/test_public_rule.py holds the two
    equal, and fails when the rule is written anywhere else."""
    if alias and not alias.isidentifier():
        raise ValueError(f"not a table alias: {alias!r}")
    column = f"{alias}." if alias else ""
    return (
        f"{column}status = '{Status.PUBLISHED.value}' "
        f"AND {column}publish_at <= statement_timestamp()"
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(public_condition())

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, publish_at__gt=Now())

    def waiting_for_review(self):
        return self.filter(status=Status.REVIEW)


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        abstract = True


class Workflowed(Timestamped):
    """The workflow record without an address: for rows that go public on their own
    but have no page of their own (a recommendation's implementation update)."""

    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        verbose_name=_("status"),
    )
    publish_at = models.DateTimeField(
        _("public from"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When published content becomes public; a future time schedules it."),
    )
    status_changed_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("status changed at")
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("status changed by"),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(publish_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
            ),
        ]
        indexes = [
            # The latest "public from" time that has passed, read on every cached page
            # (peaceplatform/page_cache.py): a backward scan of this index, one row.
            models.Index(
                fields=["publish_at"],
                name="%(class)s_public_from",
                condition=Q(status=Status.PUBLISHED),
            ),
            # What changed, in the order it changed: a partner's incremental sync
            # (`updated_since=…&ordering=updated&cursor=*`, the API guide's example)
            # walks it from its cursor, "nothing new since yesterday" is an empty range,
            # and the sitemap's latest change is its last entry. `publish_at` rides in
            # the index, so a row's visibility is decided without reading the row.
            # Without it each of those read every published row (BENCHMARKS.md,
            # "Lists in other orders").
            models.Index(
                fields=["updated_at", "id"],
                include=["publish_at"],
                name="%(class)s_changes",
                condition=Q(status=Status.PUBLISHED),
            ),
        ]

    @property
    def is_published(self) -> bool:
        """The Python twin of ``public_condition()``, for rows already loaded."""
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )


class Publishable(Workflowed):
    slug = models.SlugField(
        max_length=160, unique=True, allow_unicode=False, verbose_name=_("slug")
    )

    class Meta(Workflowed.Meta):
        abstract = True
        constraints = [
            *Workflowed.Meta.constraints,
            models.CheckConstraint(condition=~Q(slug=""), name="%(app_label)s_%(class)s_slug_set"),
        ]


def publishable_indexes():
    """The base indexes, for subclasses whose Meta lists indexes of its own."""
    return list(Workflowed._meta.indexes)


def publishable_constraints():
    """The base constraints, for subclasses whose Meta adds constraints of their own
    (a Meta that sets ``constraints`` replaces the inherited list)."""
    return list(Publishable._meta.constraints)


def workflowed_constraints():
    """The same, for a ``Workflowed`` model: the workflow's constraints, no slug."""
    return list(Workflowed._meta.constraints)
