"""A change to an operation's mandates (their tasks included), leaders or figures is
a change to the operation: its `updated_at` moves, so the API's `updated_since` and
`ordering=updated`, the changes feed and its webhooks all see it, deletions too.

Statement-level triggers with transition tables: an import of thousands of figures
touches each operation once per statement, not once per row. The clock's time, not
the transaction's: two changes in one transaction still differ from each other and
from the curator's own save of the operation just before."""

from django.db import migrations

PARTS = ["operations_mandate", "operations_leader", "operations_contribution"]
TASKS = "operations_mandate_tasks"

FUNCTIONS = """
CREATE FUNCTION operations_touch_operations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE operations_operation SET updated_at = clock_timestamp()
     WHERE id IN (SELECT operation_id FROM changed_rows);
    RETURN NULL;
END $$;
CREATE FUNCTION operations_touch_operations_of_mandates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE operations_operation SET updated_at = clock_timestamp()
     WHERE id IN (
        SELECT mandate.operation_id FROM operations_mandate AS mandate
          JOIN changed_rows ON changed_rows.mandate_id = mandate.id
     );
    RETURN NULL;
END $$;
"""


def triggers(table: str, function: str, events: list[tuple[str, str]]) -> str:
    # A trigger per event and transition table: a moved row touches both operations.
    return "".join(
        f"CREATE TRIGGER touch_operation_{event.lower()}_{rows.lower()} "
        f"AFTER {event} ON {table} REFERENCING {rows} TABLE AS changed_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}();\n"
        for event, rows in events
    )


ROW_EVENTS = [("INSERT", "NEW"), ("UPDATE", "OLD"), ("UPDATE", "NEW"), ("DELETE", "OLD")]
INSTALL = (
    FUNCTIONS
    + "".join(triggers(table, "operations_touch_operations", ROW_EVENTS) for table in PARTS)
    + triggers(TASKS, "operations_touch_operations_of_mandates", ROW_EVENTS)
)
UNINSTALL = (
    "DROP FUNCTION operations_touch_operations() CASCADE;\n"
    "DROP FUNCTION operations_touch_operations_of_mandates() CASCADE;\n"
)


class Migration(migrations.Migration):
    dependencies = [("operations", "0002_mandates_leaders_contributions")]

    operations = [migrations.RunSQL(INSTALL, UNINSTALL)]
