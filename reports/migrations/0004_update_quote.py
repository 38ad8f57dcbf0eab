"""An implementation update may quote its source's own words beside our assessment."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_recommendation_label_source"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="recommendationupdate",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="recommendationupdate",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="recommendationupdate",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="recommendationupdate",
            name="quote",
            field=models.TextField(
                blank=True,
                db_default="",
                help_text="Optional: the source's own words, quoted exactly.",
                max_length=2000,
            ),
        ),
        migrations.AddField(
            model_name="recommendationupdateevent",
            name="quote",
            field=models.TextField(
                blank=True,
                db_default="",
                help_text="Optional: the source's own words, quoted exactly.",
                max_length=2000,
            ),
        ),
        migrations.AlterField(
            model_name="recommendationupdate",
            name="implementation_status",
            field=models.CharField(
                choices=[
                    ("not_started", "Not started"),
                    ("in_progress", "In progress"),
                    ("partial", "Partially implemented"),
                    ("implemented", "Implemented"),
                    ("superseded", "Superseded"),
                    ("no_longer_relevant", "No longer relevant"),
                ],
                help_text="Our assessment, from the source (see the methodology page).",
                max_length=24,
                verbose_name="status of implementation",
            ),
        ),
        migrations.AlterField(
            model_name="recommendationupdate",
            name="summary",
            field=models.TextField(
                help_text="What the source shows, in our words: the status is our assessment of it."
            ),
        ),
        migrations.AlterField(
            model_name="recommendationupdateevent",
            name="implementation_status",
            field=models.CharField(
                choices=[
                    ("not_started", "Not started"),
                    ("in_progress", "In progress"),
                    ("partial", "Partially implemented"),
                    ("implemented", "Implemented"),
                    ("superseded", "Superseded"),
                    ("no_longer_relevant", "No longer relevant"),
                ],
                help_text="Our assessment, from the source (see the methodology page).",
                max_length=24,
                verbose_name="status of implementation",
            ),
        ),
        migrations.AlterField(
            model_name="recommendationupdateevent",
            name="summary",
            field=models.TextField(
                help_text="What the source shows, in our words: the status is our assessment of it."
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="recommendationupdate",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "reports_recommendationupdateevent" ("created_at", "dated", "id", "implementation_status", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "quote", "recommendation_id", "source_event_id", "source_report_id", "source_url", "status", "status_changed_at", "status_changed_by_id", "summary", "updated_at") VALUES (NEW."created_at", NEW."dated", NEW."id", NEW."implementation_status", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."quote", NEW."recommendation_id", NEW."source_event_id", NEW."source_report_id", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="c9c3d313c2dbd7ecad7d3ed1e28c7fedf5766756",
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
                    func='INSERT INTO "reports_recommendationupdateevent" ("created_at", "dated", "id", "implementation_status", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "quote", "recommendation_id", "source_event_id", "source_report_id", "source_url", "status", "status_changed_at", "status_changed_by_id", "summary", "updated_at") VALUES (NEW."created_at", NEW."dated", NEW."id", NEW."implementation_status", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."quote", NEW."recommendation_id", NEW."source_event_id", NEW."source_report_id", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."updated_at"); RETURN NULL;',
                    hash="f9d694928ee282c37f32400a1bdee675d5db14d5",
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
                    func='INSERT INTO "reports_recommendationupdateevent" ("created_at", "dated", "id", "implementation_status", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "quote", "recommendation_id", "source_event_id", "source_report_id", "source_url", "status", "status_changed_at", "status_changed_by_id", "summary", "updated_at") VALUES (OLD."created_at", OLD."dated", OLD."id", OLD."implementation_status", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."quote", OLD."recommendation_id", OLD."source_event_id", OLD."source_report_id", OLD."source_url", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."summary", OLD."updated_at"); RETURN NULL;',
                    hash="025482d50a5bd28fd6f8edfc134bc95de97cd3e7",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_522d1",
                    table="reports_recommendationupdate",
                    when="AFTER",
                ),
            ),
        ),
    ]
