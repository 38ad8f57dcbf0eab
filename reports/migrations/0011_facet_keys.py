import django.contrib.postgres.fields
from django.db import migrations, models

# A report's links (topics, authoring bodies, member states, document languages) copied
# onto its row as facet keys, on every change whoever makes it (admin, import, bulk
# update or raw SQL), like the search copies of migration 0002.
TRIGGERS = """
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

-- The same moves as reports_search_copies_trigger (migration 0002): the report a row
-- left, and the report it joined.
CREATE FUNCTION reports_facet_keys_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM reports_refresh_facet_keys(OLD.report_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.report_id <> OLD.report_id) THEN
        PERFORM reports_refresh_facet_keys(NEW.report_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER report_topics_facet_keys
    AFTER INSERT OR UPDATE OR DELETE ON reports_report_topics
    FOR EACH ROW EXECUTE FUNCTION reports_facet_keys_trigger();
CREATE TRIGGER report_authors_facet_keys
    AFTER INSERT OR UPDATE OR DELETE ON reports_report_authors
    FOR EACH ROW EXECUTE FUNCTION reports_facet_keys_trigger();
CREATE TRIGGER report_member_states_facet_keys
    AFTER INSERT OR UPDATE OR DELETE ON reports_report_member_states
    FOR EACH ROW EXECUTE FUNCTION reports_facet_keys_trigger();
CREATE TRIGGER reportdocument_facet_keys
    AFTER INSERT OR UPDATE OR DELETE ON reports_reportdocument
    FOR EACH ROW EXECUTE FUNCTION reports_facet_keys_trigger();

SELECT reports_refresh_facet_keys(id) FROM reports_report;
"""

DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS report_topics_facet_keys ON reports_report_topics;
DROP TRIGGER IF EXISTS report_authors_facet_keys ON reports_report_authors;
DROP TRIGGER IF EXISTS report_member_states_facet_keys ON reports_report_member_states;
DROP TRIGGER IF EXISTS reportdocument_facet_keys ON reports_reportdocument;
DROP FUNCTION IF EXISTS reports_facet_keys_trigger();
DROP FUNCTION IF EXISTS reports_refresh_facet_keys(bigint);
DROP FUNCTION IF EXISTS reports_facet_keys_of(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_recommendation_tracker"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="facet_keys",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=40),
                default=list,
                editable=False,
                size=None,
            ),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
    ]
