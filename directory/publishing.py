"""What every publishable thing shares: a status, a slug, timestamps, and the
``published()`` query that every public page, feed and API endpoint starts from.

It lives in ``directory`` because that app sits at the bottom of the import
arrows (peaceplatform -> reports -> events -> directory): every app can use it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Publishable(Timestamped):
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    slug = models.SlugField(max_length=160, unique=True, allow_unicode=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="%(app_label)s_%(class)s_slug_set"),
        ]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


def publishable_constraints():
    """The base constraints, for subclasses whose Meta adds constraints of their own
    (a Meta that sets ``constraints`` replaces the inherited list)."""
    return list(Publishable._meta.constraints)
