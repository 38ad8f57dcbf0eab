"""The catalogue's words, for "Did you mean …?" (core/vocabulary.py)."""

from django.db import migrations

from core.vocabulary import DROP_SQL, create_sql


def create_view(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
    schema_editor.execute(create_sql(schema))


def drop_view(apps, schema_editor):
    schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("peaceplatform", "0001_initial"),
        ("reports", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_view, drop_view)]
