from django.db import migrations

from core.publishing.history import many_to_many_triggers


class Migration(migrations.Migration):
    """History triggers on events_event_topics (see core.publishing.history)."""

    dependencies = [("events", "0005_workflow_and_history")]

    operations = [migrations.RunPython(*many_to_many_triggers("events"))]
