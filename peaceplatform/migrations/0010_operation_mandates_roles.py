"""Mandates, leaders and uniformed contributions: curated with their operation."""

from django.db import migrations

from peaceplatform import roles


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0002_mandates_leaders_contributions"),
        ("peaceplatform", "0009_operations_roles"),
    ]

    operations = [migrations.RunPython(roles.sync, migrations.RunPython.noop)]
