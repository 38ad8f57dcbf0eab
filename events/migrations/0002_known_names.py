"""Known-item search: other names ("also known as"), the names of the people taking part
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
-- The names of the people who took part, for the event's search vector. Only
-- published people: a draft's name must not find anything.
CREATE FUNCTION events_names_of(target bigint) RETURNS text AS $$
    SELECT COALESCE(string_agg(p.name, chr(10) ORDER BY pa."order", pa.id), '')
    FROM events_participation pa JOIN directory_person p ON p.id = pa.person_id
    WHERE pa.event_id = target AND p.status = 'published';
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION events_refresh_facet_keys(target bigint) RETURNS void AS $$
    UPDATE events_event SET facet_keys = fresh.keys, search_names = fresh.names
    FROM (SELECT events_facet_keys_of(target) AS keys, events_names_of(target) AS names) fresh
    WHERE id = target AND (facet_keys, search_names) IS DISTINCT FROM (fresh.keys, fresh.names);
$$ LANGUAGE sql;

-- A person renamed, published or withdrawn: the events they took part in again.
CREATE FUNCTION events_person_renamed() RETURNS trigger AS $$
BEGIN
    UPDATE events_event e SET search_names = events_names_of(e.id)
    WHERE e.id IN (SELECT event_id FROM events_participation WHERE person_id = NEW.id);
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER events_person_renamed AFTER UPDATE OF name, status ON directory_person
    FOR EACH ROW WHEN ((OLD.name, OLD.status) IS DISTINCT FROM (NEW.name, NEW.status))
    EXECUTE FUNCTION events_person_renamed();

UPDATE events_event e SET search_names = events_names_of(e.id)
WHERE EXISTS (SELECT 1 FROM events_participation pa
              WHERE pa.event_id = e.id AND pa.person_id IS NOT NULL);
"""

DROP_NAMES = """
DROP TRIGGER events_person_renamed ON directory_person;
DROP FUNCTION events_person_renamed();
CREATE OR REPLACE FUNCTION events_refresh_facet_keys(target bigint) RETURNS void AS $$
    UPDATE events_event SET facet_keys = fresh.keys
    FROM (SELECT events_facet_keys_of(target) AS keys) fresh
    WHERE id = target AND facet_keys IS DISTINCT FROM fresh.keys;
$$ LANGUAGE sql;
DROP FUNCTION events_names_of(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("directory", "0002_known_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="event",
            name="keeps_its_facet_keys",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="event",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="event",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="event",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="event",
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
            model_name="eventevent",
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
            model_name="event",
            name="search_names",
            field=models.TextField(blank=True, db_default="", default="", editable=False),
        ),
        # PostgreSQL cannot change a generated column's expression: it is made again,
        # with its index.
        migrations.RemoveIndex(model_name="event", name="event_search"),
        migrations.RemoveField(model_name="event", name="search_vector"),
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "title", "also_known_as", config="english_unaccent", weight="A"
                            ),
                            "||",
                            django.contrib.postgres.search.SearchVector(
                                "summary", "search_names", config="english_unaccent", weight="B"
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
        # Kept in the row, as the column it replaces was (core/storage.py), before
        # its index is built.
        *keep_in_row("events_event", "search_vector"),
        migrations.AddIndex(
            model_name="event",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="event_search"
            ),
        ),
        migrations.AddField(
            model_name="event",
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
            model_name="event",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["known_names"], name="event_known_names"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="event",
            trigger=pgtrigger.compiler.Trigger(
                name="keeps_its_facet_keys",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (pg_trigger_depth() = 0 AND (NEW.facet_keys IS DISTINCT FROM OLD.facet_keys OR NEW.search_names IS DISTINCT FROM OLD.search_names))",
                    func="NEW.facet_keys := events_facet_keys_of(NEW.id); NEW.search_names := events_names_of(NEW.id); RETURN NEW;",
                    hash="226af26800caf28e2e63d30f6287dbc44e4e496f",
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
                    func='INSERT INTO "events_eventevent" ("also_known_as", "body", "chatham_house_rule", "city", "country_id", "created_at", "edition", "ends_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "series_id", "slug", "source_url", "starts_on", "status", "status_changed_at", "status_changed_by_id", "summary", "title", "updated_at", "venue") VALUES (NEW."also_known_as", NEW."body", NEW."chatham_house_rule", NEW."city", NEW."country_id", NEW."created_at", NEW."edition", NEW."ends_on", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."publish_at", NEW."series_id", NEW."slug", NEW."source_url", NEW."starts_on", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."title", NEW."updated_at", NEW."venue"); RETURN NULL;',
                    hash="d8b89ea206ae5ece5343850a3aa9f6f907796e27",
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
                    condition='WHEN (OLD."also_known_as" IS DISTINCT FROM (NEW."also_known_as") OR OLD."body" IS DISTINCT FROM (NEW."body") OR OLD."chatham_house_rule" IS DISTINCT FROM (NEW."chatham_house_rule") OR OLD."city" IS DISTINCT FROM (NEW."city") OR OLD."country_id" IS DISTINCT FROM (NEW."country_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."edition" IS DISTINCT FROM (NEW."edition") OR OLD."ends_on" IS DISTINCT FROM (NEW."ends_on") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."publish_at" IS DISTINCT FROM (NEW."publish_at") OR OLD."series_id" IS DISTINCT FROM (NEW."series_id") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."source_url" IS DISTINCT FROM (NEW."source_url") OR OLD."starts_on" IS DISTINCT FROM (NEW."starts_on") OR OLD."status" IS DISTINCT FROM (NEW."status") OR OLD."status_changed_at" IS DISTINCT FROM (NEW."status_changed_at") OR OLD."status_changed_by_id" IS DISTINCT FROM (NEW."status_changed_by_id") OR OLD."summary" IS DISTINCT FROM (NEW."summary") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."updated_at" IS DISTINCT FROM (NEW."updated_at") OR OLD."venue" IS DISTINCT FROM (NEW."venue"))',
                    func='INSERT INTO "events_eventevent" ("also_known_as", "body", "chatham_house_rule", "city", "country_id", "created_at", "edition", "ends_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "series_id", "slug", "source_url", "starts_on", "status", "status_changed_at", "status_changed_by_id", "summary", "title", "updated_at", "venue") VALUES (NEW."also_known_as", NEW."body", NEW."chatham_house_rule", NEW."city", NEW."country_id", NEW."created_at", NEW."edition", NEW."ends_on", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."publish_at", NEW."series_id", NEW."slug", NEW."source_url", NEW."starts_on", NEW."status", NEW."status_changed_at", NEW."status_changed_by_id", NEW."summary", NEW."title", NEW."updated_at", NEW."venue"); RETURN NULL;',
                    hash="4c934ad42bd10bcce5e4a49ccb758b6e63dc82b2",
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
                    func='INSERT INTO "events_eventevent" ("also_known_as", "body", "chatham_house_rule", "city", "country_id", "created_at", "edition", "ends_on", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "publish_at", "series_id", "slug", "source_url", "starts_on", "status", "status_changed_at", "status_changed_by_id", "summary", "title", "updated_at", "venue") VALUES (OLD."also_known_as", OLD."body", OLD."chatham_house_rule", OLD."city", OLD."country_id", OLD."created_at", OLD."edition", OLD."ends_on", OLD."id", OLD."kind", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."publish_at", OLD."series_id", OLD."slug", OLD."source_url", OLD."starts_on", OLD."status", OLD."status_changed_at", OLD."status_changed_by_id", OLD."summary", OLD."title", OLD."updated_at", OLD."venue"); RETURN NULL;',
                    hash="6b063c1d74b54fe5a5602045ca607e4f9aad071a",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_d74a6",
                    table="events_event",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunSQL(NAMES, DROP_NAMES),
    ]
