from django.db import migrations

from core.storage import keep_in_row

# As reports/migrations/0014_search_vector_inline.py: an event whose body makes its row
# long keeps its search vector in the row, and the body goes out.


class Migration(migrations.Migration):
    dependencies = [("events", "0007_public_from_index")]

    operations = keep_in_row("events_event", "search_vector")
