"""Generate a large, deterministic, clearly marked sample corpus for benchmarks.

    python manage.py generate_corpus --reports 100000

Every sample row is marked: slugs start with "sample-", symbols carry "SMP"
(A/SMP70/123), summaries open with "Sample data". Rows are written with COPY in one
transaction; the search-copy triggers are paused while symbols and documents load,
because the generator writes those copies onto each report row itself. The same
seed gives the same corpus. `--clear` removes a previous sample first.
"""

import datetime
import random
import sys
import time

import pgtrigger
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction

from core import copies, vocabulary
from core.search import SAMPLE_BUCKETS
from directory.models import MemberState, Organization, Topic
from operations.models import SAMPLE_SOURCE, Operation

SAMPLE_PREFIX = "sample-"
SAMPLE_CONTRIBUTIONS = f"{SAMPLE_SOURCE} (generate_corpus)"

MISSIONS = [
    "MINUSMA", "UNMISS", "MONUSCO", "UNIFIL", "MINUSCA", "UNAMID", "UNMIL", "UNOCI",
    "MINUSTAH", "UNFICYP", "UNDOF", "UNISFA", "MINURSO", "UNMIK", "UNTSO", "UNMOGIP",
    "AMISOM", "UNSOM", "UNAMA", "UNAMI", "UNSMIL", "BINUH", "UNITAMS", "UNOWAS",
]  # fmt: skip
PLACES = [
    "Bamako", "Juba", "Goma", "Bangui", "Naqoura", "Abyei", "Laayoune", "Pristina",
    "Nicosia", "Mogadishu", "Kabul", "Baghdad", "Tripoli", "Port-au-Prince", "Khartoum",
    "Monrovia", "Abidjan", "Gao", "Timbuktu", "Bunia", "Beni", "Malakal", "Bentiu", "Bria",
    "Kidal", "Mopti", "Kindu", "Uvira", "Bukavu", "Wau", "Yei", "Bor", "Kaga-Bandoro",
    "Dungu", "Kalemie", "Tessalit", "Menaka", "Ansongo", "Birao", "Ndele", "Obo", "Zemio",
]  # fmt: skip
SUBJECTS = [
    "the Security Council", "troop- and police-contributing countries", "the Secretariat",
    "the African Union", "regional organizations", "host governments", "mission leadership",
    "the General Assembly", "the Peacebuilding Commission", "civil society", "women's groups",
    "the Special Committee on Peacekeeping Operations", "member states", "field missions",
]  # fmt: skip
VERBS = [
    "should strengthen", "must prioritise", "needs to review", "is urged to support",
    "should invest in", "must clarify", "is encouraged to expand", "should reconsider",
    "must sustain", "should coordinate", "is asked to report on", "should assess",
]  # fmt: skip
OBJECTS = [
    "the protection of civilians", "rapid deployment capabilities", "political strategies",
    "exit strategies and transitions", "conflict prevention and mediation",
    "accountability for sexual exploitation and abuse", "gender-sensitive peacekeeping",
    "partnerships with regional organizations", "sequenced and prioritised mandates",
    "the safety and security of peacekeepers", "community engagement",
    "the rule of law and security institutions", "disarmament, demobilization and reintegration",
    "early warning and situational awareness", "the financing of peace operations",
    "training and capacity building", "the women, peace and security agenda",
    "human rights monitoring", "support to elections", "the use of force under the mandate",
]  # fmt: skip
CONTEXTS = [
    "in the field", "across the mission area", "during the transition", "in remote areas",
    "ahead of the mandate renewal", "in cooperation with national authorities",
    "within existing resources", "over the next budget period", "in volatile regions",
]  # fmt: skip
TITLE_FORMS = [
    "Report of the Secretary-General on {mission}",
    "{obj_title} in {place}: lessons from {mission}",
    "Strategic review of {mission}",
    "Independent assessment of {obj}",
    "Policy paper on {obj}",
    "Note on {obj} in {place}",
    "Implementing mandates on {obj}",
    "{mission} and {obj}: a review",
]  # fmt: skip
# Pseudo-words for rare terms: each appears in a few dozen reports of 100,000.
SYLLABLES = ["ka", "lo", "mi", "nu", "re", "sa", "to", "vi", "ze", "po", "dra", "ken"]
RARE_WORDS = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]

# A French title for one report in three (French searches: bench/search.py --lang fr),
# made from the same choices as the English one, so that the random sequence, and with
# it the rest of the corpus, stays what it was before French titles were added.
FRENCH_TITLE_FORMS = {
    "Report of the Secretary-General on {mission}": "Rapport du Secrétaire général : {mission}",
    "{obj_title} in {place}: lessons from {mission}": "{obj_title} à {place} : les leçons de "
    "{mission}",
    "Strategic review of {mission}": "Examen stratégique : {mission}",
    "Independent assessment of {obj}": "Évaluation indépendante : {obj}",
    "Policy paper on {obj}": "Note d'orientation : {obj}",
    "Note on {obj} in {place}": "Note : {obj} à {place}",
    "Implementing mandates on {obj}": "Exécuter les mandats : {obj}",
    "{mission} and {obj}: a review": "{mission} et {obj} : un examen",
}
FRENCH_OBJECTS = {
    "the protection of civilians": "la protection des civils",
    "rapid deployment capabilities": "les capacités de déploiement rapide",
    "political strategies": "les stratégies politiques",
    "exit strategies and transitions": "les stratégies de sortie et les transitions",
    "conflict prevention and mediation": "la prévention des conflits et la médiation",
    "accountability for sexual exploitation and abuse": "la responsabilité en matière "
    "d'exploitation et d'atteintes sexuelles",
    "gender-sensitive peacekeeping": "le maintien de la paix tenant compte des questions de genre",
    "partnerships with regional organizations": "les partenariats avec les organisations "
    "régionales",
    "sequenced and prioritised mandates": "des mandats échelonnés et hiérarchisés",
    "the safety and security of peacekeepers": "la sûreté et la sécurité du personnel de "
    "maintien de la paix",
    "community engagement": "le dialogue avec les populations",
    "the rule of law and security institutions": "l'état de droit et les institutions "
    "chargées de la sécurité",
    "disarmament, demobilization and reintegration": "le désarmement, la démobilisation et "
    "la réintégration",
    "early warning and situational awareness": "l'alerte rapide et la connaissance de la situation",
    "the financing of peace operations": "le financement des opérations de paix",
    "training and capacity building": "la formation et le renforcement des capacités",
    "the women, peace and security agenda": "le programme pour les femmes et la paix et la "
    "sécurité",
    "human rights monitoring": "la surveillance des droits humains",
    "support to elections": "l'appui aux élections",
    "the use of force under the mandate": "l'emploi de la force dans le cadre du mandat",
}


def french_title(form: str, mission: str, place: str, obj: str) -> str:
    french_obj = FRENCH_OBJECTS[obj]
    return FRENCH_TITLE_FORMS[form].format(
        mission=mission,
        place=place,
        obj=french_obj,
        obj_title=french_obj[0].upper() + french_obj[1:],
    )


KINDS = ["un_report", "panel_report", "policy_paper", "meeting_note", "resolution"]
EVENT_KINDS = ["panel", "briefing", "meeting", "workshop", "conference", "high_level_dialogue"]
ROLES = ["participant"] * 8 + ["speaker", "moderator"]
LEVELS = ["high_level", "official", "minister", "foreign_minister"]


def sentence(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    text = f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.6:
        text += f" {rng.choice(CONTEXTS)}"
    if rng.random() < 0.35:
        text += f", notably in {rng.choice(PLACES)}"
    if rng.random() < 0.3:
        text += f" where {rng.choice(MISSIONS)} operates"
    return text + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


class Progress:
    """A plain progress bar on stderr: no dependency, readable in CI logs."""

    def __init__(self, label: str, total: int, stream=sys.stderr):
        self.label, self.total, self.stream = label, max(total, 1), stream
        self.started = time.monotonic()
        self.last_shown = -1
        # Redraw each percent on a terminal; in a log, one line per 25 %.
        self.step = 1 if stream.isatty() else 25

    def done(self) -> None:
        """The phase's whole time, the server's share included."""
        elapsed = time.monotonic() - self.started
        self.stream.write(f"{self.label:<14} done in {elapsed:.1f}s\n")
        self.stream.flush()

    def show(self, done: int) -> None:
        percent = done * 100 // self.total
        if (percent == self.last_shown or percent % self.step) and done != self.total:
            return
        self.last_shown = percent
        bar = "#" * (percent // 4)
        elapsed = time.monotonic() - self.started
        end = "\n" if done >= self.total or self.step > 1 else ""
        counts = f"{done:>9,}/{self.total:,}"
        self.stream.write(
            f"\r{self.label:<14} [{bar:<25}] {percent:3d}% {counts} {elapsed:5.1f}s{end}"
        )
        self.stream.flush()


class Command(BaseCommand):
    help = "Generate a deterministic sample corpus (clearly marked) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reports", type=int, default=1000, help="How many reports (default 1000)."
        )
        parser.add_argument("--seed", type=int, default=2015, help="Random seed (default 2015).")
        parser.add_argument("--clear", action="store_true", help="Remove a previous sample first.")

    def handle(self, *args, reports, seed, clear, **options):
        if reports < 1 or reports > 2_000_000:
            raise CommandError("--reports must be between 1 and 2,000,000.")
        started = time.monotonic()
        call_command("load_demo", verbosity=0)
        with transaction.atomic():
            # Check foreign keys per statement, not at commit: ALTER TABLE (pausing the
            # search-copy triggers) refuses a table with deferred checks pending.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if clear:
                with pgtrigger.ignore():
                    self.clear()
            elif Organization.objects.filter(slug__startswith=SAMPLE_PREFIX).exists():
                raise CommandError("A sample corpus is already loaded; add --clear to replace it.")
            # Benchmark rows are not editorial work: no history is recorded for them.
            # The switch is local to this transaction, so it covers the COPYs too.
            with pgtrigger.ignore(), connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                # Deterministic sample text, not security: a seeded PRNG is what we want.
                self.generate(reports, random.Random(seed))  # noqa: S311
        phase = time.monotonic()
        with connection.cursor() as cursor:
            # Visibility map and statistics now, rather than autovacuum mid-benchmark.
            # Inside a caller's transaction (tests) VACUUM cannot run: statistics only.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stderr.write(f"{'vacuum':<14} {time.monotonic() - phase:.1f}s")
        phase = time.monotonic()
        vocabulary.refresh()  # the corpus's words, for "Did you mean …?"
        self.stderr.write(f"{'vocabulary':<14} {time.monotonic() - phase:.1f}s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample corpus of {reports:,} reports loaded in {time.monotonic() - started:.1f}s."
            )
        )

    def clear(self):
        sample_reports = "SELECT id FROM reports_report WHERE slug LIKE 'sample-%%'"
        sample_events = "SELECT id FROM events_event WHERE slug LIKE 'sample-%%'"
        statements = [
            f"DELETE FROM events_participation WHERE event_id IN ({sample_events})",
            f"DELETE FROM events_event_topics WHERE event_id IN ({sample_events})",
            *(
                f"DELETE FROM {table} WHERE report_id IN ({sample_reports})"
                for table in [
                    "reports_report_events",
                    "reports_report_topics",
                    "reports_report_member_states",
                    "reports_report_authors",
                    "reports_reportdocument",
                    "reports_documentsymbol",
                ]
            ),
            "DELETE FROM reports_report WHERE slug LIKE 'sample-%%'",
            "DELETE FROM events_event WHERE slug LIKE 'sample-%%'",
            "DELETE FROM directory_organization WHERE slug LIKE 'sample-%%'",
            f"DELETE FROM operations_contribution WHERE source = '{SAMPLE_CONTRIBUTIONS}'",
        ]
        with connection.cursor() as cursor:
            self.copy_triggers(cursor, enabled=False)
            for statement in statements:
                cursor.execute(statement)
            self.copy_triggers(cursor, enabled=True)

    # The sample's uniformed contributions: five years of monthly figures, for every
    # operation, from up to CONTRIBUTORS member states each (one per REPORTS_PER_
    # CONTRIBUTOR reports: 25 at 100,000, one for a test's few), of three types.
    CONTRIBUTION_MONTHS = [datetime.date(2021 + m // 12, m % 12 + 1, 1) for m in range(60)]
    CONTRIBUTORS, REPORTS_PER_CONTRIBUTOR = 25, 4000
    # Each type's share of a contingent's size.
    CONTRIBUTION_TYPES = {"troops": 1, "staff_officers": 0.04, "individual_police": 0.08}

    def generate_contributions(self, raw, rng: random.Random, now, states, count) -> None:
        """Marked by their source (operations.models.SAMPLE_SOURCE), which the pages
        show as "Sample figures"; the figures drift month by month, as deployments do."""
        operations = list(Operation.objects.order_by("pk").values_list("pk", flat=True))
        contributors = min(self.CONTRIBUTORS, max(1, count // self.REPORTS_PER_CONTRIBUTOR))
        total = len(operations) * contributors * len(self.CONTRIBUTION_MONTHS)
        progress = Progress("contributions", total)
        done = 0
        with raw.copy(
            "COPY operations_contribution (created_at, updated_at, operation_id,"
            " member_state_id, month, personnel_type, women, men, total, source) FROM STDIN"
        ) as copy:
            for operation in operations:
                for state in rng.sample(states, contributors):
                    size = rng.choice([40, 150, 400, 850, 1400])
                    for month in self.CONTRIBUTION_MONTHS:
                        size = max(5, size + rng.randint(-size // 20, size // 20))
                        for kind, share in self.CONTRIBUTION_TYPES.items():
                            people = max(1, int(size * share))
                            women = people * rng.randint(2, 18) // 100
                            copy.write_row(
                                (now, now, operation, state, month, kind, women,
                                 people - women, people, SAMPLE_CONTRIBUTIONS)
                            )  # fmt: skip
                        done += 1
                    progress.show(done)
        progress.done()

    # The triggers that copy a report's or an event's links onto its row
    # (core/copies.py): paused while sample rows load or go, which set the copies in
    # bulk. pgtrigger.ignore() would skip their work too, but each row would still call
    # them.
    @staticmethod
    def copy_triggers(cursor, *, enabled: bool):
        action = "ENABLE" if enabled else "DISABLE"
        for table, trigger in copies.copy_triggers():
            cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {trigger}")

    # The table that takes the most data: its secondary indexes are dropped before the
    # COPYs and built again after them, in the same transaction, as PostgreSQL's
    # documentation advises for a bulk load: into a fresh database, 100,000 reports
    # took 31 s to copy with their fifteen indexes and 22 s without them, and the
    # indexes 4 s to build (the whole load: 84.6 -> 79.7 s, 2026-11-29).
    # Primary keys and unique indexes stay: they check the rows as they arrive. Not the
    # events' tables: the pass that writes the events' facet keys looks participations
    # up by event through their index (without it, the load took 380 s).
    BULK_TABLES = ("reports_report",)

    @classmethod
    def drop_secondary_indexes(cls, cursor) -> list[str]:
        """Drop the BULK_TABLES' secondary indexes; the statements that build them again."""
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = current_schema() AND tablename = ANY(%s)"
            " AND indexdef NOT LIKE 'CREATE UNIQUE %%'",
            [list(cls.BULK_TABLES)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        return [definition for _name, definition in indexes]

    @staticmethod
    def analyze(cursor, table: str) -> None:
        """Statistics for a table just filled: the pass over the events' keys and the
        benchmarks plan with them."""
        cursor.execute(f"ANALYZE {table}")

    @staticmethod
    def skip_row_checks(cursor) -> bool:
        """Rows copied from here on fire no row trigger: neither the foreign-key checks
        (every id below is the generator's own, consistent by construction) nor the
        history triggers (ignored anyway, but each still called per row). Checked one
        by one at the end of each COPY, the participations of 100,000 events took 7
        minutes (a sequential scan and a row lock per check; a million reports,
        2026-12-05). Needs a superuser (the embedded server's user is one); with
        another role the rows are checked as they arrive. Local to the transaction."""
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            return False
        return True

    def generate(self, count: int, rng: random.Random):
        now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        topics = list(Topic.objects.published().values_list("id", flat=True))
        states = list(MemberState.objects.values_list("id", flat=True))
        organization_names = {}
        organizations = [
            Organization.objects.create(
                slug=f"{SAMPLE_PREFIX}organization-{n}",
                name=f"Sample institute {n}",
                kind="think_tank",
                status="published",
                publish_at=now,
                description="Sample data for benchmarks.",
            ).id
            for n in range(20)
        ]
        for organization in Organization.objects.filter(pk__in=organizations):
            organization_names[organization.pk] = organization.name
        raw = connection.cursor().cursor  # the psycopg cursor, for COPY
        # The rows below carry their search copies and facet keys, or get them in one
        # pass (events); the triggers would only redo that work a row at a time.
        with connection.cursor() as cursor:
            self.copy_triggers(cursor, enabled=False)
            rebuild = self.drop_secondary_indexes(cursor)
            unchecked = self.skip_row_checks(cursor)

        def next_id(table):
            raw.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
            return raw.fetchone()[0]

        event_count = max(1, count // 10)
        first_event = next_id("events_event")
        progress = Progress("events", event_count)
        event_dates = {}
        with raw.copy(
            "COPY events_event (id, created_at, updated_at, status, publish_at, slug, title, kind,"
            " starts_on, venue, city, country_id, summary, body, chatham_house_rule, source_url)"
            " FROM STDIN"
        ) as copy:
            for n in range(event_count):
                event_id = first_event + n
                day = datetime.date(1995, 1, 1) + datetime.timedelta(days=rng.randrange(11_700))
                event_dates[event_id] = day
                place = rng.choice(PLACES)
                copy.write_row(
                    (
                        event_id, now, now, "published", now, f"{SAMPLE_PREFIX}event-{n}",
                        f"{rng.choice(['Briefing', 'Dialogue', 'Workshop', 'Panel'])} on "
                        f"{rng.choice(OBJECTS)} ({place})",
                        rng.choice(EVENT_KINDS), day, "Sample venue", place, rng.choice(states),
                        "Sample data. " + paragraph(rng, 2), paragraph(rng, 4),
                        rng.random() < 0.3, "",
                    )
                )  # fmt: skip
                progress.show(n + 1)
        self.analyze(raw, "events_event")  # as for reports below: the checks of its keys
        progress = Progress("participations", event_count)
        with raw.copy(
            "COPY events_participation (created_at, updated_at, event_id, member_state_id, role,"
            ' level, title, "order") FROM STDIN'
        ) as copy:
            for n in range(event_count):
                for order, state in enumerate(rng.sample(states, rng.randint(3, 25))):
                    role, level = rng.choice(ROLES), rng.choice(LEVELS)
                    copy.write_row((now, now, first_event + n, state, role, level, "", order))
                progress.show(n + 1)
        progress.done()  # the copy ends once the server has checked every row's keys
        with raw.copy("COPY events_event_topics (event_id, topic_id) FROM STDIN") as copy:
            for n in range(event_count):
                for topic in rng.sample(topics, rng.randint(1, 3)):
                    copy.write_row((first_event + n, topic))
        # What the facet-key triggers (core/copies.py) would write, in one pass.
        raw.execute(
            "UPDATE events_event SET facet_keys = events_facet_keys_of(id) WHERE id >= %s",
            [first_event],
        )

        self.stderr.write(f"{'event keys':<14} {time.monotonic() - progress.started:.1f}s")
        first_report = next_id("reports_report")
        first_symbol = next_id("reports_documentsymbol")
        first_document = next_id("reports_reportdocument")
        progress = Progress("reports", count)
        symbols, documents, links = [], [], []
        with raw.copy(
            "COPY reports_report (id, created_at, updated_at, status, publish_at, slug, title,"
            " subtitle, kind, published_on, summary, body, source_url, search_symbols,"
            " search_documents, search_names, facet_keys, title_fr) FROM STDIN"
        ) as copy:
            for n in range(count):
                report_id = first_report + n
                mission, place, obj = rng.choice(MISSIONS), rng.choice(PLACES), rng.choice(OBJECTS)
                form = rng.choice(TITLE_FORMS)
                title = form.format(
                    mission=mission, place=place, obj=obj, obj_title=obj[0].upper() + obj[1:]
                )
                title_fr = french_title(form, mission, place, obj) if n % 3 == 0 else ""
                day = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(13_000))
                session = 45 + (day.year - 1990)
                report_symbols = [f"A/SMP{session}/{n}"]
                if rng.random() < 0.4:
                    report_symbols.append(f"S/SMP{day.year}/{n}")
                document_text = paragraph(rng, rng.randint(6, 12))
                if rng.random() < 0.5:
                    document_text += f" Operation {rng.choice(RARE_WORDS).capitalize()} is noted."
                report_topics = rng.sample(topics, rng.randint(1, 3))
                report_states = rng.sample(states, rng.randint(0, 3))
                author = rng.choice(organizations)
                event = first_event + rng.randrange(event_count) if rng.random() < 0.2 else None
                # What the copy triggers (core/copies.py) would write.
                facet_keys = sorted(
                    [f"topic:{topic}" for topic in report_topics]
                    + [f"member_state:{state}" for state in report_states]
                    + [f"organization:{author}", "language:en"]
                    + [f"sample:{report_id % SAMPLE_BUCKETS}"]
                )
                copy.write_row(
                    (
                        report_id, now, now, "published", now, f"{SAMPLE_PREFIX}report-{n}", title,
                        "",
                        rng.choice(KINDS), day, "Sample data. " + paragraph(rng, 2),
                        paragraph(rng, rng.randint(4, 8)), "", " ".join(report_symbols),
                        document_text, organization_names[author], facet_keys, title_fr,
                    )
                )  # fmt: skip
                symbols += [
                    (report_id, symbol, order) for order, symbol in enumerate(report_symbols)
                ]
                documents.append((report_id, document_text))
                links.append((report_id, report_topics, report_states, author, event))
                progress.show(n + 1)

        progress.done()
        self.analyze(raw, "reports_report")
        progress = Progress("links", len(links))
        with raw.copy(
            'COPY reports_documentsymbol (id, report_id, symbol, "order") FROM STDIN'
        ) as copy:
            for offset, (report_id, symbol, order) in enumerate(symbols):
                copy.write_row((first_symbol + offset, report_id, symbol, order))
        with raw.copy(
            "COPY reports_reportdocument (id, created_at, updated_at, report_id, language, file,"
            " source_url, size_bytes, extracted_text) FROM STDIN"
        ) as copy:
            for offset, (report_id, text) in enumerate(documents):
                copy.write_row(
                    (first_document + offset, now, now, report_id, "en", "",
                     f"https://example.org/sample/{report_id}.pdf", None, text)
                )  # fmt: skip
        with raw.copy("COPY reports_report_topics (report_id, topic_id) FROM STDIN") as copy:
            for report_id, report_topics, _, _, _ in links:
                for topic in report_topics:
                    copy.write_row((report_id, topic))
        with raw.copy(
            "COPY reports_report_member_states (report_id, memberstate_id) FROM STDIN"
        ) as copy:
            for report_id, _, report_states, _, _ in links:
                for state in report_states:
                    copy.write_row((report_id, state))
        with raw.copy(
            "COPY reports_report_authors (report_id, organization_id) FROM STDIN"
        ) as copy:
            for report_id, _, _, organization, _ in links:
                copy.write_row((report_id, organization))
        with raw.copy("COPY reports_report_events (report_id, event_id) FROM STDIN") as copy:
            for n, (report_id, _, _, _, event) in enumerate(links):
                if event:
                    copy.write_row((report_id, event))
                progress.show(n + 1)
        progress.done()
        self.generate_contributions(raw, rng, now, states, count)
        with connection.cursor() as cursor:
            if unchecked:
                cursor.execute("SET LOCAL session_replication_role = origin")
            self.copy_triggers(cursor, enabled=True)
            # Memory for building the indexes again: a text index built within the
            # default 64 MB spills to disk in runs and merges them (local to this
            # transaction; the server's own setting is untouched).
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            started = time.monotonic()
            for statement in rebuild:
                cursor.execute(statement)
            self.stderr.write(
                f"{'indexes':<14} {len(rebuild)} built again in {time.monotonic() - started:.1f}s"
            )
            for table in [
                "events_event", "events_participation", "events_event_topics", "reports_report",
                "reports_documentsymbol", "reports_reportdocument", "reports_report_topics",
                "reports_report_member_states", "reports_report_authors", "reports_report_events",
            ]:  # fmt: skip
                # Explicit ids were copied in; move each sequence past them.
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
