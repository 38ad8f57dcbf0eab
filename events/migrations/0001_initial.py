"""Events, their series and participants, with their history.

The platform was not deployed when its migrations were squashed into this one
(2026-12-05): a database made by the earlier set must be made again (`make clean`).
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

from core.publishing.history import many_to_many_triggers
from core.storage import keep_in_row

FACET_KEYS = """
-- A row written without its keys (COPY, a raw INSERT) starts with none; the
-- triggers add them as its links arrive.
ALTER TABLE events_event ALTER COLUMN facet_keys SET DEFAULT '{}';

CREATE FUNCTION events_facet_keys_of(target bigint) RETURNS varchar(40)[] AS $$
    SELECT COALESCE(array_agg(k ORDER BY k), '{}') FROM (
        SELECT 'topic:' || topic_id AS k FROM events_event_topics WHERE event_id = target
        UNION
        SELECT 'member_state:' || member_state_id FROM events_participation
            WHERE event_id = target AND member_state_id IS NOT NULL
        UNION
        SELECT 'organization:' || organization_id FROM events_participation
            WHERE event_id = target AND organization_id IS NOT NULL
    ) keys;
$$ LANGUAGE sql STABLE;

CREATE FUNCTION events_refresh_facet_keys(target bigint) RETURNS void AS $$
    UPDATE events_event SET facet_keys = fresh.keys
    FROM (SELECT events_facet_keys_of(target) AS keys) fresh
    WHERE id = target AND facet_keys IS DISTINCT FROM fresh.keys;
$$ LANGUAGE sql;
"""

DROP_FACET_KEYS = """
DROP FUNCTION events_refresh_facet_keys(bigint);
DROP FUNCTION events_facet_keys_of(bigint);
ALTER TABLE events_event ALTER COLUMN facet_keys DROP DEFAULT;
"""


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("directory", "0001_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Event",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        db_index=True,
                        default="draft",
                        max_length=16,
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When published content becomes public; a future time schedules it.",
                        null=True,
                        verbose_name="public from",
                    ),
                ),
                ("status_changed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("slug", models.SlugField(max_length=160, unique=True)),
                ("title", models.CharField(max_length=300)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("high_level_dialogue", "High-level dialogue"),
                            ("working_dinner", "Working dinner"),
                            ("summit", "Summit"),
                            ("conference", "Conference"),
                            ("panel", "Panel discussion"),
                            ("briefing", "Briefing"),
                            ("meeting", "Meeting"),
                            ("workshop", "Workshop"),
                        ],
                        db_index=True,
                        max_length=32,
                    ),
                ),
                (
                    "edition",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Which edition of the series: 3 for the 3rd year.",
                        null=True,
                    ),
                ),
                ("starts_on", models.DateField(db_index=True)),
                (
                    "ends_on",
                    models.DateField(blank=True, help_text="Leave empty for one day.", null=True),
                ),
                ("venue", models.CharField(blank=True, max_length=200)),
                ("city", models.CharField(blank=True, max_length=100)),
                ("summary", models.TextField(blank=True, max_length=10000)),
                ("body", models.TextField(blank=True, max_length=100000)),
                (
                    "chatham_house_rule",
                    models.BooleanField(
                        default=False,
                        help_text="Who took part is shown; no statement is attributed to anyone.",
                        verbose_name="held under the Chatham House rule",
                    ),
                ),
                ("source_url", models.URLField(blank=True)),
                (
                    "facet_keys",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=40),
                        default=list,
                        editable=False,
                        size=None,
                    ),
                ),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.CombinedSearchVector(
                                    django.contrib.postgres.search.SearchVector(
                                        "title", config="english_unaccent", weight="A"
                                    ),
                                    "||",
                                    django.contrib.postgres.search.SearchVector(
                                        "summary", config="english_unaccent", weight="B"
                                    ),
                                    django.contrib.postgres.search.SearchConfig("english_unaccent"),
                                ),
                                "||",
                                django.contrib.postgres.search.SearchVector(
                                    "body", config="english_unaccent", weight="C"
                                ),
                                django.contrib.postgres.search.SearchConfig("english_unaccent"),
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "venue", "city", config="english_unaccent", weight="D"
                            ),
                            django.contrib.postgres.search.SearchConfig("english_unaccent"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
                (
                    "country",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events_held",
                        to="directory.memberstate",
                    ),
                ),
                (
                    "status_changed_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "topics",
                    models.ManyToManyField(blank=True, related_name="events", to="directory.topic"),
                ),
            ],
            options={
                "ordering": ["-starts_on", "title"],
                "permissions": [
                    ("publish_event", "Can publish, schedule, unpublish and archive event")
                ],
            },
        ),
        # The search vector stays in the row, not in TOAST (core/storage.py).
        *keep_in_row("events_event", "search_vector"),
        migrations.CreateModel(
            name="EventSeries",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        db_index=True,
                        default="draft",
                        max_length=16,
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When published content becomes public; a future time schedules it.",
                        null=True,
                        verbose_name="public from",
                    ),
                ),
                ("status_changed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("slug", models.SlugField(max_length=160, unique=True)),
                ("name", models.CharField(max_length=200, unique=True)),
                ("description", models.TextField(blank=True, max_length=10000)),
                (
                    "organizer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="series",
                        to="directory.organization",
                    ),
                ),
                (
                    "status_changed_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "event series",
                "ordering": ["name"],
                "permissions": [
                    (
                        "publish_eventseries",
                        "Can publish, schedule, unpublish and archive eventseries",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="EventEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        default="draft",
                        max_length=16,
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When published content becomes public; a future time schedules it.",
                        null=True,
                        verbose_name="public from",
                    ),
                ),
                ("status_changed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("slug", models.SlugField(db_index=False, max_length=160)),
                ("title", models.CharField(max_length=300)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("high_level_dialogue", "High-level dialogue"),
                            ("working_dinner", "Working dinner"),
                            ("summit", "Summit"),
                            ("conference", "Conference"),
                            ("panel", "Panel discussion"),
                            ("briefing", "Briefing"),
                            ("meeting", "Meeting"),
                            ("workshop", "Workshop"),
                        ],
                        max_length=32,
                    ),
                ),
                (
                    "edition",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Which edition of the series: 3 for the 3rd year.",
                        null=True,
                    ),
                ),
                ("starts_on", models.DateField()),
                (
                    "ends_on",
                    models.DateField(blank=True, help_text="Leave empty for one day.", null=True),
                ),
                ("venue", models.CharField(blank=True, max_length=200)),
                ("city", models.CharField(blank=True, max_length=100)),
                ("summary", models.TextField(blank=True, max_length=10000)),
                ("body", models.TextField(blank=True, max_length=100000)),
                (
                    "chatham_house_rule",
                    models.BooleanField(
                        default=False,
                        help_text="Who took part is shown; no statement is attributed to anyone.",
                        verbose_name="held under the Chatham House rule",
                    ),
                ),
                ("source_url", models.URLField(blank=True)),
                (
                    "country",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="directory.memberstate",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="history",
                        to="events.event",
                    ),
                ),
                (
                    "status_changed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "series",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="events.eventseries",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="event",
            name="series",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="events.eventseries",
            ),
        ),
        migrations.CreateModel(
            name="EventSeriesEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        default="draft",
                        max_length=16,
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        help_text="When published content becomes public; a future time schedules it.",
                        null=True,
                        verbose_name="public from",
                    ),
                ),
                ("status_changed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("slug", models.SlugField(db_index=False, max_length=160)),
                ("name", models.CharField(max_length=200)),
                ("description", models.TextField(blank=True, max_length=10000)),
                (
                    "organizer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="directory.organization",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="history",
                        to="events.eventseries",
                    ),
                ),
                (
                    "status_changed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="EventTopicsEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "event",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="events.event",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="history",
                        to="events.event_topics",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="directory.topic",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Participation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("host", "Host"),
                            ("co_host", "Co-host"),
                            ("speaker", "Speaker"),
                            ("moderator", "Moderator"),
                            ("participant", "Participant"),
                        ],
                        default="participant",
                        max_length=16,
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("head_of_state", "Head of state or government"),
                            ("foreign_minister", "Minister for foreign affairs"),
                            ("minister", "Minister"),
                            ("high_level", "High-level representative"),
                            ("un_senior", "Senior UN official"),
                            ("head_of_organization", "Head of organization"),
                            ("official", "Official"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        help_text="As stated at the event: “Minister for Foreign Affairs”.",
                        max_length=200,
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="events.event",
                    ),
                ),
                (
                    "member_state",
                    models.ForeignKey(
                        blank=True,
                        help_text="The state represented.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="directory.memberstate",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        help_text="The organization represented.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="directory.organization",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="directory.person",
                    ),
                ),
            ],
            options={
                "ordering": ["event", "order", "id"],
            },
        ),
        migrations.CreateModel(
            name="ParticipationEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("host", "Host"),
                            ("co_host", "Co-host"),
                            ("speaker", "Speaker"),
                            ("moderator", "Moderator"),
                            ("participant", "Participant"),
                        ],
                        default="participant",
                        max_length=16,
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("head_of_state", "Head of state or government"),
                            ("foreign_minister", "Minister for foreign affairs"),
                            ("minister", "Minister"),
                            ("high_level", "High-level representative"),
                            ("un_senior", "Senior UN official"),
                            ("head_of_organization", "Head of organization"),
                            ("official", "Official"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        help_text="As stated at the event: “Minister for Foreign Affairs”.",
                        max_length=200,
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "event",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="events.event",
                    ),
                ),
                (
                    "member_state",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The state represented.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="directory.memberstate",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The organization represented.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="directory.organization",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="directory.person",
                    ),
                ),
                (
                    "pgh_context",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="pghistory.context",
                    ),
                ),
                (
                    "pgh_obj",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="history",
                        to="events.participation",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddIndex(
            model_name="eventseries",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at"],
                name="eventseries_public_from",
            ),
        ),
        migrations.AddIndex(
            model_name="eventseries",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["updated_at", "id"],
                include=("publish_at",),
                name="eventseries_changes",
            ),
        ),
        migrations.AddConstraint(
            model_name="eventseries",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="events_eventseries_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="eventseries",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("publish_at__isnull", False),
                    _connector="OR",
                ),
                name="events_eventseries_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="eventseries",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True), name="events_eventseries_slug_set"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventseries",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "events_eventseriesevent" ("created_at", "description", "id", "name", "organizer_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (NEW."created_at", NEW."description", NEW."id", NEW."name", NEW."organizer_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="19dbc728cec109c5eacb911c496b786614d9d359",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_21962",
                    table="events_eventseries",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventseries",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "events_eventseriesevent" ("created_at", "description", "id", "name", "organizer_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (NEW."created_at", NEW."description", NEW."id", NEW."name", NEW."organizer_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="4f3bc13ff31006624f42809914b599cfaced166b",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_cc87c",
                    table="events_eventseries",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventseries",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "events_eventseriesevent" ("created_at", "description", "id", "name", "organizer_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (OLD."created_at", OLD."description", OLD."id", OLD."name", OLD."organizer_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."slug", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."updated_at"); RETURN NULL;',
                    hash="33021397ead6372b7a055ec25ddd390b64cd7f07",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_b95dc",
                    table="events_eventseries",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at"],
                name="event_public_from",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["updated_at", "id"],
                include=("publish_at",),
                name="event_changes",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="event_search"
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["facet_keys"], name="event_facet_keys"
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                models.OrderBy(models.F("starts_on"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                name="event_recent",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["title", "id"],
                name="event_by_title",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="events_event_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("publish_at__isnull", False),
                    _connector="OR",
                ),
                name="events_event_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True), name="events_event_slug_set"
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="event_ends_after_start",
                violation_error_message="An event cannot end before it starts.",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "high_level_dialogue",
                            "working_dinner",
                            "summit",
                            "conference",
                            "panel",
                            "briefing",
                            "meeting",
                            "workshop",
                        ],
                    )
                ),
                name="event_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("edition__isnull", True), ("series__isnull", False), _connector="OR"
                ),
                name="event_edition_needs_series",
                violation_error_message="An edition number needs a series.",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.UniqueConstraint(
                condition=models.Q(("edition__isnull", False)),
                fields=("series", "edition"),
                name="event_series_edition_unique",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="event",
            trigger=pgtrigger.compiler.Trigger(
                name="keeps_its_facet_keys",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (NEW.facet_keys IS DISTINCT FROM OLD.facet_keys AND pg_trigger_depth() = 0)",
                    func="NEW.facet_keys := events_facet_keys_of(NEW.id); RETURN NEW;",
                    hash="1489e04cd83ff89e6ddbdc59e1ded9f9723480d6",
                    operation="UPDATE",
                    pgid="pgtrigger_keeps_its_facet_keys_5a076",
                    table="events_event",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="event",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "events_eventevent" ("body", "chatham_house_rule", "city", "country_id", "created_at", "edition", "ends_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "series_id", "slug", "source_url", "starts_on", "status", "status_changed_at", "status_changed_by_id", "summary", "title", "updated_at", "venue") VALUES (NEW."body", NEW."chatham_house_rule", NEW."city", NEW."country_id", NEW."created_at", NEW."edition", NEW."ends_on", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."series_id", NEW."slug", NEW."source_url", NEW."starts_on", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."title", NEW."updated_at", NEW."venue"); RETURN NULL;',
                    hash="60b708a22a8f7a23a7f18c21e9d5efdcabbfbd84",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_82b94",
                    table="events_event",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="event",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."body" IS DISTINCT FROM (NEW."body") OR OLD."chatham_house_rule" IS DISTINCT FROM (NEW."chatham_house_rule") OR OLD."city" IS DISTINCT FROM (NEW."city") OR OLD."country_id" IS DISTINCT FROM (NEW."country_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."edition" IS DISTINCT FROM (NEW."edition") OR OLD."ends_on" IS DISTINCT FROM (NEW."ends_on") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."series_id" IS DISTINCT FROM (NEW."series_id") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."source_url" IS DISTINCT FROM (NEW."source_url") OR OLD."starts_on" IS DISTINCT FROM (NEW."starts_on") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."summary" IS DISTINCT FROM (NEW."summary") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at") OR OLD."venue" IS DISTINCT FROM (NEW."venue"))',
                    func='INSERT INTO "events_eventevent" ("body", "chatham_house_rule", "city", "country_id", "created_at", "edition", "ends_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "series_id", "slug", "source_url", "starts_on", "status", "status_changed_at", "status_changed_by_id", "summary", "title", "updated_at", "venue") VALUES (NEW."body", NEW."chatham_house_rule", NEW."city", NEW."country_id", NEW."created_at", NEW."edition", NEW."ends_on", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."series_id", NEW."slug", NEW."source_url", NEW."starts_on", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."title", NEW."updated_at", NEW."venue"); RETURN NULL;',
                    hash="d452bc73b49e64b5a5b6184cb0484c1cf27cbcd1",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_73f59",
                    table="events_event",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="event",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "events_eventevent" ("body", "chatham_house_rule", "city", "country_id", "created_at", "edition", "ends_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "series_id", "slug", "source_url", "starts_on", "status", "status_changed_at", "status_changed_by_id", "summary", "title", "updated_at", "venue") VALUES (OLD."body", OLD."chatham_house_rule", OLD."city", OLD."country_id", OLD."created_at", OLD."edition", OLD."ends_on", OLD."id", OLD."kind", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."series_id", OLD."slug", OLD."source_url", OLD."starts_on", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."summary", OLD."title", OLD."updated_at", OLD."venue"); RETURN NULL;',
                    hash="43d2e5b1590ae8623acfcbeee7f91dab4e31d5d9",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_d74a6",
                    table="events_event",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(fields=["updated_at", "id"], name="participation_changes"),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("person__isnull", False),
                    ("member_state__isnull", False),
                    ("organization__isnull", False),
                    _connector="OR",
                ),
                name="participation_names_someone",
                violation_error_message="Name at least one of: a person, a member state or an organization.",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("role__in", ["host", "co_host", "speaker", "moderator", "participant"])
                ),
                name="participation_role_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("level", ""),
                    (
                        "level__in",
                        [
                            "head_of_state",
                            "foreign_minister",
                            "minister",
                            "high_level",
                            "un_senior",
                            "head_of_organization",
                            "official",
                        ],
                    ),
                    _connector="OR",
                ),
                name="participation_level_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", False)),
                fields=("event", "person"),
                name="participation_person_once_per_event",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="participation",
            trigger=pgtrigger.compiler.Trigger(
                name="facet_keys",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n            IF TG_OP IN ('UPDATE', 'DELETE') THEN\n                PERFORM events_refresh_facet_keys(OLD.event_id);\n            END IF;\n            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.event_id <> OLD.event_id) THEN\n                PERFORM events_refresh_facet_keys(NEW.event_id);\n            END IF;\n            RETURN NULL;\n        ",
                    hash="d0c65be64da73bcdffee336c6bc763b596e02c5a",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_facet_keys_31194",
                    table="events_participation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="participation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "events_participationevent" ("created_at", "event_id", "id", "level", "member_state_id", "order", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "title", "updated_at") VALUES (NEW."created_at", NEW."event_id", NEW."id", NEW."level", NEW."member_state_id", NEW."order", NEW."organization_id", NEW."person_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."role", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="cd84801846b6df288e99839be6442f50acbfea57",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_24e15",
                    table="events_participation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="participation",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "events_participationevent" ("created_at", "event_id", "id", "level", "member_state_id", "order", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "title", "updated_at") VALUES (NEW."created_at", NEW."event_id", NEW."id", NEW."level", NEW."member_state_id", NEW."order", NEW."organization_id", NEW."person_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."role", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="6c9b5fae5a1ae9b5801f2c219af2a8eb94c949fa",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_dbe74",
                    table="events_participation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="participation",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "events_participationevent" ("created_at", "event_id", "id", "level", "member_state_id", "order", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "title", "updated_at") VALUES (OLD."created_at", OLD."event_id", OLD."id", OLD."level", OLD."member_state_id", OLD."order", OLD."organization_id", OLD."person_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."role", OLD."title", OLD."updated_at"); RETURN NULL;',
                    hash="88f4eec8290de948b4140ffc67b44c8ca11ff3ee",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_56313",
                    table="events_participation",
                    when="AFTER",
                ),
            ),
        ),
        # The functions the facet-key triggers (core/copies.py) call.
        migrations.RunSQL(FACET_KEYS, DROP_FACET_KEYS),
        # History and facet-key triggers of Django's many-to-many tables.
        migrations.RunPython(*many_to_many_triggers("events")),
    ]
