"""The French names and acronyms of the operations that ship (operations/known.py): on
a database made before they were in the reference list. A name or other names a curator
entered are kept."""

from django.db import migrations


def add_french_names(apps, schema_editor):
    from operations.known import add_french_names as add

    add(apps.get_model("operations", "Operation"))


class Migration(migrations.Migration):
    dependencies = [("operations", "0005_search_per_language")]

    operations = [migrations.RunPython(add_french_names, migrations.RunPython.noop)]
