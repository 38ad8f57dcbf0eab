"""The editorial workflow: draft → in review → published → archived.

Every move goes through ``apply()``, whatever asked for it (an admin action, the
buttons on a change form, a direct POST): the permission is checked here, on the
server, not only by hiding a button. Editors may submit; moving anything into or
out of public view needs the model's ``publish_<model>`` permission (the Publisher
and Administrator groups hold it). Who moved a thing and when is kept on the row
(``status_changed_by``/``status_changed_at``) and, for every step, in its history.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.publishing.status import Status, Workflowed

LOCKED = frozenset({Status.PUBLISHED, Status.ARCHIVED})

# Sent by apply() inside its transaction once rows have moved, with `transition`,
# `rows` (as they were before the move), `user` and `when`: what a receiver writes
# (a notice to staff, alerts/staff.py) commits or rolls back with the move itself.
moved = Signal()


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # what the button says
    done: str  # what the message says happened
    sources: frozenset
    target: str
    needs_publish_permission: bool

    def allowed_from(self, obj) -> bool:
        if obj.status == Status.PUBLISHED and self.name in {"publish", "schedule"}:
            # Publishing again is how a scheduled item goes out now (or at a new time).
            return obj.is_scheduled
        return obj.status in self.sources


# What a move did ("3 reports published") has a context of its own: languages that
# make the participle agree with the noun word it apart from the status names.
TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit", _("Submit for review"),
            pgettext_lazy("workflow move done", "submitted for review"),
            frozenset({Status.DRAFT}), Status.REVIEW, False,
        ),
        Transition(
            "publish", _("Publish now"), pgettext_lazy("workflow move done", "published"),
            frozenset({Status.DRAFT, Status.REVIEW, Status.ARCHIVED, Status.PUBLISHED}),
            Status.PUBLISHED, True,
        ),
        Transition(
            "schedule", _("Schedule"), pgettext_lazy("workflow move done", "scheduled"),
            frozenset({Status.DRAFT, Status.REVIEW, Status.ARCHIVED, Status.PUBLISHED}),
            Status.PUBLISHED, True,
        ),
        Transition(
            "unpublish", _("Back to draft"),
            pgettext_lazy("workflow move done", "returned to draft"),
            frozenset({Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED}), Status.DRAFT, True,
        ),
        Transition(
            "archive", _("Archive"), pgettext_lazy("workflow move done", "archived"),
            frozenset({Status.DRAFT, Status.REVIEW, Status.PUBLISHED}), Status.ARCHIVED, True,
        ),
    ]
}  # fmt: skip


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def may(user, transition: Transition, model) -> bool:
    if transition.needs_publish_permission:
        return can_publish(user, model)
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def is_locked_for(user, obj) -> bool:
    """Published or archived content is changed only by those who may publish it:
    an editor's edit to a live page would be publishing without review. A row that is
    not publishable itself (a report's symbol) is locked with the row that governs it."""
    obj = governing(obj)
    return getattr(obj, "status", None) in LOCKED and not can_publish(user, type(obj))


def follow(obj, path: str):
    """``obj.a.b`` for the path ``"a.b"``; None as soon as a step is missing."""
    for name in path.split(".") if path else []:
        obj = getattr(obj, name, None) if obj is not None else None
    return obj


def governing(obj):
    """The publishable row whose status decides who may change ``obj``: ``obj`` itself,
    the parent its model names in ``workflow_parent`` (a recommendation: its report), or
    for a row of a many-to-many table, its owner's. None for reference data."""
    while obj is not None and not isinstance(obj, Workflowed):
        model = type(obj)
        owner = model._meta.auto_created
        if owner:
            link = next(
                f for f in model._meta.concrete_fields if f.is_relation and f.related_model is owner
            )
            obj = getattr(obj, link.name, None)
        elif getattr(model, "workflow_parent", None):
            obj = follow(obj, model.workflow_parent)
        else:
            return None
    return obj


def apply(
    transition: Transition,
    queryset: models.QuerySet,
    user,
    *,
    when: datetime.datetime | None = None,
) -> tuple[int, int]:
    """Move the rows of ``queryset`` that may make this move; returns (moved, skipped).
    One transaction, rows locked while they are checked and written."""
    model = queryset.model
    if not may(user, transition, model):
        raise PermissionDenied(
            gettext("Your account may not %(move)s %(kinds)s.")
            % {"move": transition.label.lower(), "kinds": model._meta.verbose_name_plural}
        )
    now = timezone.now()
    if transition.name == "schedule":
        if when is None:
            raise ValidationError(
                gettext("Give the date and time at which it should become public.")
            )
        if when <= now:
            raise ValidationError(gettext("Choose a time in the future, or use “Publish now”."))
    with transaction.atomic():
        # Fresh rows by key: the admin's queryset may carry annotations FOR UPDATE refuses.
        chosen = list(queryset.values_list("pk", flat=True))
        rows = list(model._default_manager.filter(pk__in=chosen).select_for_update().order_by("pk"))
        before = [row for row in rows if transition.allowed_from(row)]
        movable = [row.pk for row in before]
        changes = {
            "status": transition.target,
            "status_changed_at": now,
            "status_changed_by": user,
            "updated_at": now,
            "publish_at": None,
        }
        if transition.name == "publish":
            changes["publish_at"] = now
        elif transition.name == "schedule":
            changes["publish_at"] = when
        model._default_manager.filter(pk__in=movable).update(**changes)
        if movable:
            moved.send(sender=model, transition=transition, rows=before, user=user, when=when)
    return len(movable), len(rows) - len(movable)
