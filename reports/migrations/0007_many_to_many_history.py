from django.db import migrations

from core.publishing.history import many_to_many_triggers


class Migration(migrations.Migration):
    """History triggers on the reports app's many-to-many tables (see core.publishing.history)."""

    dependencies = [("reports", "0006_document_uploads"), ("events", "0006_many_to_many_history")]

    operations = [migrations.RunPython(*many_to_many_triggers("reports"))]
