from django.db import migrations


class Migration(migrations.Migration):
    """RecommendationUpdate.status becomes implementation_status: `status` is now the
    update's own editorial workflow (core.publishing.status.Workflowed)."""

    dependencies = [("reports", "0008_public_from_index")]

    operations = [
        migrations.RemoveConstraint(
            model_name="recommendationupdate", name="recommendationupdate_status_valid"
        ),
        migrations.RenameField(
            model_name="recommendationupdate", old_name="status", new_name="implementation_status"
        ),
        migrations.RenameField(
            model_name="recommendationupdateevent",
            old_name="status",
            new_name="implementation_status",
        ),
    ]
