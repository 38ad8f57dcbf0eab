"""Values copied onto a row from its link tables, kept by PostgreSQL triggers.

A report's symbols and documents' text feed its generated search vector, which can
only read its own row; a report's or an event's links (topics, bodies, states,
languages) are counted and filtered as facet keys on the row (core/listing/facets.py).
Triggers keep those copies whoever writes: the admin, an import, a bulk update or raw
SQL. The triggers are declared on the models with django-pgtrigger; the SQL functions
that work a copy out (``reports_facet_keys_of`` and the like) are created by each
app's initial migration, since a trigger declaration cannot hold a plain function.
"""

import pgtrigger


def refreshed_when_links_change(name: str, refresh: str, key: str) -> pgtrigger.Trigger:
    """A trigger on a link table calling the SQL function `refresh(id)` for the row a
    link left (update, delete) and the row it joined (insert, or an update that moved
    it), `key` being the link's column pointing at that row."""
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.After,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=f"""
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM {refresh}(OLD.{key});
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.{key} <> OLD.{key}) THEN
                PERFORM {refresh}(NEW.{key});
            END IF;
            RETURN NULL;
        """,
    )


# The names the apps give their copy triggers (reports/models.py, events/models.py).
COPY_TRIGGER_NAMES = {"search_copies", "facet_keys", "keeps_its_copies", "keeps_its_facet_keys"}


def copy_triggers() -> list[tuple[str, str]]:
    """(table, trigger) of every copy trigger, as PostgreSQL names them:
    generate_corpus pauses them while it writes the copies in bulk."""
    return [
        (model._meta.db_table, trigger.get_pgid(model))
        for model, trigger in pgtrigger.registered()
        if trigger.name in COPY_TRIGGER_NAMES
    ]
