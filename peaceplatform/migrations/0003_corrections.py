"""Public corrections (directory.Correction): the page cache's version moves when one
is written, and Publishers may write them (peaceplatform/roles.py)."""

from django.db import migrations

from peaceplatform import roles
from peaceplatform.page_cache import TRIGGER, install_version_triggers

TABLE = "directory_correction"


def install(apps, schema_editor):
    install_version_triggers(schema_editor, [TABLE])


def uninstall(apps, schema_editor):
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_correction"),
        ("peaceplatform", "0002_search_vocabulary"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
        migrations.RunPython(roles.sync, migrations.RunPython.noop),
    ]
