"""The trash: what was deleted, read back from the history's delete snapshots.

Deleting is a real DELETE, so nothing deleted can ever show on a public page, in the
API or in search. The history triggers (core/publishing/history.py) keep a snapshot of
every deleted row, grouped by the request or command that deleted it. An entry in the
trash is a deleted row whose parent was not deleted with it — a report, say — and
restoring it puts back that row and every row deleted with it that hangs from it (its
symbols, documents, recommendations and their updates, its links to topics), with
their original ids, in one transaction. Purging removes those snapshots for good.
"""

import logging
from dataclasses import dataclass, field

import pghistory
from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.publishing import CONTENT_APPS, workflow
from core.publishing.history import snapshot_values, user_names
from core.publishing.status import Status, Workflowed

logger = logging.getLogger(__name__)

LABEL_FIELDS = ("title", "name", "symbol", "label", "note")


class RestoreError(Exception):
    pass


@dataclass
class Deleted:
    model: type
    event: models.Model
    who: str = ""
    children: list = field(default_factory=list)

    @property
    def key(self):
        return (self.model, self.event.pgh_obj_id)

    @property
    def token(self) -> str:
        return f"{self.model._meta.label_lower}:{self.event.pgh_id}"

    @property
    def name(self) -> str:
        for attr in LABEL_FIELDS:
            value = getattr(self.event, attr, "")
            if value:
                return str(value)
        return f"{self.model._meta.verbose_name} #{self.event.pgh_obj_id}"

    @property
    def linked_count(self) -> int:
        return sum(1 + child.linked_count for child in self.children)

    def parents(self):
        """(model, pk) of every row this one points at, through a foreign key or a
        generic one (a public correction names its item so)."""
        keys = set()
        for f in self.model._meta.concrete_fields:
            if f.is_relation and hasattr(self.event, f.attname):
                value = getattr(self.event, f.attname)
                if value is not None:
                    keys.add((f.related_model, value))
        for f in self.model._meta.private_fields:
            if isinstance(f, GenericForeignKey):
                content_type = getattr(self.event, f"{f.ct_field}_id", None)
                pk = getattr(self.event, f.fk_field, None)
                if content_type is not None and pk is not None:
                    item = ContentType.objects.get_for_id(content_type).model_class()
                    keys.add((item, pk))
        return keys


def tracked_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in CONTENT_APPS
        and "delete" in getattr(model, "pgh_event_models", {})
    ]


def deleted_rows(context_id=None) -> list[Deleted]:
    """The latest delete snapshot of every row that is still gone."""
    rows = []
    for model in tracked_models():
        events = (
            model.pgh_event_models["delete"]
            .objects.filter(pgh_label="delete")
            .exclude(pgh_obj_id__in=model._base_manager.values("pk"))
            .select_related("pgh_context")
            .order_by("pgh_obj_id", "-pgh_id")
            .distinct("pgh_obj_id")
        )
        if context_id is not None:
            events = events.filter(pgh_context_id=context_id)
        rows += [Deleted(model, event) for event in events]
    return rows


def entries() -> list[Deleted]:
    """Trash entries, newest first: deleted rows whose parents were not deleted in the
    same request, each carrying the rows deleted with it as ``children``."""
    rows = deleted_rows()
    names = user_names({row.event.pgh_context for row in rows})
    by_context = {}
    for row in rows:
        row.who = names.get(row.event.pgh_context_id, "unknown")
        # Rows deleted together share a context (a request, a command) or, without one,
        # a transaction, whose start time the trigger records as pgh_created_at.
        by_context.setdefault(row.event.pgh_context_id or row.event.pgh_created_at, []).append(row)
    roots = []
    for group in by_context.values():
        index = {row.key: row for row in group}
        for row in group:
            parents = [
                index[key] for key in row.parents() if key in index and index[key] is not row
            ]
            if parents:
                parents[0].children.append(row)
            else:
                roots.append(row)
    return sorted(roots, key=lambda row: row.event.pgh_created_at, reverse=True)


def find(token: str) -> Deleted:
    for entry in entries():
        if entry.token == token:
            return entry
    raise RestoreError(
        gettext("That item is no longer in the trash (restored or purged already?).")
    )


def flatten(entry: Deleted):
    yield entry
    for child in entry.children:
        yield from flatten(child)


def locked_parent(entry: Deleted, user):
    """The existing row that putting ``entry`` back would change the public face of,
    if it is locked for ``user``: the publishable row a child hangs from (a report's
    symbol, a recommendation's report, a many-to-many link's owner). Publishable rows
    come back as drafts instead, so their own parents do not matter."""
    if issubclass(entry.model, Workflowed):
        return None
    row = entry.model(pk=entry.event.pgh_obj_id, **snapshot_values(entry.event, entry.model))
    parent = workflow.governing(row)
    return parent if parent is not None and workflow.is_locked_for(user, parent) else None


def restore(token: str, user) -> Deleted:
    """Put an entry and everything deleted with it back, or nothing at all.

    What ``user`` may not publish comes back as a draft; what would change published
    content ``user`` may not change is refused. Every row keeps its id and creation
    time, and the history records the restore with who did it."""
    try:
        with transaction.atomic(), pghistory.context(restored_from_trash=token):
            entry = find(token)
            parent = locked_parent(entry, user)
            if parent is not None:
                raise RestoreError(
                    gettext(
                        "It belongs to %(kind)s “%(item)s”, which is %(status)s: only someone "
                        "who may publish it can put this back."
                    )
                    % {
                        "kind": parent._meta.verbose_name,
                        "item": parent,
                        "status": parent.get_status_display().lower(),
                    }
                )
            now = timezone.now()
            for row in flatten(entry):  # parents before their children
                values = snapshot_values(row.event, row.model)
                if issubclass(row.model, Workflowed) and not workflow.can_publish(user, row.model):
                    values |= {
                        "status": Status.DRAFT,
                        "publish_at": None,
                        "status_changed_at": now,
                        "status_changed_by_id": user.pk,
                    }
                obj = row.model(pk=row.event.pgh_obj_id, **values)
                # A raw insert: the snapshot goes back as it was (its creation time
                # too), without save() logic.
                obj.save_base(raw=True, force_insert=True)
            # Foreign keys are checked at commit; check them here to report clearly.
            with transaction.get_connection().cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    except IntegrityError as error:
        raise RestoreError(
            gettext(
                "It cannot go back as it was: its address (slug) or another unique value "
                "is now used by something else."
            )
            if "unique" in str(error).lower() or "duplicate" in str(error).lower()
            else gettext(
                "It cannot go back as it was: it links to something that has been deleted "
                "since; restore that first."
            )
        ) from error
    return entry


def purge(token: str) -> Deleted:
    """Remove an entry's snapshots (and its earlier versions) for good."""
    with transaction.atomic():
        entry = find(token)
        files = []
        for row in flatten(entry):
            # Stored files (a report's documents) were kept while the rows could come
            # back; purged, they go with them.
            files += [
                str(getattr(row.event, f.attname))
                for f in row.model._meta.concrete_fields
                if isinstance(f, models.FileField) and getattr(row.event, f.attname, "")
            ]
            for event_model in set(row.model.pgh_event_models.values()):
                event_model.objects.filter(pgh_obj_id=row.event.pgh_obj_id).delete()
        if files:
            delete_files_when_committed(*files)
    return entry


def delete_files_when_committed(*names: str) -> None:
    """Remove stored files once the transaction that let go of them is committed,
    unless a content row still names them (a trash restore may have put one back).
    The history's snapshots do not count: they are what the trash keeps."""
    from django.core.files.storage import default_storage

    def delete():
        still_used = set()
        for model in tracked_models():
            for file_field in model._meta.concrete_fields:
                if isinstance(file_field, models.FileField):
                    rows = model._base_manager.filter(**{f"{file_field.name}__in": names})
                    still_used.update(rows.values_list(file_field.name, flat=True))
        for name in set(names) - still_used:
            if name:
                default_storage.delete(name)
                logger.info("Deleted the stored file %s", name)

    transaction.on_commit(delete)
