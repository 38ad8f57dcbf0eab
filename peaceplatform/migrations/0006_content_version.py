from django.db import migrations, models

from peaceplatform.page_cache import (
    FUNCTION,
    FUNCTION_SQL,
    SEQUENCE,
    TRIGGER,
    content_tables,
    install_version_triggers,
)


def install(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    install_version_triggers(schema_editor, [t for t in content_tables() if t in existing])
    schema_editor.execute(
        "INSERT INTO peaceplatform_contentversion VALUES "
        "(1, nextval('platform_content_version_seq'), now())"
    )


def uninstall(apps, schema_editor):
    quote = schema_editor.quote_name
    existing = set(schema_editor.connection.introspection.table_names())
    for table in content_tables():
        if table in existing:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")


class Migration(migrations.Migration):
    """The content version behind the public page cache (peaceplatform/page_cache.py)."""

    dependencies = [
        ("peaceplatform", "0005_roles"),
        ("directory", "0006_public_from_index"),
        ("events", "0007_public_from_index"),
        ("reports", "0008_public_from_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("version", models.BigIntegerField()),
                ("changed_at", models.DateTimeField()),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="contentversion_one_row"
                    )
                ],
            },
        ),
        migrations.RunSQL(
            FUNCTION_SQL,
            reverse_sql=f"DROP FUNCTION IF EXISTS {FUNCTION}() CASCADE; "
            f"DROP SEQUENCE IF EXISTS {SEQUENCE};",
        ),
        migrations.RunPython(install, uninstall),
    ]
