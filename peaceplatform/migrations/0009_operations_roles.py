"""Operations: curated like the rest of the content (Editors draft, Publishers publish)."""

from django.db import migrations

from peaceplatform import roles


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("peaceplatform", "0008_alerts_roles"),
    ]

    operations = [migrations.RunPython(roles.sync, migrations.RunPython.noop)]
