from django.db import migrations

from peaceplatform import roles


class Migration(migrations.Migration):
    """The staff roles: Editor, Publisher, Administrator (see peaceplatform/roles.py)."""

    dependencies = [
        ("peaceplatform", "0004_trash"),
        ("directory", "0005_workflow_and_history"),
        ("events", "0005_workflow_and_history"),
        ("reports", "0005_workflow_and_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(roles.sync, migrations.RunPython.noop)]
