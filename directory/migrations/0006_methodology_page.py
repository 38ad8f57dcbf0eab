"""The methodology page, published as the platform ships it (directory/pages/), so that
curators find it in the admin ready to edit."""

from django.db import migrations
from django.db.models.functions import Now

from directory.pages import DEFAULT_PAGES, default_page


def publish_default_pages(apps, schema_editor):
    Page = apps.get_model("directory", "Page")
    for address in DEFAULT_PAGES:
        Page.objects.get_or_create(
            slug=address,
            defaults={**default_page(address), "status": "published", "publish_at": Now()},
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_page")]

    operations = [migrations.RunPython(publish_default_pages, migrations.RunPython.noop)]
