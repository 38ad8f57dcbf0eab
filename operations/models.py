"""The peace operations themselves: UN peacekeeping operations (all 71 since 1948 ship
with the platform, operations/known.py), special political missions, and room for
regional and ad-hoc operations.

Reports and events may point here; this app points only to the directory (hosts,
topics) and the shared machinery."""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Cast, ExtractYear
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import markup
from core.addresses import slug_url
from core.publishing.history import tracked
from core.publishing.status import (
    Publishable,
    PublishableQuerySet,
    publish_permissions,
    publishable_constraints,
    publishable_indexes,
)
from core.search import (
    SearchableQuerySet,
    also_known_as_field,
    generated_search_vector,
    known_names_field,
    vector,
)
from directory.models import MemberState, Topic


class OperationKind(models.TextChoices):
    PEACEKEEPING = "peacekeeping", _("UN peacekeeping operation")
    POLITICAL = "political", _("UN special political mission")
    REGIONAL = "regional", _("Regional operation")
    AD_HOC = "ad_hoc", _("Ad-hoc coalition")


class DatePrecision(models.TextChoices):
    """How much of a date the record gives: the UN's list of operations gives months
    ("November 1956"); a resolution gives the day."""

    DAY = "day", _("day")
    MONTH = "month", _("month")


class OperationQuerySet(SearchableQuerySet, PublishableQuerySet):
    pass


@tracked()
class Operation(Publishable):
    name = models.CharField(max_length=200)
    acronym = models.CharField(
        max_length=32, unique=True, help_text=_("As the UN writes it: MINUSMA, UNEF I.")
    )
    also_known_as = also_known_as_field()
    kind = models.CharField(
        max_length=16,
        choices=OperationKind.choices,
        default=OperationKind.PEACEKEEPING,
        db_index=True,
    )
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(
        _("ended"), null=True, blank=True, help_text=_("Leave empty while it is active.")
    )
    dates_precision = models.CharField(
        _("dates known to the"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("“month”: the dates are the first of their months and show as “June 1964”."),
    )
    hosts = models.ManyToManyField(
        MemberState,
        blank=True,
        related_name="operations_hosted",
        verbose_name=_("host member states"),
    )
    territory = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Where it is not, or not only, a member state: Western Sahara, Abyei."),
    )
    headquarters = models.CharField(max_length=120, blank=True)
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text=_("The operation it took over from: MONUC for MONUSCO."),
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="operations")
    summary = models.TextField(blank=True, max_length=markup.SHORT_MAX_LENGTH)
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("The public record its facts come from.")
    )
    search_vector = generated_search_vector(
        vector("acronym", "name", "also_known_as", weight="A")
        + vector("territory", weight="B")
        + vector("summary", weight="C")
    )
    known_names = known_names_field("acronym", "name", "also_known_as")
    # Kept on the row for the list's facets and filters: "active" while no end is
    # recorded (a date still to come is recorded only once it has passed).
    state = models.GeneratedField(
        expression=Case(When(ended_on__isnull=True, then=Value("active")), default=Value("closed")),
        output_field=models.CharField(max_length=6),
        db_persist=True,
    )
    decade = models.GeneratedField(
        # EXTRACT gives a numeric: cast first, so that the division drops the year.
        expression=Cast(ExtractYear("started_on"), models.IntegerField()) / 10 * 10,
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    corrections = GenericRelation("directory.Correction")

    objects = OperationQuerySet.as_manager()

    class Meta:
        permissions = publish_permissions("operation")
        ordering = ["started_on", "acronym"]
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(
                condition=Q(kind__in=OperationKind.values), name="operation_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(dates_precision__in=DatePrecision.values),
                name="operation_dates_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="operation_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("id")), name="operation_not_own_predecessor"
            ),
            models.CheckConstraint(condition=~Q(acronym=""), name="operation_acronym_set"),
        ]
        indexes = [
            *publishable_indexes(),
            GinIndex(fields=["search_vector"], name="operation_search"),
        ]

    def __str__(self):
        return f"{self.acronym} ({self.name})"

    def get_absolute_url(self):
        return slug_url("operations:detail", self.slug)

    @property
    def is_active(self) -> bool:
        """The rule of the `state` column, which the list's facet counts."""
        return self.ended_on is None

    def shown_date(self, value) -> str:
        if value is None:
            return ""
        return date_format(value, "F Y" if self.dates_precision == DatePrecision.MONTH else "j F Y")

    @property
    def period(self) -> str:
        """“November 1956 – June 1967”, “April 1991 – present”."""
        return f"{self.shown_date(self.started_on)} – {self.shown_date(self.ended_on) or 'present'}"


# Links kept in Django's own many-to-many tables have a history too, so that an undo
# or a restore from the trash brings back what an operation was linked to.
tracked(model_name="OperationHostsEvent")(Operation.hosts.through)
tracked(model_name="OperationTopicsEvent")(Operation.topics.through)
