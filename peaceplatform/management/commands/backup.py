from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from peaceplatform import backups


class Command(BaseCommand):
    help = "Write a timestamped pg_dump (custom format) of the database; keep the newest N."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", type=Path, default=None, help="Default: $BACKUP_DIR or var/backups."
        )
        parser.add_argument(
            "--keep", type=int, default=7, help="How many backups to keep (default 7; 0: all)."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, directory, keep, database, **options):
        if keep < 0:
            raise CommandError("--keep must be 0 (keep all) or a positive number.")
        target, removed = backups.backup(
            connections[database].settings_dict, directory or backups.default_directory(), keep
        )
        size = target.stat().st_size
        self.stdout.write(f"Backup written: {target} ({size:,} bytes)")
        for old in removed:
            self.stdout.write(f"Removed old backup {old.name}")
