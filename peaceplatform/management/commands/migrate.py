"""Django's `migrate`, with each migration and the record that it ran committed
together, on databases that can roll DDL back (PostgreSQL).

Django records a migration that leaves deferred SQL (foreign keys and indexes: most
CreateModel migrations, auth's first among them) only after that migration's own
transaction has committed (Django ticket #32374, for databases whose DDL cannot be
rolled back). A process killed in between (a `make run` stopped while it migrates, a
deploy cut short) left the tables made but the migration unrecorded, and every later
`migrate` failed with "relation … already exists" until someone repaired the database
by hand. Here the transaction opens when the executor says a migration starts and
commits when it says the migration is recorded: a kill rolls back that migration and
its record alike, and the next run applies it again.

One transaction per migration, not one for the whole run: procrastinate's migrations
add enum values that a later migration uses, which PostgreSQL allows only once the
addition is committed."""

import contextlib

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections, transaction


class Command(DjangoMigrate):
    help = DjangoMigrate.help + " Each migration commits with its record."

    def handle(self, *args, **options):
        self.database = options["database"]
        self.migration_transaction = contextlib.ExitStack()
        with self.migration_transaction:  # an error rolls back the migration it stopped
            return super().handle(*args, **options)

    def migration_progress_callback(self, action, migration=None, fake=False):
        if action in ("apply_start", "unapply_start") and self.in_own_transaction(migration):
            self.migration_transaction.enter_context(transaction.atomic(using=self.database))
        elif action in ("apply_success", "unapply_success"):
            self.migration_transaction.close()  # commits the migration and its record
        super().migration_progress_callback(action, migration, fake)

    def in_own_transaction(self, migration) -> bool:
        # A non-atomic migration (CREATE INDEX CONCURRENTLY) cannot run in a
        # transaction; it keeps Django's own handling.
        return migration.atomic and connections[self.database].features.can_rollback_ddl
