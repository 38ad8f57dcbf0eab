"""Known-item search: other names ("also known as"), the names of the authoring bodies
in the search vector, and the names a query is compared with whole (core/search.py)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

import core.search
from core.storage import keep_in_row

NAMES = """
-- The authoring bodies' names, acronyms and other names, for the report's search
-- vector. Only published bodies: a draft's name must not find anything.
CREATE FUNCTION reports_names_of(target bigint) RETURNS text AS $$
    SELECT COALESCE(string_agg(
        concat_ws(chr(10), o.name, nullif(o.acronym, ''), nullif(o.also_known_as, '')),
        chr(10) ORDER BY o.name, o.id), '')
    FROM reports_report_authors a JOIN directory_organization o ON o.id = a.organization_id
    WHERE a.report_id = target AND o.status = 'published';
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION reports_refresh_facet_keys(target bigint) RETURNS void AS $$
    UPDATE reports_report
    SET facet_keys = reports_facet_keys_of(target), search_names = reports_names_of(target)
    WHERE id = target;
$$ LANGUAGE sql;

-- A body renamed, published or withdrawn: the reports it wrote again.
CREATE FUNCTION reports_author_renamed() RETURNS trigger AS $$
BEGIN
    UPDATE reports_report r SET search_names = reports_names_of(r.id)
    WHERE r.id IN (SELECT report_id FROM reports_report_authors WHERE organization_id = NEW.id);
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER reports_author_renamed
    AFTER UPDATE OF name, acronym, also_known_as, status ON directory_organization
    FOR EACH ROW WHEN ((OLD.name, OLD.acronym, OLD.also_known_as, OLD.status)
                       IS DISTINCT FROM (NEW.name, NEW.acronym, NEW.also_known_as, NEW.status))
    EXECUTE FUNCTION reports_author_renamed();

UPDATE reports_report r SET search_names = reports_names_of(r.id)
WHERE EXISTS (SELECT 1 FROM reports_report_authors a WHERE a.report_id = r.id);
"""

DROP_NAMES = """
DROP TRIGGER reports_author_renamed ON directory_organization;
DROP FUNCTION reports_author_renamed();
CREATE OR REPLACE FUNCTION reports_refresh_facet_keys(target bigint) RETURNS void AS $$
    UPDATE reports_report SET facet_keys = reports_facet_keys_of(target) WHERE id = target;
$$ LANGUAGE sql;
DROP FUNCTION reports_names_of(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("directory", "0002_known_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="report",
            name="keeps_its_copies",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="report",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="report",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="report",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="report",
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
            model_name="reportevent",
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
            model_name="report",
            name="search_names",
            field=models.TextField(blank=True, db_default="", default="", editable=False),
        ),
        # PostgreSQL cannot change a generated column's expression: it is made again,
        # with its index.
        migrations.RemoveIndex(model_name="report", name="report_search"),
        migrations.RemoveField(model_name="report", name="search_vector"),
        migrations.AddField(
            model_name="report",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "title",
                                "search_symbols",
                                "also_known_as",
                                config="english_unaccent",
                                weight="A",
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "subtitle",
                                "summary",
                                "search_names",
                                config="english_unaccent",
                                weight="B",
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
        # Kept in the row, as the column it replaces was (core/storage.py), before
        # its index is built.
        *keep_in_row("reports_report", "search_vector"),
        migrations.AddIndex(
            model_name="report",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="report_search"
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="known_names",
            field=models.GeneratedField(
                db_persist=True,
                expression=core.search.KnownNames("title", "also_known_as"),
                output_field=django.contrib.postgres.fields.ArrayField(
                    base_field=models.TextField(), size=None
                ),
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["known_names"], name="report_known_names"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="report",
            trigger=pgtrigger.compiler.Trigger(
                name="keeps_its_copies",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (pg_trigger_depth() = 0 AND (NEW.facet_keys IS DISTINCT FROM OLD.facet_keys OR NEW.search_names IS DISTINCT FROM OLD.search_names OR NEW.search_symbols IS DISTINCT FROM OLD.search_symbols OR NEW.search_documents IS DISTINCT FROM OLD.search_documents))",
                    func="\n                    IF NEW.facet_keys IS DISTINCT FROM OLD.facet_keys THEN\n                        NEW.facet_keys := reports_facet_keys_of(NEW.id);\n                    END IF;\n                    IF NEW.search_names IS DISTINCT FROM OLD.search_names THEN\n                        NEW.search_names := reports_names_of(NEW.id);\n                    END IF;\n                    IF NEW.search_symbols IS DISTINCT FROM OLD.search_symbols THEN\n                        NEW.search_symbols := reports_symbols_of(NEW.id);\n                    END IF;\n                    IF NEW.search_documents IS DISTINCT FROM OLD.search_documents THEN\n                        NEW.search_documents := reports_documents_of(NEW.id);\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="819870e80486f3a4b13b7cfd46a18f1cb7df82c7",
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
                    func='INSERT INTO "reports_reportevent" ("also_known_as", "body", "created_at", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_on", "slug", "source_url", "status", "status_changed_at", "status_changed_by_id", "subtitle", "summary", "title", "updated_at") VALUES (NEW."also_known_as", NEW."body", NEW."created_at", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."published_on", NEW."slug", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."subtitle", NEW."summary", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="12b9c52184275ba869098b0eed28fb1e47031aa7",
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
                    condition='WHEN (OLD."also_known_as" IS DISTINCT FROM (NEW."also_known_as") OR OLD."body" IS DISTINCT FROM (NEW."body") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."published_on" IS DISTINCT FROM (NEW."published_on") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."source_url" IS DISTINCT FROM (NEW."source_url") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."subtitle" IS DISTINCT FROM (NEW."subtitle") OR OLD."summary" IS DISTINCT FROM (NEW."summary") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at"))',
                    func='INSERT INTO "reports_reportevent" ("also_known_as", "body", "created_at", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_on", "slug", "source_url", "status", "status_changed_at", "status_changed_by_id", "subtitle", "summary", "title", "updated_at") VALUES (NEW."also_known_as", NEW."body", NEW."created_at", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."published_on", NEW."slug", NEW."source_url", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."subtitle", NEW."summary", NEW."title", NEW."updated_at"); RETURN NULL;',
                    hash="59ee59c33dbb17d55cb103eb15bf66f8b5b5d619",
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
                    func='INSERT INTO "reports_reportevent" ("also_known_as", "body", "created_at", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "published_on", "slug", "source_url", "status", "status_changed_at", "status_changed_by_id", "subtitle", "summary", "title", "updated_at") VALUES (OLD."also_known_as", OLD."body", OLD."created_at", OLD."id", OLD."kind", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."published_on", OLD."slug", OLD."source_url", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."subtitle", OLD."summary", OLD."title", OLD."updated_at"); RETURN NULL;',
                    hash="13e7eba137f479e49fcb6644a158973f5210feac",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_6acd6",
                    table="reports_report",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunSQL(NAMES, DROP_NAMES),
    ]
