from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The API's rate-limit counters live in the cache (settings.CACHES); with the
    # database cache, its table must exist wherever the app runs. A no-op with Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("peaceplatform", "0001_partner_keys")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
