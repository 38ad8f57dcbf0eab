"""Which changes are recorded, and how: PostgreSQL triggers (django-pghistory).

Triggers see every write — an admin form, an admin action, a bulk import, a
management command, ``QuerySet.update()``, even raw SQL — so nothing escapes the
record. Each row change is stored as a full snapshot (insert, update, delete) in an
event table beside the model; the request's user and address are attached by
``pghistory.middleware.HistoryMiddleware``. The trash and undo (peaceplatform/history.py)
read these snapshots back.
"""

import datetime

import pghistory
from django.db.models import GeneratedField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def tracked(**options):
    """Record inserts, updates and deletes of a model (or of a many-to-many table).
    A model's snapshots are ``obj.history``: pghistory's default name, ``events``,
    is taken by reports' and recommendations' links to events."""
    options.setdefault("obj_field", pghistory.ObjForeignKey(related_name="history"))

    def decorate(model):
        # Generated columns (search vectors) are derived, never restored: leave them out.
        generated = [f.name for f in model._meta.local_fields if isinstance(f, GeneratedField)]
        exclude = [*options.pop("exclude", []), *generated]
        # Fresh trackers each time: pghistory binds a tracker to the model it tracks.
        trackers = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
        return pghistory.track(*trackers, exclude=exclude or None, **options)(model)

    return decorate


def snapshot_fields(event_model, tracked_model):
    """The tracked model's fields that the event model holds: what a restore writes."""
    held = {f.attname for f in event_model._meta.concrete_fields}
    return [
        f
        for f in tracked_model._meta.concrete_fields
        if f.attname in held and not isinstance(f, GeneratedField)
    ]


def snapshot_values(event, tracked_model, *, skip=()) -> dict:
    return {
        f.attname: getattr(event, f.attname)
        for f in snapshot_fields(type(event), tracked_model)
        if f.name not in skip and not f.primary_key
    }


def user_names(contexts) -> dict:
    """{context id: who} for the contexts of some events: the signed-in user's name, or
    the management command that made the change."""
    from django.contrib.auth import get_user_model

    user_ids = {c.metadata.get("user") for c in contexts if c and c.metadata.get("user")}
    users = get_user_model().objects.in_bulk(user_ids)
    names = {}
    for context in contexts:
        if context is None:
            continue
        user = users.get(context.metadata.get("user"))
        command = context.metadata.get("command")
        names[context.id] = (
            user.get_username() if user else f"command: {command}" if command else "unknown"
        )
    return names


# What each kind of event did, in words (pghistory's labels are "insert", "update").
DONE = {"insert": _("created"), "update": _("changed"), "delete": _("deleted")}


def versions(obj):
    """The object's history, newest first, each with who, when, what and the fields
    that changed from the version before, in words: [(event, who, changes)]. Values
    read as the admin's forms show them: a choice by its label, a related row by its
    name, a time to the minute."""
    events = list(obj.history.select_related("pgh_context").order_by("pgh_id"))
    fields = [
        field
        for field in snapshot_fields(type(obj).pgh_event_models["insert"], type(obj))
        if field.name not in ("updated_at", "id")
    ]
    names = user_names({e.pgh_context for e in events})
    related = related_names(events, fields)
    rows, previous = [], None
    for event in events:
        changes = []
        for field in fields:
            old = getattr(previous, field.attname) if previous is not None else None
            new = getattr(event, field.attname)
            if previous is None and new in (None, ""):
                continue
            if previous is None or old != new:
                changes.append(
                    (field.verbose_name, shown(field, old, related), shown(field, new, related))
                )
        if event.pgh_label == "update" and previous is not None and not changes:
            # Only its updated_at moved: an operation touched by a change to its
            # mandates or figures (their own histories tell what), not a version.
            previous = event
            continue
        event.what = what_happened(event)
        rows.append((event, names.get(event.pgh_context_id, gettext("unknown")), changes))
        previous = event
    return rows[::-1]


def what_happened(event) -> str:
    context = event.pgh_context.metadata if event.pgh_context else {}
    if "restored_from_trash" in context:
        return gettext("restored from the trash")
    if "restored_version" in context:
        when = context.get("restored_version_at")
        if when:
            return gettext("restored the version of %(when)s") % {"when": when}
        return gettext("restored an earlier version")
    return str(DONE.get(event.pgh_label, event.pgh_label))


def related_names(events, fields) -> dict:
    """{(model, pk): name} of every row the events' foreign keys name, a query per model."""
    wanted = {}
    for field in fields:
        if field.many_to_one:
            ids = {getattr(event, field.attname) for event in events} - {None}
            wanted.setdefault(field.related_model, set()).update(ids)
    names = {}
    for model, ids in wanted.items():
        for pk, row in model._base_manager.in_bulk(ids).items():
            names[(model, pk)] = row.get_username() if hasattr(row, "get_username") else str(row)
    return names


def shown(field, value, related: dict):
    """A snapshot's value as a curator reads it, None for nothing."""
    if value is None or value == "":
        return None
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_one:
        return related.get(
            (field.related_model, value), gettext("#%(id)s (deleted)") % {"id": value}
        )
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    return value


# Restoring a version brings back content, never a workflow state: an editor
# restoring a once-published version must not publish it.
NOT_RESTORED = {"status", "publish_at", "status_changed_at", "status_changed_by", "created_at"}


def restore_version(obj, event):
    """Write an earlier version's values back onto the object (one UPDATE, itself
    recorded in the history)."""
    values = snapshot_values(event, type(obj), skip=NOT_RESTORED)
    if "updated_at" in values:
        values["updated_at"] = timezone.now()
    # The history then calls this change a restore, naming the version it brought back.
    when = date_format(timezone.localtime(event.pgh_created_at), "j M Y, H:i")
    with pghistory.context(restored_version=event.pgh_id, restored_version_at=when):
        type(obj)._base_manager.filter(pk=obj.pk).update(**values)


def many_to_many_triggers(app_label: str):
    """RunPython (forward, backward) installing the history triggers of an app's
    Django-made many-to-many tables. Those tables belong to their fields, so the
    triggers get no migration operation of their own; this gives them one, instead
    of reinstalling every trigger after each migrate (and each test flush)."""

    def through_triggers():
        import pgtrigger

        for model, trigger in pgtrigger.registered():
            if model._meta.auto_created and model._meta.app_label == app_label:
                yield model, trigger

    def install(apps, schema_editor):
        # The registry is today's code: a table a later migration adds is not there
        # yet, and that migration installs its triggers with this same function.
        existing = set(schema_editor.connection.introspection.table_names())
        for model, trigger in through_triggers():
            if model._meta.db_table in existing:
                trigger.install(model, database=schema_editor.connection.alias)

    def uninstall(apps, schema_editor):
        for model, trigger in through_triggers():
            trigger.uninstall(model, database=schema_editor.connection.alias)

    return install, uninstall
