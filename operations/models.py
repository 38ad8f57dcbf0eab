"""The peace operations themselves: UN peacekeeping operations (all 71 since 1948 ship
with the platform, operations/known.py), special political missions, and room for
regional and ad-hoc operations.

Reports and events may point here; this app points only to the directory (hosts,
topics) and the shared machinery."""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractYear, Upper
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import markup
from core.addresses import slug_url
from core.charts import monthly_chart
from core.publishing.history import tracked
from core.publishing.status import (
    Publishable,
    PublishableQuerySet,
    Timestamped,
    public_condition,
    publish_permissions,
    publishable_constraints,
    publishable_indexes,
)
from core.search import (
    SearchableQuerySet,
    also_known_as_field,
    generated_search_vector,
    known_names_field,
    translated_vector,
    vector,
)
from core.translations import translatable
from directory.models import MemberState, Person, Topic


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
    def mandated_by(self, symbol: str):
        """The operations whose mandate a resolution with this symbol, or a symbol
        starting with it, set (`S/RES/2100`: MINUSMA)."""
        return self.filter(pk__in=Mandate.objects.with_symbol_starting(symbol).values("operation"))


@tracked()
@translatable("name", "summary")
class Operation(Publishable):
    name = models.CharField(max_length=200, verbose_name=_("name"))
    acronym = models.CharField(
        max_length=32,
        unique=True,
        help_text=_("As the UN writes it: MINUSMA, UNEF I."),
        verbose_name=_("acronym"),
    )
    also_known_as = also_known_as_field()
    kind = models.CharField(
        max_length=16,
        choices=OperationKind.choices,
        default=OperationKind.PEACEKEEPING,
        db_index=True,
        verbose_name=_("kind"),
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
        verbose_name=_("territory"),
    )
    headquarters = models.CharField(max_length=120, blank=True, verbose_name=_("headquarters"))
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text=_("The operation it took over from: MONUC for MONUSCO."),
        verbose_name=_("predecessor"),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="operations", verbose_name=_("topics")
    )
    summary = models.TextField(
        blank=True, max_length=markup.SHORT_MAX_LENGTH, verbose_name=_("summary")
    )
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("The public record its facts come from.")
    )
    search_vector = generated_search_vector(
        vector("acronym", "name", "also_known_as", weight="A")
        + vector("territory", weight="B")
        + vector("summary", weight="C")
    )
    translations_vector = generated_search_vector(
        translated_vector("name", weight="A") + translated_vector("summary", weight="C")
    )
    known_names = known_names_field("acronym", "name", "also_known_as")
    # Kept on the row for the list's facets and filters: "active" while no end is
    # recorded (a date still to come is recorded only once it has passed).
    state = models.GeneratedField(
        expression=Case(When(ended_on__isnull=True, then=Value("active")), default=Value("closed")),
        output_field=models.CharField(max_length=6),
        db_persist=True,
        verbose_name=_("state"),
    )
    decade = models.GeneratedField(
        # EXTRACT gives a numeric: cast first, so that the division drops the year.
        expression=Cast(ExtractYear("started_on"), models.IntegerField()) / 10 * 10,
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("decade"),
    )

    corrections = GenericRelation("directory.Correction")

    objects = OperationQuerySet.as_manager()

    class Meta:
        verbose_name = _("operation")
        verbose_name_plural = _("operations")
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
            GinIndex(fields=["translations_vector"], name="operation_translated"),
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


class MandateChange(models.TextChoices):
    ESTABLISH = "establish", _("Established")
    EXTEND = "extend", _("Extended")
    CHANGE = "change", _("Changed")
    END = "end", _("Ended")


class MandateQuerySet(models.QuerySet):
    def published(self):
        """The mandates of published operations: public with their operation."""
        return self.filter(public_condition("operation__"))

    def with_symbol_starting(self, text: str):
        """Mandates whose resolution symbol starts with the text (`S/RES/2100`)."""
        return self.filter(symbol__startswith=Mandate.normalise(text))


@tracked()
class Mandate(Timestamped):
    """A Security Council resolution that establishes, extends, changes or ends an
    operation's mandate, with the tasks it gives (tagged by topic)."""

    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "operation"

    operation = models.ForeignKey(
        Operation, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("operation")
    )
    symbol = models.CharField(
        max_length=64,
        help_text=_("The resolution's symbol: S/RES/2100 (2013)."),
        verbose_name=_("symbol"),
    )
    adopted_on = models.DateField(_("adopted"))
    change = models.CharField(
        max_length=12,
        choices=MandateChange.choices,
        default=MandateChange.EXTEND,
        verbose_name=_("change"),
    )
    runs_until = models.DateField(
        _("mandate runs until"), null=True, blank=True, help_text=_("As the resolution says.")
    )
    tasks = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="mandates",
        verbose_name=_("tasks"),
        help_text=_("What the resolution asks of the operation, by topic."),
    )
    note = models.TextField(
        blank=True,
        max_length=markup.SHORT_MAX_LENGTH,
        help_text=_("What changed, in a sentence or two of our own."),
        verbose_name=_("note"),
    )

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["operation", "adopted_on", "symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "symbol"],
                name="mandate_symbol_once_per_operation",
                violation_error_message=_("This resolution is already in the operation's list."),
            ),
            models.CheckConstraint(
                condition=Q(change__in=MandateChange.values), name="mandate_change_valid"
            ),
            models.CheckConstraint(
                # The same form as a report's symbols (reports.DocumentSymbol), with the
                # year in brackets that resolutions carry: S/RES/2100 (2013).
                condition=Q(symbol__regex=r"^[A-Z0-9][A-Z0-9/.()\- ]*$")
                & Q(symbol=Upper("symbol")),
                name="mandate_symbol_normalised",
            ),
            models.CheckConstraint(
                condition=Q(runs_until__isnull=True) | Q(runs_until__gte=F("adopted_on")),
                name="mandate_runs_after_adoption",
                violation_error_message=_("A mandate cannot run out before it is adopted."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["symbol"], name="mandate_symbol_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self):
        return f"{self.symbol}, {self.get_change_display().lower()} {self.operation.acronym}"

    @staticmethod
    def normalise(symbol: str) -> str:
        """Upper case, single spaces, and one space before the year's bracket, as the
        UN prints it: “s/res/2100(2013)” and “S/RES/2100  (2013)” are S/RES/2100 (2013)."""
        text = " ".join(str(symbol).split()).upper()
        return re.sub(r" ?\(", " (", text).strip()

    def clean(self):
        self.symbol = self.normalise(self.symbol)
        super().clean()

    def save(self, *args, **kwargs):
        self.symbol = self.normalise(self.symbol)
        super().save(*args, **kwargs)

    @property
    def document_url(self) -> str:
        """The resolution in the UN's Official Document System (undocs.org takes the
        symbol without spaces)."""
        return f"https://undocs.org/{self.symbol.replace(' ', '')}"


tracked(model_name="MandateTasksEvent")(Mandate.tasks.through)


class LeaderRole(models.TextChoices):
    HEAD = "head", _("Head of mission")
    DEPUTY = "deputy", _("Deputy head of mission")
    FORCE_COMMANDER = "force_commander", _("Force commander")
    POLICE_COMMISSIONER = "police_commissioner", _("Police commissioner")


@tracked()
class Leader(Timestamped):
    """Who led an operation, in which role, when: heads of mission and force
    commanders, dated like a person's other positions (directory.Position)."""

    workflow_parent = "operation"

    operation = models.ForeignKey(
        Operation, on_delete=models.CASCADE, related_name="leaders", verbose_name=_("operation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="operation_posts", verbose_name=_("person")
    )
    role = models.CharField(
        max_length=24, choices=LeaderRole.choices, default=LeaderRole.HEAD, verbose_name=_("role")
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The post's own name: Special Representative of the Secretary-General."),
        verbose_name=_("title"),
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["operation", "role", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=LeaderRole.values), name="leader_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="leader_ends_after_start",
                violation_error_message=_("A post cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.person}, {self.get_role_display().lower()} of {self.operation.acronym}"

    @property
    def period(self) -> str:
        start = date_format(self.started_on, "F Y") if self.started_on else "?"
        end = date_format(self.ended_on, "F Y") if self.ended_on else "present"
        return f"{start} – {end}"


class PersonnelType(models.TextChoices):
    """The UN's categories of uniformed personnel, as its monthly figures give them."""

    TROOPS = "troops", _("Troops")
    STAFF_OFFICERS = "staff_officers", _("Staff officers")
    EXPERTS = "experts_on_mission", _("Experts on mission")
    POLICE = "individual_police", _("Individual police")
    FORMED_POLICE = "formed_police_units", _("Formed police units")


# How generate_corpus marks the figures it makes up for benchmarks; pages say so.
SAMPLE_SOURCE = "Sample data"


class ContributionQuerySet(models.QuerySet):
    def published(self):
        """The figures of published operations: public with their operation."""
        return self.filter(public_condition("operation__"))

    def monthly_totals(self) -> list[dict]:
        """Month, people and women (where given) in order of month: what a chart
        draws. One query, read from the (operation or member state, month) index."""
        return list(
            self.order_by()
            .values("month")
            .annotate(people=Sum("total"), women_count=Sum("women"))
            .order_by("month")
        )

    def breakdown(self, month, by: str) -> list[dict]:
        """The month's figures by contributor (``by="member_state"``) or by operation
        (``by="operation"``), each with its count of every personnel type, largest
        first. One query."""
        label = {"member_state": "member_state__short_name", "operation": "operation__acronym"}[by]
        rows = self.filter(month=month).values(
            label, f"{by}__slug", "personnel_type", "total", "women", "source"
        )
        table = {}
        for row in rows:
            entry = table.setdefault(
                row[f"{by}__slug"],
                {
                    "name": row[label],
                    "slug": row[f"{by}__slug"],
                    "counts": dict.fromkeys(PersonnelType.values, 0),
                    "total": 0,
                    "women": None,  # unless the figures give women
                    "sample": False,
                },
            )
            entry["counts"][row["personnel_type"]] += row["total"]
            entry["total"] += row["total"]
            if row["women"] is not None:
                entry["women"] = (entry["women"] or 0) + row["women"]
            entry["sample"] |= row["source"].startswith(SAMPLE_SOURCE)
        return sorted(table.values(), key=lambda entry: (-entry["total"], entry["name"]))

    def summary(self, by: str) -> dict:
        """The figures as a page shows them: months with their totals, drawn as a chart
        (core/charts.py) and listed as a table, and the latest month by contributor or
        by operation (only the personnel types it has). Two queries, whatever the
        number of rows; empty without figures. Numbers and months as they are: the
        template writes them out (intcomma, date), in the reader's language."""
        months = self.monthly_totals()
        if not months:
            return {}
        latest = months[-1]["month"]
        rows = self.breakdown(latest, by)
        types = [
            (value, label)
            for value, label in PersonnelType.choices
            if any(row["counts"][value] for row in rows)
        ]
        for row in rows:
            row["cells"] = [row["counts"][value] for value, _ in types]
        women = [row["women"] for row in rows if row["women"] is not None]
        return {
            "chart": monthly_chart([(month["month"], month["people"]) for month in months]),
            "months": [(month["month"], month["people"], month["women_count"]) for month in months],
            "first": months[0]["month"],
            "latest": latest,
            "rows": rows,
            "types": [label for _, label in types],
            "total": sum(row["total"] for row in rows),
            "women": sum(women) if women else None,
            "sample": any(row["sample"] for row in rows),
        }


@tracked()
class Contribution(Timestamped):
    """How many uniformed personnel a member state had deployed with an operation at
    the end of a month, of one personnel type: the UN's monthly figures."""

    workflow_parent = "operation"

    operation = models.ForeignKey(
        Operation,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("operation"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("contributing member state"),
    )
    month = models.DateField(
        help_text=_("The first day of the month the figures are for."), verbose_name=_("month")
    )
    personnel_type = models.CharField(
        max_length=24, choices=PersonnelType.choices, verbose_name=_("personnel type")
    )
    women = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("women"))
    men = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("men"))
    total = models.PositiveIntegerField(verbose_name=_("total"))
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where the figures come from: the file's name and date, or an address."),
        verbose_name=_("source"),
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["operation", "-month", "member_state", "personnel_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "member_state", "month", "personnel_type"],
                name="contribution_once_a_month",
                violation_error_message=_(
                    "This member state already has figures of this type for this operation "
                    "and month."
                ),
            ),
            models.CheckConstraint(
                condition=Q(personnel_type__in=PersonnelType.values),
                name="contribution_personnel_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="contribution_month_is_first_day"
            ),
            models.CheckConstraint(
                # Women and men, where given, add up to the total.
                condition=(Q(women__isnull=True) & Q(men__isnull=True))
                | Q(total=Coalesce("women", 0) + Coalesce("men", 0)),
                name="contribution_total_adds_up",
                violation_error_message=_("Women and men must add up to the total."),
            ),
        ]
        indexes = [
            models.Index(fields=["operation", "month"], name="contribution_operation_month"),
            models.Index(fields=["member_state", "month"], name="contribution_state_month"),
        ]

    def __str__(self):
        return (
            f"{self.member_state}, {self.operation.acronym}, {date_format(self.month, 'F Y')}: "
            f"{self.total} {self.get_personnel_type_display().lower()}"
        )
