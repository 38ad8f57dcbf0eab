"""Load all 193 UN member states and the 2 non-member observer states."""

from django.db import migrations

from directory.member_states import rows, upsert_member_states


def load(apps, schema_editor):
    upsert_member_states(apps.get_model("directory", "MemberState"))


def unload(apps, schema_editor):
    MemberState = apps.get_model("directory", "MemberState")
    MemberState.objects.filter(iso3__in=[row["iso3"] for row in rows()]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
