"""Whose a recommendation's label is: the document's own reference, or a label of ours
(the default for every existing row: the platform never claims a numbering the document
does not print)."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_member_state_official_names"),
        ("events", "0002_known_names"),
        ("reports", "0002_known_names"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="recommendation",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="recommendation",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="recommendation",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="recommendation",
            name="label_source",
            field=models.CharField(
                choices=[
                    ("document", "The document's own reference, as printed"),
                    ("ours", "A label of ours"),
                ],
                db_default="ours",
                default="ours",
                help_text="The document's own reference, as printed, or a label of ours; pages and the API say which.",
                max_length=16,
                verbose_name="whose label",
            ),
        ),
        migrations.AddField(
            model_name="recommendationevent",
            name="label_source",
            field=models.CharField(
                choices=[
                    ("document", "The document's own reference, as printed"),
                    ("ours", "A label of ours"),
                ],
                db_default="ours",
                default="ours",
                help_text="The document's own reference, as printed, or a label of ours; pages and the API say which.",
                max_length=16,
                verbose_name="whose label",
            ),
        ),
        migrations.AlterField(
            model_name="recommendation",
            name="label",
            field=models.CharField(
                help_text="As numbered in the report (“para. 45”, “III.B.2”), or a short label of ours (“Shift 1”) when the report does not number it.",
                max_length=32,
            ),
        ),
        migrations.AlterField(
            model_name="recommendationevent",
            name="label",
            field=models.CharField(
                help_text="As numbered in the report (“para. 45”, “III.B.2”), or a short label of ours (“Shift 1”) when the report does not number it.",
                max_length=32,
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendation",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationevent" ("created_at", "id", "label", "label_source", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "slug", "text", "title", "updated_at") VALUES (NEW."created_at", NEW."id", NEW."label", NEW."label_source", NEW."order", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."report_id", NEW."slug", NEW."text", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="979ed8fa3f2b0916f73a802147beb7cd42cc7265",
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
                    condition='WHEN (OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."label" IS DISTINCT FROM (NEW."label") OR OLD."label_source" IS DISTINCT FROM (NEW."label_source") OR OLD."order" IS DISTINCT FROM (NEW."order") OR OLD."report_id" IS DISTINCT FROM (NEW."report_id") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."text" IS DISTINCT FROM (NEW."text") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at"))',
                    func='INSERT INTO "reports_recommendationevent" ("created_at", "id", "label", "label_source", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "slug", "text", "title", "updated_at") VALUES (NEW."created_at", NEW."id", NEW."label", NEW."label_source", NEW."order", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."report_id", NEW."slug", NEW."text", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="faa4fa35a81b81656353877655e933ebbb28c25d",
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
                    func='INSERT INTO "reports_recommendationevent" ("created_at", "id", "label", "label_source", "order", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "report_id", "slug", "text", "title", "updated_at") VALUES (OLD."created_at", OLD."id", OLD."label", OLD."label_source", OLD."order", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."report_id", OLD."slug", OLD."text", OLD."title", OLD."updated_at"); RETURN NULL;',
                    hash="8139190adfceb2212d99b190b78b5e44df7f4294",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_12cd1",
                    table="reports_recommendation",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(("label_source__in", ["document", "ours"])),
                name="recommendation_label_source_valid",
            ),
        ),
    ]
