"""Member states, people, organizations and topics, with their history.

The platform was not deployed when its migrations were squashed into this one
(2026-12-05): a database made by the earlier set must be made again (`make clean`).
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.operations
import django.contrib.postgres.search
import django.db.models.deletion
import django.db.models.functions.text
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

from directory.member_states import rows, upsert_member_states

# English stemming after unaccent: "Côte d'Ivoire" and "Cote d'Ivoire" match.
ENGLISH_UNACCENT = """
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""


def load_member_states(apps, schema_editor):
    """All 193 UN member states and the 2 non-member observer states."""
    upsert_member_states(apps.get_model("directory", "MemberState"))


def unload_member_states(apps, schema_editor):
    MemberState = apps.get_model("directory", "MemberState")
    MemberState.objects.filter(iso3__in=[row["iso3"] for row in rows()]).delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("pghistory", "0007_auto_20250421_0444"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        django.contrib.postgres.operations.TrigramExtension(),
        django.contrib.postgres.operations.UnaccentExtension(),
        # Before the generated search vectors, which name it (core/search.py says why
        # it is a configuration rather than a call to unaccent() in each expression).
        migrations.RunSQL(ENGLISH_UNACCENT, "DROP TEXT SEARCH CONFIGURATION english_unaccent"),
        migrations.CreateModel(
            name="MemberStateEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=120, verbose_name="UN name")),
                (
                    "short_name",
                    models.CharField(
                        help_text="How the state is usually written in running text.", max_length=80
                    ),
                ),
                ("official_name", models.CharField(max_length=160)),
                ("slug", models.SlugField(db_index=False, max_length=80)),
                ("iso2", models.CharField(max_length=2, verbose_name="ISO 3166 alpha-2")),
                ("iso3", models.CharField(max_length=3, verbose_name="ISO 3166 alpha-3")),
                ("m49", models.CharField(max_length=3, verbose_name="UN M49 code")),
                (
                    "region",
                    models.CharField(
                        choices=[
                            ("Africa", "Africa"),
                            ("Americas", "Americas"),
                            ("Asia", "Asia"),
                            ("Europe", "Europe"),
                            ("Oceania", "Oceania"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "membership",
                    models.CharField(
                        choices=[
                            ("member", "Member state"),
                            ("observer", "Non-member observer state"),
                        ],
                        default="member",
                        max_length=16,
                    ),
                ),
                (
                    "admitted_on",
                    models.DateField(blank=True, null=True, verbose_name="date of UN admission"),
                ),
                ("observer_since", models.DateField(blank=True, null=True)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Organization",
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
                ("name", models.CharField(max_length=200)),
                ("acronym", models.CharField(blank=True, max_length=32)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("un_body", "UN body or department"),
                            ("un_panel", "UN panel or commission"),
                            ("regional", "Regional organization"),
                            ("government", "Government or ministry"),
                            ("think_tank", "Think tank or research institute"),
                            ("civil_society", "Civil society"),
                            ("other", "Other"),
                        ],
                        db_index=True,
                        max_length=24,
                    ),
                ),
                ("website", models.URLField(blank=True)),
                ("description", models.TextField(blank=True, max_length=10000)),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "name", "acronym", config="english_unaccent", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "description", config="english_unaccent", weight="C"
                            ),
                            django.contrib.postgres.search.SearchConfig("english_unaccent"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "publish_organization",
                        "Can publish, schedule, unpublish and archive organization",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OrganizationEvent",
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
                ("acronym", models.CharField(blank=True, max_length=32)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("un_body", "UN body or department"),
                            ("un_panel", "UN panel or commission"),
                            ("regional", "Regional organization"),
                            ("government", "Government or ministry"),
                            ("think_tank", "Think tank or research institute"),
                            ("civil_society", "Civil society"),
                            ("other", "Other"),
                        ],
                        max_length=24,
                    ),
                ),
                ("website", models.URLField(blank=True)),
                ("description", models.TextField(blank=True, max_length=10000)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Person",
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
                (
                    "name",
                    models.CharField(help_text="As written: “Hervé Ladsous”.", max_length=200),
                ),
                (
                    "sort_name",
                    models.CharField(
                        help_text="For alphabetical lists: “Ladsous, Hervé”.", max_length=200
                    ),
                ),
                (
                    "honorific",
                    models.CharField(blank=True, help_text="Mr., Ms., H.E., Dr.", max_length=40),
                ),
                ("biography", models.TextField(blank=True, max_length=10000)),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "name", config="english_unaccent", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "biography", config="english_unaccent", weight="C"
                            ),
                            django.contrib.postgres.search.SearchConfig("english_unaccent"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "people",
                "ordering": ["sort_name"],
                "permissions": [
                    ("publish_person", "Can publish, schedule, unpublish and archive person")
                ],
            },
        ),
        migrations.CreateModel(
            name="PersonEvent",
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
                (
                    "name",
                    models.CharField(help_text="As written: “Hervé Ladsous”.", max_length=200),
                ),
                (
                    "sort_name",
                    models.CharField(
                        help_text="For alphabetical lists: “Ladsous, Hervé”.", max_length=200
                    ),
                ),
                (
                    "honorific",
                    models.CharField(blank=True, help_text="Mr., Ms., H.E., Dr.", max_length=40),
                ),
                ("biography", models.TextField(blank=True, max_length=10000)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Position",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("title", models.CharField(max_length=200)),
                ("started_on", models.DateField(blank=True, null=True)),
                ("ended_on", models.DateField(blank=True, null=True)),
            ],
            options={
                "ordering": ["person", "-started_on"],
            },
        ),
        migrations.CreateModel(
            name="PositionEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("title", models.CharField(max_length=200)),
                ("started_on", models.DateField(blank=True, null=True)),
                ("ended_on", models.DateField(blank=True, null=True)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Topic",
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
                ("name", models.CharField(max_length=120, unique=True)),
                ("description", models.TextField(blank=True, max_length=10000)),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "name", config="english_unaccent", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "description", config="english_unaccent", weight="B"
                            ),
                            django.contrib.postgres.search.SearchConfig("english_unaccent"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "permissions": [
                    ("publish_topic", "Can publish, schedule, unpublish and archive topic")
                ],
            },
        ),
        migrations.CreateModel(
            name="TopicEvent",
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
                ("name", models.CharField(max_length=120)),
                ("description", models.TextField(blank=True, max_length=10000)),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="MemberState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("name", models.CharField(max_length=120, unique=True, verbose_name="UN name")),
                (
                    "short_name",
                    models.CharField(
                        help_text="How the state is usually written in running text.", max_length=80
                    ),
                ),
                ("official_name", models.CharField(max_length=160)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "iso2",
                    models.CharField(max_length=2, unique=True, verbose_name="ISO 3166 alpha-2"),
                ),
                (
                    "iso3",
                    models.CharField(max_length=3, unique=True, verbose_name="ISO 3166 alpha-3"),
                ),
                ("m49", models.CharField(max_length=3, unique=True, verbose_name="UN M49 code")),
                (
                    "region",
                    models.CharField(
                        choices=[
                            ("Africa", "Africa"),
                            ("Americas", "Americas"),
                            ("Asia", "Asia"),
                            ("Europe", "Europe"),
                            ("Oceania", "Oceania"),
                        ],
                        db_index=True,
                        max_length=16,
                    ),
                ),
                (
                    "membership",
                    models.CharField(
                        choices=[
                            ("member", "Member state"),
                            ("observer", "Non-member observer state"),
                        ],
                        default="member",
                        max_length=16,
                    ),
                ),
                (
                    "admitted_on",
                    models.DateField(blank=True, null=True, verbose_name="date of UN admission"),
                ),
                ("observer_since", models.DateField(blank=True, null=True)),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.SearchVector(
                            "name",
                            "short_name",
                            "official_name",
                            "iso3",
                            config="english_unaccent",
                            weight="A",
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="memberstate_search"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("iso2__regex", "^[A-Z]{2}$")),
                        name="memberstate_iso2_format",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("iso3__regex", "^[A-Z]{3}$")),
                        name="memberstate_iso3_format",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("m49__regex", "^[0-9]{3}$")),
                        name="memberstate_m49_format",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("membership__in", ["member", "observer"])),
                        name="memberstate_membership_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("region__in", ["Africa", "Americas", "Asia", "Europe", "Oceania"])
                        ),
                        name="memberstate_region_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("admitted_on__isnull", False), ("membership", "member")),
                            models.Q(("admitted_on__isnull", True), ("membership", "observer")),
                            _connector="OR",
                        ),
                        name="memberstate_admission_matches_membership",
                    ),
                ],
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="memberstate",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_memberstateevent" ("admitted_on", "created_at", "id", "iso2", "iso3", "m49", "membership", "name", "observer_since", "official_name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "region", "short_name", "slug", "updated_at") VALUES (NEW."admitted_on", NEW."created_at", NEW."id", NEW."iso2", NEW."iso3", NEW."m49", NEW."membership", NEW."name", NEW."observer_since", NEW."official_name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."region", NEW."short_name", NEW."slug", NEW."updated_at"); RETURN NULL;',
                    hash="108559647fa758d47c501e0632234edaf7b37b7f",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_1ec50",
                    table="directory_memberstate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="memberstate",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."admitted_on" IS DISTINCT FROM (NEW."admitted_on") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."iso2" IS DISTINCT FROM (NEW."iso2") OR OLD."iso3" IS DISTINCT FROM (NEW."iso3") OR OLD."m49" IS DISTINCT FROM (NEW."m49") OR OLD."membership" IS DISTINCT FROM (NEW."membership") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."observer_since" IS DISTINCT FROM (NEW."observer_since") OR OLD."official_name" IS DISTINCT FROM (NEW."official_name") OR OLD."region" IS DISTINCT FROM (NEW."region") OR OLD."short_name" IS DISTINCT FROM (NEW."short_name") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at"))',
                    func='INSERT INTO "directory_memberstateevent" ("admitted_on", "created_at", "id", "iso2", "iso3", "m49", "membership", "name", "observer_since", "official_name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "region", "short_name", "slug", "updated_at") VALUES (NEW."admitted_on", NEW."created_at", NEW."id", NEW."iso2", NEW."iso3", NEW."m49", NEW."membership", NEW."name", NEW."observer_since", NEW."official_name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."region", NEW."short_name", NEW."slug", NEW."updated_at"); RETURN NULL;',
                    hash="7b4abc43d7e304fc07484187c20480b4a189e671",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_d0193",
                    table="directory_memberstate",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="memberstate",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_memberstateevent" ("admitted_on", "created_at", "id", "iso2", "iso3", "m49", "membership", "name", "observer_since", "official_name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "region", "short_name", "slug", "updated_at") VALUES (OLD."admitted_on", OLD."created_at", OLD."id", OLD."iso2", OLD."iso3", OLD."m49", OLD."membership", OLD."name", OLD."observer_since", OLD."official_name", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."region", OLD."short_name", OLD."slug", OLD."updated_at"); RETURN NULL;',
                    hash="8f3ff2bee8edd6599a5fcaf03ffb2ff311a2fb53",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_96275",
                    table="directory_memberstate",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddField(
            model_name="memberstateevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="memberstateevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="history",
                to="directory.memberstate",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="directory.organization",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="status_changed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="organizationevent",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="directory.organization",
            ),
        ),
        migrations.AddField(
            model_name="organizationevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="organizationevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="history",
                to="directory.organization",
            ),
        ),
        migrations.AddField(
            model_name="organizationevent",
            name="status_changed_by",
            field=models.ForeignKey(
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
        migrations.AddField(
            model_name="person",
            name="status_changed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="personevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="personevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="history",
                to="directory.person",
            ),
        ),
        migrations.AddField(
            model_name="personevent",
            name="status_changed_by",
            field=models.ForeignKey(
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
        migrations.AddField(
            model_name="position",
            name="member_state",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="directory.memberstate",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="directory.organization",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="positions",
                to="directory.person",
            ),
        ),
        migrations.AddField(
            model_name="positionevent",
            name="member_state",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="directory.memberstate",
            ),
        ),
        migrations.AddField(
            model_name="positionevent",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="directory.organization",
            ),
        ),
        migrations.AddField(
            model_name="positionevent",
            name="person",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="directory.person",
            ),
        ),
        migrations.AddField(
            model_name="positionevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="positionevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="history",
                to="directory.position",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="directory.topic",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="status_changed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="topicevent",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="directory.topic",
            ),
        ),
        migrations.AddField(
            model_name="topicevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="topicevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="history",
                to="directory.topic",
            ),
        ),
        migrations.AddField(
            model_name="topicevent",
            name="status_changed_by",
            field=models.ForeignKey(
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
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at"],
                name="organization_public_from",
            ),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["updated_at", "id"],
                include=("publish_at",),
                name="organization_changes",
            ),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name"], name="organization_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="organization_search"
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="directory_organization_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("publish_at__isnull", False),
                    _connector="OR",
                ),
                name="directory_organization_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True),
                name="directory_organization_slug_set",
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(("parent", models.F("id")), _negated=True),
                name="organization_not_own_parent",
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "un_body",
                            "un_panel",
                            "regional",
                            "government",
                            "think_tank",
                            "civil_society",
                            "other",
                        ],
                    )
                ),
                name="organization_kind_valid",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="organization",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_organizationevent" ("acronym", "created_at", "description", "id", "kind", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at", "website") VALUES (NEW."acronym", NEW."created_at", NEW."description", NEW."id", NEW."kind", NEW."name", NEW."parent_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at", NEW."website"); RETURN NULL;',
                    hash="f9fba329d9a57e04c712d61bc68b5a4f493b418a",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_8d3d0",
                    table="directory_organization",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="organization",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."acronym" IS DISTINCT FROM (NEW."acronym") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."parent_id" IS DISTINCT FROM (NEW."parent_id") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at") OR OLD."website" IS DISTINCT FROM (NEW."website"))',
                    func='INSERT INTO "directory_organizationevent" ("acronym", "created_at", "description", "id", "kind", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at", "website") VALUES (NEW."acronym", NEW."created_at", NEW."description", NEW."id", NEW."kind", NEW."name", NEW."parent_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at", NEW."website"); RETURN NULL;',
                    hash="1e5c9b4bcd0136959eb92ea9bfb088c6e3c4d5c2",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_9694d",
                    table="directory_organization",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="organization",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_organizationevent" ("acronym", "created_at", "description", "id", "kind", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at", "website") VALUES (OLD."acronym", OLD."created_at", OLD."description", OLD."id", OLD."kind", OLD."name", OLD."parent_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."slug", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."updated_at", OLD."website"); RETURN NULL;',
                    hash="5804f71bfdb561e91ed3c3b00326d21fee09b663",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_0d755",
                    table="directory_organization",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at"],
                name="person_public_from",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["updated_at", "id"],
                include=("publish_at",),
                name="person_changes",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name"], name="person_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="person_search"
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="directory_person_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("publish_at__isnull", False),
                    _connector="OR",
                ),
                name="directory_person_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True), name="directory_person_slug_set"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="person",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_personevent" ("biography", "created_at", "honorific", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "sort_name", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (NEW."biography", NEW."created_at", NEW."honorific", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."slug", NEW."sort_name", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="fc488e2d4ced044306acf73d9e0c98310343cf39",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_f1db5",
                    table="directory_person",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="person",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."biography" IS DISTINCT FROM (NEW."biography") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."honorific" IS DISTINCT FROM (NEW."honorific") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."sort_name" IS DISTINCT FROM (NEW."sort_name") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at"))',
                    func='INSERT INTO "directory_personevent" ("biography", "created_at", "honorific", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "sort_name", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (NEW."biography", NEW."created_at", NEW."honorific", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."slug", NEW."sort_name", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="e6d58e543ad1dab421387dce95d983644b6a70c7",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_45f75",
                    table="directory_person",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="person",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_personevent" ("biography", "created_at", "honorific", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "sort_name", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (OLD."biography", OLD."created_at", OLD."honorific", OLD."id", OLD."name", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."slug", OLD."sort_name", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."updated_at"); RETURN NULL;',
                    hash="e535f0b73d61a6fc38ac63523cd0e4086ce532b5",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_395d8",
                    table="directory_person",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("organization__isnull", False),
                    ("member_state__isnull", False),
                    _connector="OR",
                ),
                name="position_has_organization_or_state",
                violation_error_message="Say where the position is held: an organization or a member state.",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ended_on__isnull", True),
                    ("started_on__isnull", True),
                    ("ended_on__gte", models.F("started_on")),
                    _connector="OR",
                ),
                name="position_ends_after_start",
                violation_error_message="A position cannot end before it starts.",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="position",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_positionevent" ("created_at", "ended_on", "id", "member_state_id", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "started_on", "title", "updated_at") VALUES (NEW."created_at", NEW."ended_on", NEW."id", NEW."member_state_id", NEW."organization_id", NEW."person_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."started_on", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="b5d5ce6512dc02629f60c957808381c79877df10",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_007d8",
                    table="directory_position",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="position",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "directory_positionevent" ("created_at", "ended_on", "id", "member_state_id", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "started_on", "title", "updated_at") VALUES (NEW."created_at", NEW."ended_on", NEW."id", NEW."member_state_id", NEW."organization_id", NEW."person_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."started_on", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="3c277d05addc171d809df194aa1855aebad0b9c1",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f948e",
                    table="directory_position",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="position",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_positionevent" ("created_at", "ended_on", "id", "member_state_id", "organization_id", "person_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "started_on", "title", "updated_at") VALUES (OLD."created_at", OLD."ended_on", OLD."id", OLD."member_state_id", OLD."organization_id", OLD."person_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."started_on", OLD."title", OLD."updated_at"); RETURN NULL;',
                    hash="e348f4c80fa832a781d4c240fbb8ded6b0cfb3e6",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_a5c53",
                    table="directory_position",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="topic",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at"],
                name="topic_public_from",
            ),
        ),
        migrations.AddIndex(
            model_name="topic",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["updated_at", "id"],
                include=("publish_at",),
                name="topic_changes",
            ),
        ),
        migrations.AddIndex(
            model_name="topic",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name"], name="topic_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="topic",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="topic_search"
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "review", "published", "archived"])),
                name="directory_topic_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("publish_at__isnull", False),
                    _connector="OR",
                ),
                name="directory_topic_published_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.CheckConstraint(
                condition=models.Q(("slug", ""), _negated=True), name="directory_topic_slug_set"
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.CheckConstraint(
                condition=models.Q(("parent", models.F("id")), _negated=True),
                name="topic_not_own_parent",
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Upper("name"), name="topic_name_unique_ci"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="topic",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_topicevent" ("created_at", "description", "id", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (NEW."created_at", NEW."description", NEW."id", NEW."name", NEW."parent_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="c6fc5e7f1756e115e6ba037aca2e2504d4efde20",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_4ef60",
                    table="directory_topic",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="topic",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."parent_id" IS DISTINCT FROM (NEW."parent_id") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at"))',
                    func='INSERT INTO "directory_topicevent" ("created_at", "description", "id", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (NEW."created_at", NEW."description", NEW."id", NEW."name", NEW."parent_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at"); RETURN NULL;',
                    hash="72943b2d0c6a3d89a704533e5f376d9216166bd6",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_4936f",
                    table="directory_topic",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="topic",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_topicevent" ("created_at", "description", "id", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at") VALUES (OLD."created_at", OLD."description", OLD."id", OLD."name", OLD."parent_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."slug", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."updated_at"); RETURN NULL;',
                    hash="7f714f270bd4a8dafe38667f948083a7dd5d0e71",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_207c3",
                    table="directory_topic",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(load_member_states, unload_member_states),
    ]
