"""Known-item search: an organization's other names, and the names a query is
compared with whole (core/search.py)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="organization",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="organization",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="organization",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="organization",
            name="also_known_as",
            field=models.TextField(
                blank=True,
                db_default="",
                help_text="Other names people use for it, one per line: nicknames (“HIPPO report”), short titles, former names. Searched like the title; a search for one of them exactly puts this first.",
                max_length=2000,
                verbose_name="also known as",
            ),
        ),
        migrations.AddField(
            model_name="organizationevent",
            name="also_known_as",
            field=models.TextField(
                blank=True,
                db_default="",
                help_text="Other names people use for it, one per line: nicknames (“HIPPO report”), short titles, former names. Searched like the title; a search for one of them exactly puts this first.",
                max_length=2000,
                verbose_name="also known as",
            ),
        ),
        # PostgreSQL cannot change a generated column's expression: it is made again,
        # with its index.
        migrations.RemoveIndex(model_name="organization", name="organization_search"),
        migrations.RemoveField(model_name="organization", name="search_vector"),
        migrations.AddField(
            model_name="organization",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.SearchVector(
                        "name", "acronym", "also_known_as", config="english_unaccent", weight="A"
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
        migrations.AddIndex(
            model_name="organization",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="organization_search"
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="known_names",
            field=models.GeneratedField(
                db_persist=True,
                expression=core.search.KnownNames("name", "acronym", "also_known_as"),
                output_field=django.contrib.postgres.fields.ArrayField(
                    base_field=models.TextField(), size=None
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="organization",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "directory_organizationevent" ("acronym", "also_known_as", "created_at", "description", "id", "kind", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at", "website") VALUES (NEW."acronym", NEW."also_known_as", NEW."created_at", NEW."description", NEW."id", NEW."kind", NEW."name", NEW."parent_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at", NEW."website"); RETURN NULL;',
                    hash="be3670117e0814f3f6369e769290641a0bd8e927",
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
                    condition='WHEN (OLD."acronym" IS DISTINCT FROM (NEW."acronym") OR OLD."also_known_as" IS DISTINCT FROM (NEW."also_known_as") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."parent_id" IS DISTINCT FROM (NEW."parent_id") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at") OR OLD."website" IS DISTINCT FROM (NEW."website"))',
                    func='INSERT INTO "directory_organizationevent" ("acronym", "also_known_as", "created_at", "description", "id", "kind", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at", "website") VALUES (NEW."acronym", NEW."also_known_as", NEW."created_at", NEW."description", NEW."id", NEW."kind", NEW."name", NEW."parent_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."slug", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."updated_at", NEW."website"); RETURN NULL;',
                    hash="5ffdd5aa3124a870f5adb39c1049a6dd029ac9c6",
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
                    func='INSERT INTO "directory_organizationevent" ("acronym", "also_known_as", "created_at", "description", "id", "kind", "name", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "slug", "status", "status_changed_at", "status_changed_by_id", "updated_at", "website") VALUES (OLD."acronym", OLD."also_known_as", OLD."created_at", OLD."description", OLD."id", OLD."kind", OLD."name", OLD."parent_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."slug", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."updated_at", OLD."website"); RETURN NULL;',
                    hash="a9bd02534376dc554515203ff5e6d166f0ce0c0b",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_0d755",
                    table="directory_organization",
                    when="AFTER",
                ),
            ),
        ),
    ]
