"""The demo content for tests, loaded by the real command once per run and then copied
back into each test that asks for it.

`load_demo` takes about 0.9 s (hundreds of upserts, each with its history trigger), and
some 300 tests want the demo: five minutes of a run. The first time, the command runs
on empty content tables inside a savepoint, and the rows it leaves in every table of
the content apps (history included) are copied out with COPY; the savepoint is then
rolled back. Each test after that deletes those tables' rows and copies the snapshot
in, with triggers off (`session_replication_role = replica`, which also skips foreign
key checks: the rows are the command's own, consistent by construction). So each test
gets exactly what `load_demo` writes on an empty database, whatever ran before it.
Public corrections name their items' content types by id, and a transactional test's
flush makes those anew, with new ids: a snapshot taken under other ids is taken again.

Turning triggers off needs a superuser (the embedded server's user is one). Elsewhere
`restore` answers False and the fixture runs the command every time."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from core.publishing import CONTENT_APPS

SNAPSHOT: dict[str, bytes] = {}
# The content types the snapshot's rows name, as they were when it was taken.
SNAPSHOT_CONTENT_TYPES: dict[int, tuple[str, str]] = {}


class _Discard(Exception):
    """Raised to roll back the savepoint the snapshot was taken in."""


def content_models():
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                yield model


def tables() -> list[str]:
    return sorted({model._meta.db_table for model in content_models()})


def copy_out(cursor, table) -> bytes:
    with cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
        return b"".join(bytes(block) for block in copy)


def copy_in(cursor, table, data: bytes):
    with cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy:
        copy.write(data)


def content_types() -> dict[int, tuple[str, str]]:
    from django.contrib.contenttypes.models import ContentType

    return {
        pk: (app, model)
        for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
    }


def triggers_off(cursor) -> bool:
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    # SET LOCAL inside the savepoint ended with it: set it again, for the transaction.
    cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def take():
    """Run load_demo on empty content tables and keep what it wrote; change nothing."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
                for table in tables():
                    cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
                cursor.execute("SET LOCAL session_replication_role = origin")
            call_command("load_demo", verbosity=0)
            with connection.cursor() as cursor:
                for table in tables():
                    SNAPSHOT[table] = copy_out(cursor, table)
            SNAPSHOT_CONTENT_TYPES.clear()
            SNAPSHOT_CONTENT_TYPES.update(content_types())
            raise _Discard
    except _Discard:
        pass


def restore() -> bool:
    """Put the demo content in place of the content tables' rows; False if this
    database user cannot."""
    # One transaction (a savepoint inside a test's): SET LOCAL lasts until its end.
    with transaction.atomic(), connection.cursor() as cursor:
        if not triggers_off(cursor):
            return False
        if SNAPSHOT and content_types() != SNAPSHOT_CONTENT_TYPES:
            SNAPSHOT.clear()
        if not SNAPSHOT:
            cursor.execute("SET LOCAL session_replication_role = origin")
            take()
            cursor.execute("SET LOCAL session_replication_role = replica")
        for table in tables():
            cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
            copy_in(cursor, table, SNAPSHOT[table])
        cursor.execute("SET LOCAL session_replication_role = origin")
        for statement in connection.ops.sequence_reset_sql(no_style(), list(content_models())):
            cursor.execute(statement)
    return True
