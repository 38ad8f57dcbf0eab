import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

# An event's topics and the member states and organizations taking part, copied onto
# its row as facet keys on every change whoever makes it (admin, import, bulk update or
# raw SQL), as reports/migrations/0011_facet_keys.py does for reports.
TRIGGERS = """
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

-- The event a row left, and the event it joined (or the same event, whose participant
-- may now represent another state or body).
CREATE FUNCTION events_facet_keys_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM events_refresh_facet_keys(OLD.event_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.event_id <> OLD.event_id) THEN
        PERFORM events_refresh_facet_keys(NEW.event_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- The keys are the link tables' to write. An UPDATE of the event that says otherwise
-- (a model saved from an instance loaded before its links changed writes back the keys
-- it read) gets them worked out again. Not the refresh's own UPDATE, issued from the
-- triggers above (pg_trigger_depth() > 0), which has just worked them out.
CREATE FUNCTION events_keep_facet_keys() RETURNS trigger AS $$
BEGIN
    NEW.facet_keys := events_facet_keys_of(NEW.id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER event_keeps_its_facet_keys
    BEFORE UPDATE ON events_event
    FOR EACH ROW WHEN (NEW.facet_keys IS DISTINCT FROM OLD.facet_keys AND pg_trigger_depth() = 0)
    EXECUTE FUNCTION events_keep_facet_keys();
CREATE TRIGGER event_topics_facet_keys
    AFTER INSERT OR UPDATE OR DELETE ON events_event_topics
    FOR EACH ROW EXECUTE FUNCTION events_facet_keys_trigger();
CREATE TRIGGER participation_facet_keys
    AFTER INSERT OR UPDATE OR DELETE ON events_participation
    FOR EACH ROW EXECUTE FUNCTION events_facet_keys_trigger();

UPDATE events_event SET facet_keys = events_facet_keys_of(id);
"""

DROP_TRIGGERS = """
ALTER TABLE events_event ALTER COLUMN facet_keys DROP DEFAULT;
DROP TRIGGER IF EXISTS event_keeps_its_facet_keys ON events_event;
DROP FUNCTION IF EXISTS events_keep_facet_keys();
DROP TRIGGER IF EXISTS event_topics_facet_keys ON events_event_topics;
DROP TRIGGER IF EXISTS participation_facet_keys ON events_participation;
DROP FUNCTION IF EXISTS events_facet_keys_trigger();
DROP FUNCTION IF EXISTS events_refresh_facet_keys(bigint);
DROP FUNCTION IF EXISTS events_facet_keys_of(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_public_from_index"),
        ("events", "0008_search_vector_inline"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="facet_keys",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=40), default=list, editable=False, size=None
            ),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.AddIndex(
            model_name="event",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["facet_keys"], name="event_facet_keys"
            ),
        ),
    ]
