"""A text search configuration that folds accents: English stemming after unaccent.

Generated search_vector columns (here and in events and reports) name it, so it must
exist before them. See core/search.py for why it is a configuration and not a
call to unaccent() in each expression."""

from django.db import migrations

CREATE = """
CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;"


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_member_states")]

    operations = [migrations.RunSQL(CREATE, DROP)]
