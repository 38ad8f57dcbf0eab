from django.db import migrations

from peaceplatform import roles
from peaceplatform.page_cache import content_tables, install_version_triggers


def install(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    install_version_triggers(schema_editor, [t for t in content_tables() if t in existing])


class Migration(migrations.Migration):
    """The page cache's content version follows the recommendation tracker's new
    tables (links between recommendations, responsible entities, citing reports), and
    the roles gain the new permissions (publishing implementation updates)."""

    dependencies = [
        ("peaceplatform", "0006_content_version"),
        ("reports", "0010_recommendation_tracker"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
        migrations.RunPython(roles.sync, migrations.RunPython.noop),
    ]
