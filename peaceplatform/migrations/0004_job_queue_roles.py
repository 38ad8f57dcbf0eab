"""The job queue (procrastinate): every role may see its jobs (peaceplatform/roles.py)."""

from django.db import migrations

from peaceplatform import roles


class Migration(migrations.Migration):
    dependencies = [
        ("procrastinate", "0041_post_retry_failed_job"),
        ("reports", "0005_document_text_queued"),
        ("peaceplatform", "0003_corrections_and_pages"),
    ]

    operations = [migrations.RunPython(roles.sync, migrations.RunPython.noop)]
