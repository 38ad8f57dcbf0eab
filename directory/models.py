"""Who and what: member states, organizations, people, their positions, topics; and
what the platform says of its own record: public corrections and its own pages.

Shared by events and reports; this app imports neither.
"""

import functools

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import markup
from core.addresses import slug_url
from core.publishing.history import tracked
from core.publishing.status import (
    Publishable,
    PublishableQuerySet,
    Timestamped,
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


class Region(models.TextChoices):
    """UN M49 regions."""

    AFRICA = "Africa", _("Africa")
    AMERICAS = "Americas", _("Americas")
    ASIA = "Asia", _("Asia")
    EUROPE = "Europe", _("Europe")
    OCEANIA = "Oceania", _("Oceania")


class Membership(models.TextChoices):
    MEMBER = "member", _("Member state")
    OBSERVER = "observer", _("Non-member observer state")


class MemberStateQuerySet(SearchableQuerySet):
    def members(self):
        return self.filter(membership=Membership.MEMBER)

    def observers(self):
        return self.filter(membership=Membership.OBSERVER)

    def published(self):
        # Member states are public record, shipped as data: all of them are public.
        return self.all()

    def by_code(self, code: str):
        """Find by ISO alpha-2, alpha-3 or M49 code, as partners and imports type them."""
        code = code.strip().upper()
        return self.filter(Q(iso2=code) | Q(iso3=code) | Q(m49=code))


@tracked()
class MemberState(Timestamped):
    """A UN member state or non-member observer state (all 195 ship as data)."""

    name = models.CharField(_("UN name"), max_length=120, unique=True)
    short_name = models.CharField(
        max_length=80,
        help_text=_("How the state is usually written in running text."),
        verbose_name=_("short name"),
    )
    official_name = models.CharField(max_length=160, verbose_name=_("official name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    m49 = models.CharField(_("UN M49 code"), max_length=3, unique=True)
    region = models.CharField(
        max_length=16, choices=Region.choices, db_index=True, verbose_name=_("region")
    )
    membership = models.CharField(
        max_length=16,
        choices=Membership.choices,
        default=Membership.MEMBER,
        verbose_name=_("membership"),
    )
    admitted_on = models.DateField(_("date of UN admission"), null=True, blank=True)
    observer_since = models.DateField(null=True, blank=True, verbose_name=_("observer since"))
    search_vector = generated_search_vector(
        vector("name", "short_name", "official_name", "iso3", weight="A")
    )

    corrections = GenericRelation("directory.Correction")

    objects = MemberStateQuerySet.as_manager()

    class Meta:
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_vector"], name="memberstate_search")]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="memberstate_iso2_format"
            ),
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="memberstate_iso3_format"
            ),
            models.CheckConstraint(
                condition=Q(m49__regex=r"^[0-9]{3}$"), name="memberstate_m49_format"
            ),
            models.CheckConstraint(
                condition=Q(membership__in=Membership.values), name="memberstate_membership_valid"
            ),
            models.CheckConstraint(
                condition=Q(region__in=Region.values), name="memberstate_region_valid"
            ),
            # A member has a date of admission; an observer state has none.
            models.CheckConstraint(
                condition=(
                    Q(membership=Membership.MEMBER, admitted_on__isnull=False)
                    | Q(membership=Membership.OBSERVER, admitted_on__isnull=True)
                ),
                name="memberstate_admission_matches_membership",
            ),
        ]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return slug_url("directory:member_state_detail", self.slug)


class OrganizationKind(models.TextChoices):
    UN_BODY = "un_body", _("UN body or department")
    UN_PANEL = "un_panel", _("UN panel or commission")
    REGIONAL = "regional", _("Regional organization")
    GOVERNMENT = "government", _("Government or ministry")
    THINK_TANK = "think_tank", _("Think tank or research institute")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class OrganizationQuerySet(SearchableQuerySet, PublishableQuerySet):
    pass


@tracked()
@translatable("name", "description")
class Organization(Publishable):
    name = models.CharField(max_length=200, verbose_name=_("name"))
    acronym = models.CharField(max_length=32, blank=True, verbose_name=_("acronym"))
    also_known_as = also_known_as_field()
    kind = models.CharField(
        max_length=24, choices=OrganizationKind.choices, db_index=True, verbose_name=_("kind")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    description = models.TextField(
        blank=True, max_length=markup.SHORT_MAX_LENGTH, verbose_name=_("description")
    )
    search_vector = generated_search_vector(
        vector("name", "acronym", "also_known_as", weight="A") + vector("description", weight="C")
    )
    translations_vector = generated_search_vector(
        translated_vector("name", weight="A") + translated_vector("description", weight="C")
    )
    known_names = known_names_field("name", "acronym", "also_known_as")

    corrections = GenericRelation("directory.Correction")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = publish_permissions("organization")
        ordering = ["name"]
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="organization_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
        ]
        indexes = [
            *publishable_indexes(),
            GinIndex(fields=["name"], name="organization_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["search_vector"], name="organization_search"),
            GinIndex(fields=["translations_vector"], name="organization_translated"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return slug_url("directory:organization_detail", self.slug)


class PersonQuerySet(SearchableQuerySet, PublishableQuerySet):
    pass


@tracked()
class Person(Publishable):
    name = models.CharField(
        max_length=200, help_text=_("As written: “Hervé Ladsous”."), verbose_name=_("name")
    )
    sort_name = models.CharField(
        max_length=200,
        help_text=_("For alphabetical lists: “Ladsous, Hervé”."),
        verbose_name=_("sort name"),
    )
    honorific = models.CharField(
        max_length=40, blank=True, help_text=_("Mr., Ms., H.E., Dr."), verbose_name=_("honorific")
    )
    biography = models.TextField(
        blank=True, max_length=markup.SHORT_MAX_LENGTH, verbose_name=_("biography")
    )
    search_vector = generated_search_vector(
        vector("name", weight="A") + vector("biography", weight="C")
    )

    corrections = GenericRelation("directory.Correction")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = publish_permissions("person")
        ordering = ["sort_name"]
        constraints = publishable_constraints()
        # Trigram index: forgiving name matching for search and bulk imports.
        indexes = [
            *publishable_indexes(),
            GinIndex(fields=["name"], name="person_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["search_vector"], name="person_search"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("directory:person_detail", self.slug)


@tracked()
@translatable("title")
class Position(Timestamped):
    """A post a person held: “Under-Secretary-General for Peacekeeping Operations”."""

    # Whose status decides who may change this row (core/publishing/workflow.py).
    workflow_parent = "person"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("organization"),
    )
    member_state = models.ForeignKey(
        MemberState,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("member state"),
    )
    started_on = models.DateField(null=True, blank=True, verbose_name=_("started on"))
    ended_on = models.DateField(null=True, blank=True, verbose_name=_("ended on"))

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(member_state__isnull=False),
                name="position_has_organization_or_state",
                violation_error_message=_(
                    "Say where the position is held: an organization or a member state."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="position_ends_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            ),
        ]

    def __str__(self):
        where = self.organization or self.member_state
        return f"{self.title}, {where}"


class TopicQuerySet(SearchableQuerySet, PublishableQuerySet):
    pass


@tracked()
@translatable("name", "description")
class Topic(Publishable):
    name = models.CharField(max_length=120, unique=True, verbose_name=_("name"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    description = models.TextField(
        blank=True, max_length=markup.SHORT_MAX_LENGTH, verbose_name=_("description")
    )
    search_vector = generated_search_vector(
        vector("name", weight="A") + vector("description", weight="B")
    )
    translations_vector = generated_search_vector(
        translated_vector("name", weight="A") + translated_vector("description", weight="B")
    )

    corrections = GenericRelation("directory.Correction")

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        permissions = publish_permissions("topic")
        ordering = ["name"]
        indexes = [
            *publishable_indexes(),
            GinIndex(fields=["name"], name="topic_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["search_vector"], name="topic_search"),
            GinIndex(fields=["translations_vector"], name="topic_translated"),
        ]
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="topic_not_own_parent"),
            models.UniqueConstraint(Upper("name"), name="topic_name_unique_ci"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("directory:topic_detail", self.slug)


class PageAddress(models.TextChoices):
    """The site's own pages that curators write, by the address each is served at."""

    METHODOLOGY = "methodology", _("How statuses are decided (/methodology/)")


@tracked()
class Page(Publishable):
    """A page of the site's own, written and published by curators like any item: the
    methodology that says how implementation statuses are decided. A new installation
    starts from the text in directory/pages/ (migration 0006), which the address shows
    while no version is published."""

    slug = models.SlugField(_("page"), max_length=160, unique=True, choices=PageAddress.choices)
    title = models.CharField(max_length=200, verbose_name=_("title"))
    description = models.CharField(
        max_length=300,
        help_text=_("One sentence for search engines and link previews."),
        verbose_name=_("description"),
    )
    body = models.TextField(
        max_length=markup.MAX_LENGTH, help_text=_("Markdown."), verbose_name=_("body")
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = publish_permissions("page")
        ordering = ["slug"]
        indexes = publishable_indexes()
        constraints = [
            *publishable_constraints(),
            models.CheckConstraint(
                condition=Q(slug__in=PageAddress.values), name="page_address_known"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.slug)


# A correction is one sentence: long enough to say what was wrong and what is right.
NOTE_MAX_LENGTH = 300


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Corrections of what is public now: a correction of a report that went back to
        draft, or was deleted, shows nowhere until the report is public again."""
        from django.contrib.contenttypes.models import ContentType

        condition = Q(pk__in=[])
        # One query for every kind's content type the process has not read yet.
        for model, content_type in ContentType.objects.get_for_models(
            *correctable_models()
        ).items():
            condition |= Q(
                content_type=content_type, object_id__in=model.objects.published().values("pk")
            )
        return self.filter(condition)

    def with_items(self, *, public: bool = True):
        """Each correction's item in one query per kind of item, with what its name
        and address read (a recommendation's report)."""
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.prefetch import GenericPrefetch

        ContentType.objects.get_for_models(*correctable_models())  # read once, as above
        querysets = []
        for model in correctable_models():
            items = model.objects.published() if public else model._base_manager.all()
            parent = getattr(model, "workflow_parent", "")
            querysets.append(items.select_related(parent.replace(".", "__")) if parent else items)
        return self.prefetch_related(GenericPrefetch("item", querysets))


@tracked()
class Correction(models.Model):
    """A public correction: a published fact was wrong, and we say so in a sentence.

    Written from the item's own form in the admin (the "Public correction" tick), shown
    as "Corrected on …" on the item's page, listed at /corrections/, in its feed and at
    /api/v1/corrections/. Items keep their corrections in ``corrections``, a generic
    relation, so that any kind of item with a public page can be corrected."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("content type"),
    )
    object_id = models.PositiveBigIntegerField(verbose_name=_("object id"))
    item = GenericForeignKey("content_type", "object_id")
    note = models.CharField(
        _("what was corrected"),
        max_length=NOTE_MAX_LENGTH,
        help_text=_("One sentence, shown on the public page: what was wrong and what it now says."),
    )
    corrected_at = models.DateTimeField(_("corrected on"), default=timezone.now)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("corrected by"),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-corrected_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="correction_item"),
            models.Index(fields=["corrected_at", "id"], name="correction_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_set"),
        ]

    def __str__(self):
        return f"{self.corrected_at:%d %b %Y}: {self.note}"

    @property
    def item_kind(self) -> str:
        """What the corrected item is ("report", "member state"), from the item loaded
        with it (CorrectionQuerySet.with_items), so without a query."""
        return str(type(self.item)._meta.verbose_name) if self.item is not None else ""


@functools.cache
def correctable_models() -> tuple:
    """The kinds of item that take public corrections: those with a ``corrections``
    relation (each has a public page and a ``published()`` query). The models are
    fixed once Django has started: read once per process."""
    from django.apps import apps

    return tuple(
        model
        for model in apps.get_models()
        if any(
            isinstance(field, GenericRelation) and field.related_model is Correction
            for field in model._meta.private_fields
        )
    )


def is_correctable(model) -> bool:
    return model in correctable_models()
