"""Load the demo content (see peaceplatform/demo_content.py).

Idempotent: a second run finds every row as it should be and writes nothing, so
timestamps stay put too. Everything happens in one transaction.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction

from core import vocabulary
from core.publishing.status import Status
from core.translations import column
from directory.member_states import upsert_member_states
from directory.models import (
    Correction,
    MemberState,
    Organization,
    Page,
    Person,
    Position,
    Topic,
)
from directory.pages import DEFAULT_PAGES, default_page
from events.models import Event, EventSeries, Participation
from operations.known import upsert_operations
from operations.models import Mandate, Operation
from peaceplatform import demo_content as content
from peaceplatform import demo_translations as french
from reports.models import (
    DocumentSymbol,
    LinkKind,
    Recommendation,
    RecommendationLink,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportRelation,
)

# The demo's fixed "public from" time (the day the knowledge platform was launched),
# so that loading the demo again changes nothing.
DEMO_PUBLIC_FROM = datetime.datetime(2015, 9, 29, 12, tzinfo=datetime.UTC)


def in_french(values: dict) -> dict:
    """{"title": …} as the French columns' values: {"title_fr": …}."""
    return {column(field, "fr"): text for field, text in values.items()}


def pair_in_french(fields: tuple, values: tuple) -> dict:
    return in_french(dict(zip(fields, values, strict=True)))


class Loader:
    def __init__(self):
        self.created = 0
        # Member states ship with the migrations; put back any that were deleted.
        self.changed = upsert_member_states(MemberState)
        # So do the peace operations (operations/known.py).
        self.changed += upsert_operations(Operation, MemberState)
        self.states = {state.iso3: state for state in MemberState.objects.all()}

    def upsert(self, model, lookup: dict, values: dict):
        """get_or_create that saves only when a value differs."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.created += 1
            return model.objects.create(**lookup, **values)
        dirty = [field for field, value in values.items() if getattr(obj, field) != value]
        if dirty:
            for field in dirty:
                setattr(obj, field, values[field])
            obj.save()
            self.changed += 1
        return obj

    def set_m2m(self, manager, objects):
        if set(manager.all()) != set(objects):
            manager.set(objects)
            self.changed += 1

    def prune(self, queryset):
        """Delete rows the content no longer lists (so the demo converges)."""
        deleted, _ = queryset.delete()
        self.changed += deleted

    def load(self):
        organizations = {}
        for slug, name, acronym, kind, parent, website, description in content.ORGANIZATIONS:
            organizations[slug] = self.upsert(
                Organization,
                {"slug": slug},
                {
                    "name": name,
                    "acronym": acronym,
                    "also_known_as": content.ORGANIZATION_OTHER_NAMES.get(slug, ""),
                    "kind": kind,
                    "parent": organizations[parent] if parent else None,
                    "website": website,
                    "description": description,
                    **pair_in_french(("name", "description"), french.ORGANIZATIONS[slug]),
                    "status": Status.PUBLISHED,
                    "publish_at": DEMO_PUBLIC_FROM,
                },
            )

        topics = {}
        for slug, name, parent, description in content.TOPICS:
            topics[slug] = self.upsert(
                Topic,
                {"slug": slug},
                {
                    "name": name,
                    "parent": topics[parent] if parent else None,
                    "description": description,
                    **pair_in_french(("name", "description"), french.TOPICS[slug]),
                    "status": Status.PUBLISHED,
                    "publish_at": DEMO_PUBLIC_FROM,
                },
            )

        for acronym, symbol, adopted_on, change, tasks, note in content.MANDATES:
            mandate = self.upsert(
                Mandate,
                {"operation": Operation.objects.get(acronym=acronym), "symbol": symbol},
                {"adopted_on": adopted_on, "change": change, "note": note},
            )
            self.set_m2m(mandate.tasks, [topics[slug] for slug in tasks])

        people = {}
        for slug, name, sort_name, honorific, biography, positions in content.PEOPLE:
            person = people[slug] = self.upsert(
                Person,
                {"slug": slug},
                {
                    "name": name,
                    "sort_name": sort_name,
                    "honorific": honorific,
                    "biography": biography,
                    "status": Status.PUBLISHED,
                    "publish_at": DEMO_PUBLIC_FROM,
                },
            )
            for title, organization, iso3, started, ended in positions:
                self.upsert(
                    Position,
                    {"person": person, "title": title},
                    {
                        "organization": organizations.get(organization),
                        "member_state": self.states.get(iso3),
                        "started_on": started,
                        "ended_on": ended,
                        "title_fr": french.TITLES[title],
                    },
                )

        series = self.upsert(
            EventSeries,
            {"slug": content.SERIES["slug"]},
            {
                "name": content.SERIES["name"],
                "organizer": organizations[content.SERIES["organizer"]],
                "description": content.SERIES["description"],
                "status": Status.PUBLISHED,
                "publish_at": DEMO_PUBLIC_FROM,
            },
        )

        events = {}
        for spec in content.EVENTS:
            event = events[spec["slug"]] = self.upsert(
                Event,
                {"slug": spec["slug"]},
                {
                    "title": spec["title"],
                    "also_known_as": spec.get("also_known_as", ""),
                    "kind": spec["kind"],
                    "series": series if spec.get("series") else None,
                    "edition": spec.get("edition"),
                    "starts_on": spec["starts_on"],
                    "ends_on": None,
                    "venue": spec["venue"],
                    "city": spec["city"],
                    "country": self.states[spec["country"]],
                    "summary": spec["summary"],
                    "body": spec["body"],
                    "chatham_house_rule": spec["chatham_house_rule"],
                    **in_french(french.EVENTS[spec["slug"]]),
                    "status": Status.PUBLISHED,
                    "publish_at": DEMO_PUBLIC_FROM,
                },
            )
            self.set_m2m(event.topics, [topics[slug] for slug in spec["topics"]])
            for order, participation in enumerate(spec["participations"], start=1):
                self.upsert(
                    Participation,
                    {"event": event, "order": order},
                    {
                        "person": people.get(participation.get("person")),
                        "member_state": self.states.get(participation.get("member_state")),
                        "organization": organizations.get(participation.get("organization")),
                        "role": participation["role"],
                        "level": participation.get("level", ""),
                        "title": participation.get("title", ""),
                        "title_fr": french.TITLES.get(participation.get("title", ""), ""),
                    },
                )
            self.prune(event.participations.filter(order__gt=len(spec["participations"])))

        reports = {}
        for spec in content.REPORTS:
            report = reports[spec["slug"]] = self.upsert(
                Report,
                {"slug": spec["slug"]},
                {
                    "title": spec["title"],
                    "subtitle": spec["subtitle"],
                    "also_known_as": spec.get("also_known_as", ""),
                    "kind": spec["kind"],
                    "published_on": spec["published_on"],
                    "summary": spec["summary"],
                    "body": spec["body"],
                    **in_french(french.REPORTS[spec["slug"]]),
                    "status": Status.PUBLISHED,
                    "publish_at": DEMO_PUBLIC_FROM,
                },
            )
            for order, symbol in enumerate(spec["symbols"]):
                self.upsert(DocumentSymbol, {"symbol": symbol}, {"report": report, "order": order})
            self.prune(report.symbols.exclude(symbol__in=spec["symbols"]))
            for language, url in spec["documents"]:
                self.upsert(
                    ReportDocument,
                    {"report": report, "language": language},
                    {"source_url": url},
                )
            self.set_m2m(report.authors, [organizations[slug] for slug in spec["authors"]])
            self.set_m2m(report.topics, [topics[slug] for slug in spec["topics"]])
            self.set_m2m(report.events, [events[slug] for slug in spec["events"]])
            self.set_m2m(
                report.member_states,
                [self.states[iso3] for iso3 in spec.get("member_states", [])],
            )

        for source, kind, target, note in content.RELATIONS:
            self.upsert(
                ReportRelation,
                {"source": reports[source], "target": reports[target], "kind": kind},
                {"note": note},
            )

        items = self.load_recommendations(reports, topics, organizations, events)
        self.load_corrections(reports, events, items)
        self.load_pages()

    def load_recommendations(self, reports, topics, organizations, events):
        dialogue = events[content.DIALOGUE_SLUG]
        items = {}
        for report_slug, specs in (
            (content.HIPPO_SLUG, content.RECOMMENDATIONS),
            (content.SG_REPORT_SLUG, content.SG_RESPONSES),
        ):
            report = reports[report_slug]
            for order, spec in enumerate(specs, start=1):
                recommendation = items[report_slug, spec["label"]] = self.upsert(
                    Recommendation,
                    {"report": report, "label": spec["label"]},
                    {
                        "order": order,
                        "title": spec["title"],
                        "text": spec["text"],
                        **pair_in_french(("title", "text"), french.RECOMMENDATIONS[spec["label"]]),
                    },
                )
                self.set_m2m(recommendation.topics, [topics[slug] for slug in spec["topics"]])
                self.set_m2m(
                    recommendation.responsible_organizations,
                    [organizations[slug] for slug in spec["responsible"]],
                )
                # The 2015 dialogue is where both reports' recommendations were discussed.
                self.set_m2m(recommendation.events, [dialogue])

        for spec in content.SG_RESPONSES:
            for label in spec["responds_to"]:
                self.upsert(
                    RecommendationLink,
                    {
                        "source": items[content.SG_REPORT_SLUG, spec["label"]],
                        "target": items[content.HIPPO_SLUG, label],
                        "kind": LinkKind.RESPONDS_TO,
                    },
                    {},
                )

        for label, status, dated, summary, source, link in content.RECOMMENDATION_UPDATES:
            self.upsert(
                RecommendationUpdate,
                {"recommendation": items[content.HIPPO_SLUG, label], "dated": dated},
                {
                    "source_report": reports[source] if source else None,
                    "source_url": link,
                    "implementation_status": status,
                    "summary": summary,
                    "summary_fr": french.UPDATES[summary],
                    "status": Status.PUBLISHED,
                    "publish_at": DEMO_PUBLIC_FROM,
                },
            )
        return items

    def load_pages(self):
        """The site's own pages as shipped, where a database lacks them; a page curators
        have written is theirs, and stays as they left it."""
        for address in DEFAULT_PAGES:
            _page, created = Page.objects.get_or_create(
                slug=address,
                defaults={
                    **default_page(address),
                    "status": Status.PUBLISHED,
                    "publish_at": DEMO_PUBLIC_FROM,
                },
            )
            self.created += created

    def load_corrections(self, reports, events, recommendations):
        corrected = {
            "report": reports.__getitem__,
            "event": events.__getitem__,
            "member_state": self.states.__getitem__,
            "recommendation": recommendations.__getitem__,
        }
        for kind, key, note in content.CORRECTIONS:
            item = corrected[kind](key)
            self.upsert(
                Correction,
                {
                    "content_type": ContentType.objects.get_for_model(item),
                    "object_id": item.pk,
                    "corrected_at": content.CORRECTED_ON,
                },
                {"note": note},
            )


class Command(BaseCommand):
    help = "Load the demo content described by the seed article. Safe to run again."

    def handle(self, *args, **options):
        loader = Loader()
        with transaction.atomic():
            loader.load()
        vocabulary.refresh()  # "Did you mean …?" reads the catalogue's words
        if loader.created or loader.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content loaded: {loader.created} created, {loader.changed} changed."
                )
            )
        else:
            self.stdout.write("Demo content already up to date: nothing changed.")
