import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0003_recency_index")]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="participation",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
    ]
