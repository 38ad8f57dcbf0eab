"""Text search configurations for the languages content is translated into (issue
28): each stems like PostgreSQL's own and ignores accents, as english_unaccent does
(0001), so that a generated search vector can hold them (core/search.py)."""

from django.db import migrations

LANGUAGES = ("french", "spanish", "russian")


def create(language: str) -> str:
    return f"""
CREATE TEXT SEARCH CONFIGURATION {language}_unaccent (COPY = {language});
ALTER TEXT SEARCH CONFIGURATION {language}_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem;
"""


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_methodology_page")]

    operations = [
        migrations.RunSQL(create(language), f"DROP TEXT SEARCH CONFIGURATION {language}_unaccent")
        for language in LANGUAGES
    ]
