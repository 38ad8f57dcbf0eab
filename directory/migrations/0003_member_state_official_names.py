"""Official names corrected against the UN's list of member states: Libya is the "State
of Libya", Guyana the "Co-operative Republic of Guyana". Every state is written again from
directory/data/member_states.csv, so a database that never runs load_demo (production)
gets the corrections too."""

from django.db import migrations

from directory.member_states import upsert_member_states


def correct_member_states(apps, schema_editor):
    upsert_member_states(apps.get_model("directory", "MemberState"))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_known_names"),
    ]

    operations = [
        migrations.RunPython(correct_member_states, migrations.RunPython.noop),
    ]
