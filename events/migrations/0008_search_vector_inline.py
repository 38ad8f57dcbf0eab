from django.db import migrations

# As reports/migrations/0014_search_vector_inline.py: an event whose body makes its row
# long keeps its search vector in the row, and the body goes out.
SQL = "ALTER TABLE events_event ALTER COLUMN search_vector SET STORAGE MAIN;"
REVERSE_SQL = "ALTER TABLE events_event ALTER COLUMN search_vector SET STORAGE EXTENDED;"


def rewrite_rows(apps, schema_editor):
    """Only a table that holds rows (see reports 0014 for why an empty one is not)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM events_event)")
        if cursor.fetchone()[0]:
            cursor.execute("VACUUM FULL events_event")
            cursor.execute("VACUUM ANALYZE events_event")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("events", "0007_public_from_index")]

    operations = [
        migrations.RunSQL(SQL, REVERSE_SQL),
        migrations.RunPython(rewrite_rows, rewrite_rows),
    ]
