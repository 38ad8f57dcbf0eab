"""Reports, their documents and recommendations, with their history.

The platform was not deployed when its migrations were squashed into this one
(2026-12-05): a database made by the earlier set must be made again (`make clean`).
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import django.db.models.functions.text
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

import reports.documents
import reports.models
from core.publishing.history import many_to_many_triggers
from core.storage import keep_in_row

COPIES = """
CREATE FUNCTION reports_symbols_of(target bigint) RETURNS text AS $$
    SELECT COALESCE(string_agg(symbol, ' ' ORDER BY "order", symbol), '')
    FROM reports_documentsymbol WHERE report_id = target;
$$ LANGUAGE sql STABLE;

-- A tsvector holds at most 1 MB; the head of each document is what ranks anyway.
CREATE FUNCTION reports_documents_of(target bigint) RETURNS text AS $$
    SELECT COALESCE(string_agg(left(extracted_text, 200000), ' ' ORDER BY language), '')
    FROM reports_reportdocument WHERE report_id = target;
$$ LANGUAGE sql STABLE;

CREATE FUNCTION reports_refresh_search_copies(target bigint) RETURNS void AS $$
    UPDATE reports_report
    SET search_symbols = reports_symbols_of(target),
        search_documents = reports_documents_of(target)
    WHERE id = target;
$$ LANGUAGE sql;

CREATE FUNCTION reports_facet_keys_of(target bigint) RETURNS varchar(40)[] AS $$
    SELECT COALESCE(array_agg(k ORDER BY k), '{}') FROM (
        SELECT 'topic:' || topic_id AS k FROM reports_report_topics WHERE report_id = target
        UNION
        SELECT 'organization:' || organization_id FROM reports_report_authors
            WHERE report_id = target
        UNION
        SELECT 'member_state:' || memberstate_id FROM reports_report_member_states
            WHERE report_id = target
        UNION
        SELECT 'language:' || language FROM reports_reportdocument WHERE report_id = target
    ) keys;
$$ LANGUAGE sql STABLE;

CREATE FUNCTION reports_refresh_facet_keys(target bigint) RETURNS void AS $$
    UPDATE reports_report SET facet_keys = reports_facet_keys_of(target) WHERE id = target;
$$ LANGUAGE sql;
"""

DROP_COPIES = """
DROP FUNCTION reports_refresh_facet_keys(bigint);
DROP FUNCTION reports_facet_keys_of(bigint);
DROP FUNCTION reports_refresh_search_copies(bigint);
DROP FUNCTION reports_documents_of(bigint);
DROP FUNCTION reports_symbols_of(bigint);
"""


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("directory", "0001_initial"),
        ("events", "0001_initial"),
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentSymbol",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("symbol", models.CharField(max_length=64, unique=True)),
                ("order", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "ordering": ["report", "order", "symbol"],
            },
        ),
        migrations.CreateModel(
            name="Recommendation",
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
                    "label",
                    models.CharField(
                        help_text="As numbered in the report: “1”, “para. 45”, “III.B.2”.",
                        max_length=32,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        blank=True,
                        help_text="Its address under the report (…/recommendations/<this>/). Made from the label when left empty, and kept when the label changes, so that links stay valid.",
                        max_length=40,
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                ("title", models.CharField(max_length=300)),
                ("text", models.TextField(help_text="The recommendation, summarised or quoted.")),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "label", "title", config="english_unaccent", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "text", config="english_unaccent", weight="B"
                            ),
                            django.contrib.postgres.search.SearchConfig("english_unaccent"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
                (
                    "events",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Events that discussed it.",
                        related_name="recommendations",
                        to="events.event",
                    ),
                ),
                (
                    "responsible_member_states",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The member states it asks to act.",
                        related_name="recommendations_addressed",
                        to="directory.memberstate",
                    ),
                ),
                (
                    "responsible_organizations",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The bodies it asks to act.",
                        related_name="recommendations_addressed",
                        to="directory.organization",
                    ),
                ),
                (
                    "topics",
                    models.ManyToManyField(
                        blank=True, related_name="recommendations", to="directory.topic"
                    ),
                ),
            ],
            options={
                "ordering": ["report", "order", "label"],
            },
        ),
        migrations.CreateModel(
            name="RecommendationEventsEvent",
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
                        to="reports.recommendation_events",
                    ),
                ),
                (
                    "recommendation",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RecommendationLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("responds_to", "responds to"),
                            ("reaffirms", "reaffirms"),
                            ("supersedes", "supersedes"),
                        ],
                        max_length=16,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links_out",
                        to="reports.recommendation",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links_in",
                        to="reports.recommendation",
                    ),
                ),
            ],
            options={
                "ordering": ["kind", "target"],
            },
        ),
        migrations.CreateModel(
            name="RecommendationLinkEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("responds_to", "responds to"),
                            ("reaffirms", "reaffirms"),
                            ("supersedes", "supersedes"),
                        ],
                        max_length=16,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
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
                        to="reports.recommendationlink",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RecommendationResponsibleMemberStatesEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "memberstate",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
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
                        to="reports.recommendation_responsible_member_states",
                    ),
                ),
                (
                    "recommendation",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RecommendationResponsibleOrganizationsEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "organization",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
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
                        to="reports.recommendation_responsible_organizations",
                    ),
                ),
                (
                    "recommendation",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RecommendationTopicsEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
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
                        to="reports.recommendation_topics",
                    ),
                ),
                (
                    "recommendation",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
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
            name="RecommendationUpdate",
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
                (
                    "implementation_status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("in_progress", "In progress"),
                            ("partial", "Partially implemented"),
                            ("implemented", "Implemented"),
                            ("superseded", "Superseded"),
                            ("no_longer_relevant", "No longer relevant"),
                        ],
                        max_length=24,
                        verbose_name="status of implementation",
                    ),
                ),
                (
                    "dated",
                    models.DateField(
                        help_text="When the source says this was the state of things."
                    ),
                ),
                ("summary", models.TextField()),
                ("source_url", models.URLField(blank=True)),
                (
                    "recommendation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="updates",
                        to="reports.recommendation",
                    ),
                ),
                (
                    "source_event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="recommendation_updates",
                        to="events.event",
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
                "ordering": ["recommendation", "-dated", "-id"],
                "permissions": [
                    (
                        "publish_recommendationupdate",
                        "Can publish, schedule, unpublish and archive recommendationupdate",
                    )
                ],
                "get_latest_by": "dated",
            },
        ),
        migrations.CreateModel(
            name="Report",
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
                ("title", models.CharField(max_length=400)),
                ("subtitle", models.CharField(blank=True, max_length=400)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("un_report", "UN report"),
                            ("panel_report", "Panel report"),
                            ("resolution", "Resolution"),
                            ("declaration", "Declaration or principles"),
                            ("policy_paper", "Policy paper"),
                            ("meeting_note", "Meeting note"),
                        ],
                        db_index=True,
                        max_length=24,
                    ),
                ),
                (
                    "published_on",
                    models.DateField(
                        blank=True, db_index=True, null=True, verbose_name="publication date"
                    ),
                ),
                ("summary", models.TextField(blank=True, max_length=10000)),
                ("body", models.TextField(blank=True, max_length=100000)),
                (
                    "source_url",
                    models.URLField(blank=True, help_text="Where the official text is published."),
                ),
                ("search_symbols", models.TextField(blank=True, default="", editable=False)),
                ("search_documents", models.TextField(blank=True, default="", editable=False)),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.CombinedSearchVector(
                                    django.contrib.postgres.search.SearchVector(
                                        "title",
                                        "search_symbols",
                                        config="english_unaccent",
                                        weight="A",
                                    ),
                                    "||",
                                    django.contrib.postgres.search.SearchVector(
                                        "subtitle", "summary", config="english_unaccent", weight="B"
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
                                "search_documents", config="english_unaccent", weight="D"
                            ),
                            django.contrib.postgres.search.SearchConfig("english_unaccent"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
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
                    "authors",
                    models.ManyToManyField(
                        blank=True,
                        related_name="reports_authored",
                        to="directory.organization",
                        verbose_name="authoring bodies",
                    ),
                ),
                (
                    "events",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Events that discussed the report.",
                        related_name="reports",
                        to="events.event",
                    ),
                ),
                (
                    "member_states",
                    models.ManyToManyField(
                        blank=True,
                        help_text="States the report concerns.",
                        related_name="reports",
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
                    models.ManyToManyField(
                        blank=True, related_name="reports", to="directory.topic"
                    ),
                ),
            ],
            options={
                "ordering": ["-published_on", "title"],
                "permissions": [
                    ("publish_report", "Can publish, schedule, unpublish and archive report")
                ],
            },
        ),
        # The search vector and the short columns every list reads stay in the row;
        # only the long texts (summary, body, documents' text) go out to TOAST
        # (core/storage.py).
        *keep_in_row("reports_report", "search_vector", "title", "subtitle", "slug", "facet_keys"),
        migrations.CreateModel(
            name="RecommendationUpdateEvent",
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
                (
                    "implementation_status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("in_progress", "In progress"),
                            ("partial", "Partially implemented"),
                            ("implemented", "Implemented"),
                            ("superseded", "Superseded"),
                            ("no_longer_relevant", "No longer relevant"),
                        ],
                        max_length=24,
                        verbose_name="status of implementation",
                    ),
                ),
                (
                    "dated",
                    models.DateField(
                        help_text="When the source says this was the state of things."
                    ),
                ),
                ("summary", models.TextField()),
                ("source_url", models.URLField(blank=True)),
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
                        to="reports.recommendationupdate",
                    ),
                ),
                (
                    "recommendation",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
                    ),
                ),
                (
                    "source_event",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
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
                    "source_report",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="recommendationupdate",
            name="source_report",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="recommendation_updates",
                to="reports.report",
            ),
        ),
        migrations.CreateModel(
            name="RecommendationEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "label",
                    models.CharField(
                        help_text="As numbered in the report: “1”, “para. 45”, “III.B.2”.",
                        max_length=32,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        blank=True,
                        db_index=False,
                        help_text="Its address under the report (…/recommendations/<this>/). Made from the label when left empty, and kept when the label changes, so that links stay valid.",
                        max_length=40,
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                ("title", models.CharField(max_length=300)),
                ("text", models.TextField(help_text="The recommendation, summarised or quoted.")),
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
                        to="reports.recommendation",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="recommendation",
            name="cited_by",
            field=models.ManyToManyField(
                blank=True,
                help_text="Reports that cite it.",
                related_name="cited_recommendations",
                to="reports.report",
            ),
        ),
        migrations.CreateModel(
            name="RecommendationCitedByEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
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
                        to="reports.recommendation_cited_by",
                    ),
                ),
                (
                    "recommendation",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.recommendation",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="recommendation",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="recommendations",
                to="reports.report",
            ),
        ),
        migrations.CreateModel(
            name="DocumentSymbolEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("symbol", models.CharField(max_length=64)),
                ("order", models.PositiveSmallIntegerField(default=0)),
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
                        to="reports.documentsymbol",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="documentsymbol",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="symbols",
                to="reports.report",
            ),
        ),
        migrations.CreateModel(
            name="ReportAuthorsEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "organization",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
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
                        to="reports.report_authors",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ReportDocument",
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
                    "language",
                    models.CharField(
                        choices=[
                            ("ar", "Arabic"),
                            ("zh", "Chinese"),
                            ("en", "English"),
                            ("fr", "French"),
                            ("ru", "Russian"),
                            ("es", "Spanish"),
                        ],
                        max_length=2,
                    ),
                ),
                (
                    "file",
                    reports.models.DocumentFileField(
                        blank=True,
                        help_text="A PDF. Its text is read for search.",
                        max_length=200,
                        upload_to=reports.documents.upload_to,
                        validators=[reports.documents.validate_pdf],
                    ),
                ),
                (
                    "source_url",
                    models.URLField(blank=True, help_text="The official copy, if not uploaded."),
                ),
                (
                    "size_bytes",
                    models.PositiveBigIntegerField(blank=True, editable=False, null=True),
                ),
                (
                    "extracted_text",
                    models.TextField(blank=True, help_text="Full text, used by search."),
                ),
                (
                    "extraction_warning",
                    models.CharField(
                        blank=True, db_default="", default="", editable=False, max_length=300
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "ordering": ["report", "language"],
            },
        ),
        migrations.CreateModel(
            name="ReportDocumentEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("ar", "Arabic"),
                            ("zh", "Chinese"),
                            ("en", "English"),
                            ("fr", "French"),
                            ("ru", "Russian"),
                            ("es", "Spanish"),
                        ],
                        max_length=2,
                    ),
                ),
                (
                    "file",
                    reports.models.DocumentFileField(
                        blank=True,
                        help_text="A PDF. Its text is read for search.",
                        max_length=200,
                        upload_to=reports.documents.upload_to,
                        validators=[reports.documents.validate_pdf],
                    ),
                ),
                (
                    "source_url",
                    models.URLField(blank=True, help_text="The official copy, if not uploaded."),
                ),
                (
                    "size_bytes",
                    models.PositiveBigIntegerField(blank=True, editable=False, null=True),
                ),
                (
                    "extracted_text",
                    models.TextField(blank=True, help_text="Full text, used by search."),
                ),
                (
                    "extraction_warning",
                    models.CharField(
                        blank=True, db_default="", default="", editable=False, max_length=300
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
                        to="reports.reportdocument",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ReportEvent",
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
                ("title", models.CharField(max_length=400)),
                ("subtitle", models.CharField(blank=True, max_length=400)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("un_report", "UN report"),
                            ("panel_report", "Panel report"),
                            ("resolution", "Resolution"),
                            ("declaration", "Declaration or principles"),
                            ("policy_paper", "Policy paper"),
                            ("meeting_note", "Meeting note"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "published_on",
                    models.DateField(blank=True, null=True, verbose_name="publication date"),
                ),
                ("summary", models.TextField(blank=True, max_length=10000)),
                ("body", models.TextField(blank=True, max_length=100000)),
                (
                    "source_url",
                    models.URLField(blank=True, help_text="Where the official text is published."),
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
                        to="reports.report",
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
            name="ReportEventsEvent",
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
                        to="reports.report_events",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ReportMemberStatesEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "memberstate",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
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
                        to="reports.report_member_states",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ReportRelation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("responds_to", "responds to"),
                            ("implements", "implements"),
                            ("follows_up", "follows up"),
                            ("refers_to", "refers to"),
                        ],
                        max_length=16,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="relations_out",
                        to="reports.report",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="relations_in",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "ordering": ["source", "kind", "target"],
            },
        ),
        migrations.AddField(
            model_name="report",
            name="related",
            field=models.ManyToManyField(
                blank=True,
                related_name="related_from",
                through="reports.ReportRelation",
                to="reports.report",
            ),
        ),
        migrations.CreateModel(
            name="ReportRelationEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("responds_to", "responds to"),
                            ("implements", "implements"),
                            ("follows_up", "follows up"),
                            ("refers_to", "refers to"),
                        ],
                        max_length=16,
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300)),
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
                        to="reports.reportrelation",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ReportTopicsEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
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
                        to="reports.report_topics",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_constraint=False,
                        db_tablespace="",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        related_query_name="+",
                        to="reports.report",
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
        migrations.AddConstraint(
            model_name="recommendationlink",
            constraint=models.UniqueConstraint(
                fields=("source", "target", "kind"), name="recommendationlink_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendationlink",
            constraint=models.CheckConstraint(
                condition=models.Q(("source", models.F("target")), _negated=True),
                name="recommendationlink_not_to_itself",
                violation_error_message="A recommendation cannot be linked to itself.",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendationlink",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["responds_to", "reaffirms", "supersedes"])),
                name="recommendationlink_kind_valid",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendationlink",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationlinkevent" ("id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id") VALUES (NEW."id", NEW."kind", NEW."note", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."source_id", NEW."target_id"); RETURN NULL;',
                    hash="cb98a21b567f4e80a78a0fa882b4d4b362269755",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_3d202",
                    table="reports_recommendationlink",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendationlink",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "reports_recommendationlinkevent" ("id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id") VALUES (NEW."id", NEW."kind", NEW."note", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."source_id", NEW."target_id"); RETURN NULL;',
                    hash="62c6b9c73abcc82f50039901fc0123a8f1cdf448",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_3e568",
                    table="reports_recommendationlink",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendationlink",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationlinkevent" ("id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id") VALUES (OLD."id", OLD."kind", OLD."note", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."source_id", OLD."target_id"); RETURN NULL;',
                    hash="f0dba0fd213cf7db552df7a4ecafbaf357ed1239",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_7b0c3",
                    table="reports_recommendationlink",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="recommendationupdate",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at"],
                name="recupdate_public_from",
            ),
        ),
        migrations.AddIndex(
            model_name="recommendationupdate",
            index=models.Index(
                models.F("recommendation"),
                models.OrderBy(models.F("dated"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="recommendationupdate_latest",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendationupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="reports_recommendationupdate_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendationupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("publish_at__isnull", False),
                    _connector="OR",
                ),
                name="reports_recommendationupdate_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendationupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "implementation_status__in",
                        [
                            "not_started",
                            "in_progress",
                            "partial",
                            "implemented",
                            "superseded",
                            "no_longer_relevant",
                        ],
                    )
                ),
                name="recommendationupdate_implementation_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendationupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("source_report__isnull", False),
                    ("source_event__isnull", False),
                    models.Q(("source_url", ""), _negated=True),
                    _connector="OR",
                ),
                name="recommendationupdate_has_source",
                violation_error_message="Give a source: a report, an event or a link.",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendationupdate",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationupdateevent" ("created_at", "dated", "id", "implementation_status", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "recommendation_id", "source_event_id", "source_report_id", "source_url", "status", "status_changed_at", "status_changed_by_id", "summary", "updated_at") VALUES (NEW."created_at", NEW."dated", NEW."id", NEW."implementation_status", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."recommendation_id", NEW."source_event_id", NEW."source_report_id", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="5d931bb3a252efd1eb5b4512e704ba83c531d25d",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_39a9b",
                    table="reports_recommendationupdate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendationupdate",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "reports_recommendationupdateevent" ("created_at", "dated", "id", "implementation_status", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "recommendation_id", "source_event_id", "source_report_id", "source_url", "status", "status_changed_at", "status_changed_by_id", "summary", "updated_at") VALUES (NEW."created_at", NEW."dated", NEW."id", NEW."implementation_status", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."recommendation_id", NEW."source_event_id", NEW."source_report_id", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="eaf0fc41bc33c388b7e98d37b91a490964b99be4",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_a8c77",
                    table="reports_recommendationupdate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendationupdate",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationupdateevent" ("created_at", "dated", "id", "implementation_status", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "recommendation_id", "source_event_id", "source_report_id", "source_url", "status", "status_changed_at", "status_changed_by_id", "summary", "updated_at") VALUES (OLD."created_at", OLD."dated", OLD."id", OLD."implementation_status", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."recommendation_id", OLD."source_event_id", OLD."source_report_id", OLD."source_url", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."summary", OLD."updated_at"); RETURN NULL;',
                    hash="04bf0b4293be7eb0291518d86a362702b8c7446a",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_522d1",
                    table="reports_recommendationupdate",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="recommendation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="recommendation_search"
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendation",
            constraint=models.UniqueConstraint(
                fields=("report", "label"), name="recommendation_label_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(("label", ""), _negated=True), name="recommendation_label_set"
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendation",
            constraint=models.UniqueConstraint(
                fields=("report", "slug"),
                name="recommendation_slug_unique",
                violation_error_message="Another recommendation of this report has this address; change the slug.",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True), name="recommendation_slug_set"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationevent" ("created_at", "id", "label", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "slug", "text", "title", "updated_at") VALUES (NEW."created_at", NEW."id", NEW."label", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."report_id", NEW."slug", NEW."text", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="6843c71d5e5ce9c0db7a35fc2f1ace9cb0e2fd93",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_88b67",
                    table="reports_recommendation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendation",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."label" IS DISTINCT FROM (NEW."label") OR OLD."order" IS DISTINCT FROM (NEW."order") OR OLD."report_id" IS DISTINCT FROM (NEW."report_id") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."text" IS DISTINCT FROM (NEW."text") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at"))',
                    func='INSERT INTO "reports_recommendationevent" ("created_at", "id", "label", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "slug", "text", "title", "updated_at") VALUES (NEW."created_at", NEW."id", NEW."label", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."report_id", NEW."slug", NEW."text", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="3436b395c9515bba53cfdc0f00336eb99f5e7cdb",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_89b7d",
                    table="reports_recommendation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendation",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationevent" ("created_at", "id", "label", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "slug", "text", "title", "updated_at") VALUES (OLD."created_at", OLD."id", OLD."label", OLD."order", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."report_id", OLD."slug", OLD."text", OLD."title", OLD."updated_at"); RETURN NULL;',
                    hash="76a6382b15e69912f0cc7f70ec4cf1e86e49f8cd",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_12cd1",
                    table="reports_recommendation",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="documentsymbol",
            index=models.Index(
                fields=["symbol"],
                include=("report_id",),
                name="documentsymbol_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
        ),
        migrations.AddConstraint(
            model_name="documentsymbol",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("symbol", django.db.models.functions.text.Upper("symbol")),
                    ("symbol__regex", "^[A-Z0-9][A-Z0-9/.()\\-]*$"),
                ),
                name="documentsymbol_normalised",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="documentsymbol",
            trigger=pgtrigger.compiler.Trigger(
                name="search_copies",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n            IF TG_OP IN ('UPDATE', 'DELETE') THEN\n                PERFORM reports_refresh_search_copies(OLD.report_id);\n            END IF;\n            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.report_id <> OLD.report_id) THEN\n                PERFORM reports_refresh_search_copies(NEW.report_id);\n            END IF;\n            RETURN NULL;\n        ",
                    hash="c2769a0966883edc0678283b528a8a39fc477537",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_search_copies_075a1",
                    table="reports_documentsymbol",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="documentsymbol",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_documentsymbolevent" ("id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "symbol") VALUES (NEW."id", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."report_id", NEW."symbol"); RETURN NULL;',
                    hash="7bd8f30a787420477e283641b106664e4363be04",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_9e81f",
                    table="reports_documentsymbol",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="documentsymbol",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "reports_documentsymbolevent" ("id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "symbol") VALUES (NEW."id", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."report_id", NEW."symbol"); RETURN NULL;',
                    hash="e4e65e75dcf652819bc2076622a0b0c85f5b941c",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_47f1e",
                    table="reports_documentsymbol",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="documentsymbol",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_documentsymbolevent" ("id", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "symbol") VALUES (OLD."id", OLD."order", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."report_id", OLD."symbol"); RETURN NULL;',
                    hash="e8a329e87aa371b42150f67ceaab35735928937a",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_50886",
                    table="reports_documentsymbol",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="reportdocument",
            constraint=models.UniqueConstraint(
                fields=("report", "language"), name="reportdocument_one_per_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(("language__in", ["ar", "zh", "en", "fr", "ru", "es"])),
                name="reportdocument_language_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("file", ""), _negated=True),
                    models.Q(("source_url", ""), _negated=True),
                    _connector="OR",
                ),
                name="reportdocument_has_file_or_url",
                violation_error_message="Upload a file or give the address of the official copy.",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportdocument",
            trigger=pgtrigger.compiler.Trigger(
                name="search_copies",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n            IF TG_OP IN ('UPDATE', 'DELETE') THEN\n                PERFORM reports_refresh_search_copies(OLD.report_id);\n            END IF;\n            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.report_id <> OLD.report_id) THEN\n                PERFORM reports_refresh_search_copies(NEW.report_id);\n            END IF;\n            RETURN NULL;\n        ",
                    hash="32563383e8ae7b8096fca0bb94aae88bb424c752",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_search_copies_df75d",
                    table="reports_reportdocument",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportdocument",
            trigger=pgtrigger.compiler.Trigger(
                name="facet_keys",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n            IF TG_OP IN ('UPDATE', 'DELETE') THEN\n                PERFORM reports_refresh_facet_keys(OLD.report_id);\n            END IF;\n            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.report_id <> OLD.report_id) THEN\n                PERFORM reports_refresh_facet_keys(NEW.report_id);\n            END IF;\n            RETURN NULL;\n        ",
                    hash="0f4ab962b7b554b8d5799b02365516316546ed3e",
                    operation="INSERT OR UPDATE OR DELETE",
                    pgid="pgtrigger_facet_keys_4a1c5",
                    table="reports_reportdocument",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportdocument",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_reportdocumentevent" ("created_at", "extracted_text", "extraction_warning", "file", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "size_bytes", "source_url", "updated_at") VALUES (NEW."created_at", NEW."extracted_text", NEW."extraction_warning", NEW."file", NEW."id", NEW."language", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."report_id", NEW."size_bytes", NEW."source_url", NEW."updated_at"); RETURN NULL;',
                    hash="8593be8b313cf5249ea62ee2c69b511f50f97af2",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_a20a0",
                    table="reports_reportdocument",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportdocument",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "reports_reportdocumentevent" ("created_at", "extracted_text", "extraction_warning", "file", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "size_bytes", "source_url", "updated_at") VALUES (NEW."created_at", NEW."extracted_text", NEW."extraction_warning", NEW."file", NEW."id", NEW."language", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."report_id", NEW."size_bytes", NEW."source_url", NEW."updated_at"); RETURN NULL;',
                    hash="06ef7b0180b8430194a8a619dea3d96e54c9ffed",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_c5c64",
                    table="reports_reportdocument",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportdocument",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_reportdocumentevent" ("created_at", "extracted_text", "extraction_warning", "file", "id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "size_bytes", "source_url", "updated_at") VALUES (OLD."created_at", OLD."extracted_text", OLD."extraction_warning", OLD."file", OLD."id", OLD."language", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."report_id", OLD."size_bytes", OLD."source_url", OLD."updated_at"); RETURN NULL;',
                    hash="2ad04141d66ea40b7f1dda452af35831670e6cfd",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_e2ee8",
                    table="reports_reportdocument",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="reportevent",
            index=models.Index(fields=["slug", "-pgh_id"], name="reportevent_former_slug"),
        ),
        migrations.AddConstraint(
            model_name="reportrelation",
            constraint=models.UniqueConstraint(
                fields=("source", "target", "kind"), name="reportrelation_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportrelation",
            constraint=models.CheckConstraint(
                condition=models.Q(("source", models.F("target")), _negated=True),
                name="reportrelation_not_to_itself",
                violation_error_message="A report cannot relate to itself.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportrelation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind__in", ["responds_to", "implements", "follows_up", "refers_to"])
                ),
                name="reportrelation_kind_valid",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportrelation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_reportrelationevent" ("id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id") VALUES (NEW."id", NEW."kind", NEW."note", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."source_id", NEW."target_id"); RETURN NULL;',
                    hash="26d4ec91930d01f570391bc49fc6be9f96a90d0b",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_91204",
                    table="reports_reportrelation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportrelation",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "reports_reportrelationevent" ("id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id") VALUES (NEW."id", NEW."kind", NEW."note", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."source_id", NEW."target_id"); RETURN NULL;',
                    hash="1bfd007cd999558d4cd3cfe635a6a4c98079b80b",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_19f95",
                    table="reports_reportrelation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="reportrelation",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_reportrelationevent" ("id", "kind", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id") VALUES (OLD."id", OLD."kind", OLD."note", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."source_id", OLD."target_id"); RETURN NULL;',
                    hash="81dd91f2c81ec1d67d246a4bf97877ba10d05eba",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_31321",
                    table="reports_reportrelation",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at"],
                name="report_public_from",
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["updated_at", "id"],
                include=("publish_at",),
                name="report_changes",
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="report_search"
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                models.OrderBy(models.F("published_on"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                include=("publish_at", "kind", "facet_keys"),
                name="report_published_recent",
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title"], name="report_title_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=django.contrib.postgres.indexes.GistIndex(
                condition=models.Q(("status", "published")),
                fields=["title"],
                name="report_title_nearest",
                opclasses=["gist_trgm_ops"],
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["title", "id"],
                name="report_by_title",
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["facet_keys"], name="report_facet_keys"
            ),
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="reports_report_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("publish_at__isnull", False),
                    _connector="OR",
                ),
                name="reports_report_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True), name="reports_report_slug_set"
            ),
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "un_report",
                            "panel_report",
                            "resolution",
                            "declaration",
                            "policy_paper",
                            "meeting_note",
                        ],
                    )
                ),
                name="report_kind_valid",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="keeps_its_copies",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (pg_trigger_depth() = 0 AND (NEW.facet_keys IS DISTINCT FROM OLD.facet_keys OR NEW.search_symbols IS DISTINCT FROM OLD.search_symbols OR NEW.search_documents IS DISTINCT FROM OLD.search_documents))",
                    func="\n                    IF NEW.facet_keys IS DISTINCT FROM OLD.facet_keys THEN\n                        NEW.facet_keys := reports_facet_keys_of(NEW.id);\n                    END IF;\n                    IF NEW.search_symbols IS DISTINCT FROM OLD.search_symbols THEN\n                        NEW.search_symbols := reports_symbols_of(NEW.id);\n                    END IF;\n                    IF NEW.search_documents IS DISTINCT FROM OLD.search_documents THEN\n                        NEW.search_documents := reports_documents_of(NEW.id);\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="190cfde0b7b53292472c13bb900531c0399e1b9c",
                    operation="UPDATE",
                    pgid="pgtrigger_keeps_its_copies_2d5bb",
                    table="reports_report",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_reportevent" ("body", "created_at", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_on", "slug", "source_url", "status", "status_changed_at", "status_changed_by_id", "subtitle", "summary", "title", "updated_at") VALUES (NEW."body", NEW."created_at", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."published_on", NEW."slug", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."subtitle", NEW."summary", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="7d0117706b2b5ba8df451685196380fdcc526acb",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_84ceb",
                    table="reports_report",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."body" IS DISTINCT FROM (NEW."body") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."published_on" IS DISTINCT FROM (NEW."published_on") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."source_url" IS DISTINCT FROM (NEW."source_url") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."subtitle" IS DISTINCT FROM (NEW."subtitle") OR OLD."summary" IS DISTINCT FROM (NEW."summary") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at"))',
                    func='INSERT INTO "reports_reportevent" ("body", "created_at", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_on", "slug", "source_url", "status", "status_changed_at", "status_changed_by_id", "subtitle", "summary", "title", "updated_at") VALUES (NEW."body", NEW."created_at", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."published_on", NEW."slug", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."subtitle", NEW."summary", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="1d3ebfaa9a2a123f201624d7346357cc3b20b96f",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_234a9",
                    table="reports_report",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_reportevent" ("body", "created_at", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_on", "slug", "source_url", "status", "status_changed_at", "status_changed_by_id", "subtitle", "summary", "title", "updated_at") VALUES (OLD."body", OLD."created_at", OLD."id", OLD."kind", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."published_on", OLD."slug", OLD."source_url", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."subtitle", OLD."summary", OLD."title", OLD."updated_at"); RETURN NULL;',
                    hash="c0f4c756c122f6ba3ddc36c7d8f29a546e8ea190",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_6acd6",
                    table="reports_report",
                    when="AFTER",
                ),
            ),
        ),
        # The functions the copy triggers (core/copies.py) call.
        migrations.RunSQL(COPIES, DROP_COPIES),
        # History and facet-key triggers of Django's many-to-many tables.
        migrations.RunPython(*many_to_many_triggers("reports")),
    ]
