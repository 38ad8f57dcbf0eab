"""The content version (peaceplatform/page_cache.py) follows the tables the operations'
mandates, leaders and contributions and the reports', recommendations' and events'
links to operations are kept in: a change to any of them is a change to public pages."""

from django.db import migrations

from peaceplatform.page_cache import content_tables, install_version_triggers


def install(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    install_version_triggers(schema_editor, [t for t in content_tables() if t in existing])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_operations_links"),
        ("operations", "0002_mandates_leaders_contributions"),
        ("reports", "0006_operations_links"),
        ("peaceplatform", "0010_operation_mandates_roles"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
