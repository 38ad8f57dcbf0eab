"""Every report's facet keys carry a sample key, "sample:<id modulo 256>", so that a
ticked facet's counts over a broad base can be estimated from an even sample of it
read through the keys' index (core/search.py SAMPLE_BUCKETS, FacetedFilterSetMixin.
key_sample). The id never changes, so the key needs no trigger of its own: it is worked
out with the others whenever a report's links change, and once here for every report."""

from django.db import migrations

KEYS_OF = """
CREATE OR REPLACE FUNCTION reports_facet_keys_of(target bigint) RETURNS varchar(40)[] AS $$
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
        SAMPLE
    ) keys;
$$ LANGUAGE sql STABLE;
"""
KEYS_WITH_SAMPLE = KEYS_OF.replace("SAMPLE", "UNION SELECT 'sample:' || (target % 256)")
KEYS_WITHOUT_SAMPLE = KEYS_OF.replace("SAMPLE", "")  # as reports 0001 made it

# Run at depth 0, the BEFORE UPDATE trigger keeps_its_copies works the keys out again
# from the function, whatever is written: writing the function's own result once.
REFRESH_ALL = "UPDATE reports_report SET facet_keys = reports_facet_keys_of(id);"


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_labels_translated")]

    operations = [
        migrations.RunSQL(
            KEYS_WITH_SAMPLE + REFRESH_ALL, reverse_sql=KEYS_WITHOUT_SAMPLE + REFRESH_ALL
        ),
    ]
