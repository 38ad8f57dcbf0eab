"""Public corrections and the site's own pages (directory.Correction, directory.Page):
the page cache's version moves when either is written, Publishers may write
corrections and publish pages (peaceplatform/roles.py)."""

from django.db import migrations

from peaceplatform import roles
from peaceplatform.page_cache import TRIGGER, install_version_triggers

TABLES = ["directory_correction", "directory_page"]


def install(apps, schema_editor):
    install_version_triggers(schema_editor, TABLES)


def uninstall(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {TRIGGER} ON {schema_editor.quote_name(table)}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_methodology_page"),
        ("peaceplatform", "0002_search_vocabulary"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
        migrations.RunPython(roles.sync, migrations.RunPython.noop),
    ]
