"""Events and who took part in them."""

import pgtrigger
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core import markup
from core.addresses import slug_url
from core.copies import refreshed_when_links_change
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
    KeyedQuerySet,
    SearchableQuerySet,
    also_known_as_field,
    generated_search_vector,
    known_names_field,
    translated_vector,
    vector,
)
from core.translations import translatable
from directory.models import MemberState, Organization, Person, Topic
from operations.models import Operation


@tracked()
class EventSeries(Publishable):
    """A recurring event: an annual high-level dialogue, a yearly summit."""

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    organizer = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="series",
        verbose_name=_("organizer"),
    )
    description = models.TextField(
        blank=True, max_length=markup.SHORT_MAX_LENGTH, verbose_name=_("description")
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        permissions = publish_permissions("eventseries")
        ordering = ["name"]
        constraints = publishable_constraints()
        indexes = publishable_indexes()

    def __str__(self):
        return self.name


class EventKind(models.TextChoices):
    HIGH_LEVEL_DIALOGUE = "high_level_dialogue", _("High-level dialogue")
    WORKING_DINNER = "working_dinner", _("Working dinner")
    SUMMIT = "summit", _("Summit")
    CONFERENCE = "conference", _("Conference")
    PANEL = "panel", _("Panel discussion")
    BRIEFING = "briefing", _("Briefing")
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop")


class EventQuerySet(KeyedQuerySet, SearchableQuerySet, PublishableQuerySet):
    def upcoming(self, today):
        return self.filter(starts_on__gte=today).order_by("starts_on")

    def past(self, today):
        return self.filter(starts_on__lt=today).order_by("-starts_on")

    def for_listing(self):
        """What an event card shows besides its own columns: its series."""
        return self.select_related("series")

    def newest_first(self):
        return self.order_by("-starts_on", "title")


@tracked(exclude=["facet_keys", "search_names"])
@translatable("title", "summary", "body")
class Event(Publishable):
    # A search's highlighted passage, annotated on the events it finds. Elsewhere it
    # reads as empty: a template asking a model for a missing attribute makes Django
    # list all of the instance's attributes, for every card of a list.
    snippet = ""

    title = models.CharField(max_length=300, verbose_name=_("title"))
    also_known_as = also_known_as_field()
    kind = models.CharField(
        max_length=32, choices=EventKind.choices, db_index=True, verbose_name=_("kind")
    )
    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("series"),
    )
    edition = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Which edition of the series: 3 for the 3rd year."),
        verbose_name=_("edition"),
    )
    starts_on = models.DateField(db_index=True, verbose_name=_("starts on"))
    ends_on = models.DateField(
        null=True, blank=True, help_text=_("Leave empty for one day."), verbose_name=_("ends on")
    )
    venue = models.CharField(max_length=200, blank=True, verbose_name=_("venue"))
    city = models.CharField(max_length=100, blank=True, verbose_name=_("city"))
    country = models.ForeignKey(
        MemberState,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events_held",
        verbose_name=_("country"),
    )
    summary = models.TextField(
        blank=True, max_length=markup.SHORT_MAX_LENGTH, verbose_name=_("summary")
    )
    body = models.TextField(blank=True, max_length=markup.MAX_LENGTH, verbose_name=_("body"))
    chatham_house_rule = models.BooleanField(
        _("held under the Chatham House rule"),
        default=False,
        help_text=_("Who took part is shown; no statement is attributed to anyone."),
    )
    source_url = models.URLField(blank=True, verbose_name=_("source URL"))
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="events", verbose_name=_("topics")
    )
    operations = models.ManyToManyField(
        Operation,
        blank=True,
        related_name="events",
        verbose_name=_("peace operations"),
        help_text=_("The operations the event discussed."),
    )
    # Its topics and the member states and organizations taking part, copied onto the
    # row by database triggers (core/copies.py) as Report.facet_keys are:
    # "topic:12", "member_state:60". The list's filters and facets read them here
    # rather than the link tables (140,000 participations in the sample corpus).
    facet_keys = ArrayField(
        models.CharField(max_length=40), default=list, editable=False, verbose_name=_("facet keys")
    )
    # The names of the people who took part, one per line, kept by the same triggers:
    # "Ladsous" finds the events he attended.
    search_names = models.TextField(
        blank=True, default="", db_default="", editable=False, verbose_name=_("search names")
    )
    search_vector = generated_search_vector(
        vector("title", "also_known_as", weight="A")
        + vector("summary", "search_names", weight="B")
        + vector("body", weight="C")
        + vector("venue", "city", weight="D")
    )
    translations_vector = generated_search_vector(
        translated_vector("title", weight="A")
        + translated_vector("summary", weight="B")
        + translated_vector("body", weight="C")
    )
    known_names = known_names_field("title", "also_known_as")

    corrections = GenericRelation("directory.Correction")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = publish_permissions("event")
        ordering = ["-starts_on", "title"]
        indexes = [
            *publishable_indexes(),
            GinIndex(fields=["search_vector"], name="event_search"),
            GinIndex(fields=["translations_vector"], name="event_translated"),
            GinIndex(fields=["facet_keys"], name="event_facet_keys"),
            GinIndex(fields=["known_names"], name="event_known_names"),
            # Newest-first lists and the candidates of broad searches.
            models.Index(
                F("starts_on").desc(),
                F("id").desc(),
                name="event_recent",
                condition=Q(status="published"),
            ),
            # The API's `ordering=title` and `-title`, as reports (report_by_title).
            models.Index(
                fields=["title", "id"], name="event_by_title", condition=Q(status="published")
            ),
        ]
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(series__isnull=False),
                name="event_edition_needs_series",
                violation_error_message=_("An edition number needs a series."),
            ),
            models.UniqueConstraint(
                fields=["series", "edition"],
                name="event_series_edition_unique",
                condition=Q(edition__isnull=False),
            ),
        ]
        triggers = [
            # The keys are the link tables' to write. An UPDATE of the event that says
            # otherwise (a model saved from an instance loaded before its links changed
            # writes back the keys it read) gets them worked out again. Not the
            # refresh's own UPDATE, issued from the link tables' triggers
            # (pg_trigger_depth() > 0), which has just worked them out.
            pgtrigger.Trigger(
                name="keeps_its_facet_keys",
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(
                    "pg_trigger_depth() = 0 AND (NEW.facet_keys IS DISTINCT FROM OLD.facet_keys"
                    " OR NEW.search_names IS DISTINCT FROM OLD.search_names)"
                ),
                func=(
                    "NEW.facet_keys := events_facet_keys_of(NEW.id);"
                    " NEW.search_names := events_names_of(NEW.id); RETURN NEW;"
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("events:detail", self.slug)

    @property
    def hosts(self):
        return [p for p in self.participations.all() if p.role in HOSTING_ROLES]


class Role(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co_host", _("Co-host")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    PARTICIPANT = "participant", _("Participant")


HOSTING_ROLES = frozenset({Role.HOST, Role.CO_HOST})

# The heading over each role's people on an event's page.
ROLE_HEADINGS = {
    Role.HOST: _("Hosts"),
    Role.CO_HOST: _("Co-hosts"),
    Role.SPEAKER: _("Speakers"),
    Role.MODERATOR: _("Moderators"),
    Role.PARTICIPANT: _("Participants"),
}


class Level(models.TextChoices):
    HEAD_OF_STATE = "head_of_state", _("Head of state or government")
    FOREIGN_MINISTER = "foreign_minister", _("Minister for foreign affairs")
    MINISTER = "minister", _("Minister")
    HIGH_LEVEL = "high_level", _("High-level representative")
    UN_SENIOR = "un_senior", _("Senior UN official")
    HEAD_OF_ORGANIZATION = "head_of_organization", _("Head of organization")
    OFFICIAL = "official", _("Official")


class ParticipationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(public_condition("event__"))

    def hosting(self):
        return self.filter(role__in=HOSTING_ROLES)


@tracked()
@translatable("title")
class Participation(Timestamped):
    """Who took part in an event, in which role, at which level, and for whom.

    Under the Chatham House rule the platform records attendance only: there is
    deliberately no field for what anyone said.
    """

    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "event"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("person"),
    )
    member_state = models.ForeignKey(
        MemberState,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        help_text=_("The state represented."),
        verbose_name=_("member state"),
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        help_text=_("The organization represented."),
        verbose_name=_("organization"),
    )
    role = models.CharField(
        max_length=16, choices=Role.choices, default=Role.PARTICIPANT, verbose_name=_("role")
    )
    level = models.CharField(
        max_length=24, choices=Level.choices, blank=True, verbose_name=_("level")
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("As stated at the event: “Minister for Foreign Affairs”."),
        verbose_name=_("title"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["event", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False)
                | Q(member_state__isnull=False)
                | Q(organization__isnull=False),
                name="participation_names_someone",
                violation_error_message=_(
                    "Name at least one of: a person, a member state or an organization."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="participation_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(level="") | Q(level__in=Level.values), name="participation_level_valid"
            ),
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="participation_person_once_per_event",
            ),
        ]
        indexes = [
            # A partner's incremental sync, in the order things changed (as
            # core.publishing.status.Workflowed's "changes" index for the other lists):
            # without it each page sorted every participation.
            models.Index(fields=["updated_at", "id"], name="participation_changes"),
        ]
        # The event a participation left and the one it joined (or the same event,
        # whose participant may now represent another state or body).
        triggers = [
            refreshed_when_links_change("facet_keys", "events_refresh_facet_keys", "event_id")
        ]

    def __str__(self):
        who = self.person or self.member_state or self.organization
        return f"{who} — {self.get_role_display()}"


# Links kept in Django's own many-to-many tables have a history too, so that an undo
# or a restore from the trash brings back what a thing was linked to.
tracked(model_name="EventTopicsEvent")(Event.topics.through)
tracked(model_name="EventOperationsEvent")(Event.operations.through)

# An event's topics are copied onto its row as facet keys (core/copies.py).
pgtrigger.register(
    refreshed_when_links_change("facet_keys", "events_refresh_facet_keys", "event_id")
)(Event.topics.through)
