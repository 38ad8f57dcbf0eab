from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connections

from peaceplatform import backups
from peaceplatform.env import parse_database_url


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--database-url",
            default=None,
            help="Restore there instead of the configured database (postgres://…).",
        )

    def handle(self, *args, file, database_url, **options):
        connection = (
            parse_database_url("--database-url", database_url)
            if database_url
            else connections["default"].settings_dict
        )
        backups.restore(connection, file)
        self.stdout.write(f"Restored {file} into {connection['NAME']}.")
