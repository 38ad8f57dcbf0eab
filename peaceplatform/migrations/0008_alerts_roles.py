"""Alerts: every role may see what visitors follow (counts; addresses for Administrators)."""

from django.db import migrations

from peaceplatform import roles


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("peaceplatform", "0007_change_by_item"),
    ]

    operations = [migrations.RunPython(roles.sync, migrations.RunPython.noop)]
