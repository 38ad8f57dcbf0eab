from django.db import migrations

# As reports/migrations/0014_search_vector_inline.py: an event whose description makes
# its row long keeps its search vector in the row, and the description goes out.
SQL = "ALTER TABLE events_event ALTER COLUMN search_vector SET STORAGE MAIN;"
REVERSE_SQL = "ALTER TABLE events_event ALTER COLUMN search_vector SET STORAGE EXTENDED;"


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("events", "0007_public_from_index")]

    operations = [
        migrations.RunSQL(SQL, REVERSE_SQL),
        migrations.RunSQL("VACUUM FULL events_event", "VACUUM FULL events_event"),
        migrations.RunSQL("VACUUM ANALYZE events_event", migrations.RunSQL.noop),
    ]
