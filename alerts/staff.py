"""Staff told by e-mail of the workflow's moves that concern them:

- Those who may publish a kind of content, when an item of it is submitted for review.
- An item's authors (whoever created it, and whoever submitted it for review), when
  someone else publishes it, schedules it, or sends it back to draft.
- Those who may publish, on Monday mornings, of what is scheduled.

Each person chooses (StaffPreference): off, as it happens, or in one mail a day; and
the weekly note on or off. A move writes its notices in its own transaction
(core.publishing.workflow.moved), so a move that fails tells nobody; the job queue
mails them, one mail per person, and deletes them.
"""

import logging
import smtplib
from collections import defaultdict
from itertools import groupby

from django.apps import apps
from django.conf import settings
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from alerts.models import Delivery, StaffNotice, StaffPreference
from core.publishing import workflow
from core.publishing.status import Status, Workflowed
from core.queueing import defer_once

log = logging.getLogger(__name__)

DEFAULTS = StaffPreference()
# The moves an item's authors are told of.
TOLD_TO_AUTHORS = {"publish", "schedule", "unpublish"}


def preferences(users) -> dict:
    """{user id: StaffPreference}, the defaults for those who never chose."""
    chosen = StaffPreference.objects.in_bulk([user.pk for user in users])
    return {user.pk: chosen.get(user.pk, DEFAULTS) for user in users}


def reachable_staff():
    return get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")


def who_may_publish(model):
    """Staff who may publish `model`'s items: by a group, by a permission of their own,
    or as superusers."""
    permission = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        codename=workflow.publish_permission(model).split(".", 1)[1],
    ).first()
    condition = Q(is_superuser=True)
    if permission is not None:
        condition |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return reachable_staff().filter(condition).distinct()


def creators(model, rows) -> dict[int, int]:
    """{row id: id of the user who created it}, from the history's insert events (the
    request's user, recorded by the history middleware; none for a command's rows)."""
    events = model.pgh_event_models["insert"].objects.filter(
        pgh_obj_id__in=[row.pk for row in rows], pgh_label="insert"
    )
    return {
        row_id: user_id
        for row_id, user_id in events.values_list("pgh_obj_id", "pgh_context__metadata__user")
        if isinstance(user_id, int)
    }


def authors(model, rows) -> dict[int, set[int]]:
    """{row id: ids of its authors}: who created it, and who submitted it for review
    when it comes from review (`rows` as they were before the move)."""
    created = creators(model, rows)
    found = defaultdict(set)
    for row in rows:
        if row.pk in created:
            found[row.pk].add(created[row.pk])
        if row.status == Status.REVIEW and row.status_changed_by_id:
            found[row.pk].add(row.status_changed_by_id)
    return found


def named(user) -> str:
    return user.get_full_name() or user.get_username()


def described(model, row) -> tuple[str, str]:
    """(“Report “HIPPO””, its admin page), in the active language."""
    kind = capfirst(model._meta.verbose_name)
    return f"{kind} “{str(row)[:250]}”", reverse(
        admin_urlname(model._meta, "change"), args=[row.pk]
    )


def told_to_authors(transition, row, actor, when) -> str:
    """What a move tells an item's authors, in the active language."""
    if transition.name == "publish":
        return gettext("published by %(who)s") % {"who": actor}
    if transition.name == "schedule":
        if when is None:
            return gettext("scheduled by %(who)s to go public on a set date") % {"who": actor}
        return gettext("scheduled by %(who)s to go public on %(when)s") % {
            "who": actor,
            "when": date_format(timezone.localtime(when), "j F Y, H:i"),
        }
    if row.status == Status.REVIEW:
        return gettext("sent back to draft by %(who)s") % {"who": actor}
    return gettext("returned to draft by %(who)s") % {"who": actor}


@receiver(workflow.moved)
def note_the_move(sender, transition, rows, user, when=None, **kwargs):
    """Write the notices a move makes; queue the mail of those wanted as they happen."""
    notices = []
    actor = named(user)
    if transition.name == "submit":
        publishers = list(who_may_publish(sender).exclude(pk=user.pk))
        chosen = preferences(publishers)
        for row in rows:
            for publisher in publishers:
                with translation.override(chosen[publisher.pk].language):
                    item, path = described(sender, row)
                    notices.append(
                        StaffNotice(
                            user=publisher,
                            about=StaffNotice.About.REVIEW,
                            delivery=chosen[publisher.pk].waiting_for_review,
                            item=item,
                            what=gettext("submitted for review by %(who)s") % {"who": actor},
                            path=path,
                        )
                    )
    elif transition.name in TOLD_TO_AUTHORS:
        by_row = authors(sender, rows)
        wanted = {author for ids in by_row.values() for author in ids} - {user.pk}
        people = reachable_staff().in_bulk(wanted)
        chosen = preferences(people.values())
        for row in rows:
            for author in sorted(by_row.get(row.pk, ())):
                if author not in people:
                    continue
                with translation.override(chosen[author].language):
                    item, path = described(sender, row)
                    notices.append(
                        StaffNotice(
                            user=people[author],
                            about=StaffNotice.About.MINE,
                            delivery=chosen[author].my_items,
                            item=item,
                            what=told_to_authors(transition, row, actor, when),
                            path=path,
                        )
                    )
    notices = [notice for notice in notices if notice.delivery != Delivery.OFF]
    StaffNotice.objects.bulk_create(notices)
    if any(notice.delivery == Delivery.IMMEDIATE for notice in notices):
        from alerts.tasks import send_staff_notices

        defer_once(send_staff_notices, "staff-notices-immediate", delivery=Delivery.IMMEDIATE)


def site() -> str:
    return (settings.PUBLIC_URL or "http://localhost:8000").rstrip("/")


def staff_mail(user, subject: str, template: str, context: dict, connection=None):
    context = {
        "user": user,
        "site": site(),
        "preferences_url": site() + reverse("notification-preferences"),
        **context,
    }
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/mail/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        connection=connection,
    )
    mail.attach_alternative(render_to_string(f"alerts/mail/{template}.html", context), "text/html")
    return mail


def handed_over(message) -> bool:
    """Send; a permanent refusal of a staff address is logged, not retried: an
    Administrator corrects the address. A temporary failure raises (the job retries)."""
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        log.warning("staff mail refused for %s: %s", message.to, error.recipients)
        return False
    return True


def send_notices(delivery: str) -> int:
    """Mail each person their waiting notices of this delivery, one mail each, and
    delete them. Each person's are locked while mailed: two runs never send one twice.
    How many mails went out."""
    waiting = (
        StaffNotice.objects.filter(delivery=delivery)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    with get_connection() as connection:
        for user_id in list(waiting):
            with transaction.atomic():
                notices = list(
                    StaffNotice.objects.filter(delivery=delivery, user_id=user_id)
                    .select_for_update(skip_locked=True)
                    .select_related("user")
                    .order_by("about", "created_at", "pk")
                )
                if not notices:
                    continue
                user = notices[0].user
                if user.is_active and user.is_staff and user.email:
                    with translation.override(preferences([user])[user.pk].language):
                        message = notices_mail(user, notices, delivery, connection)
                    sent += handed_over(message)
                StaffNotice.objects.filter(pk__in=[n.pk for n in notices]).delete()
    return sent


def notices_mail(user, notices, delivery, connection):
    """One person's waiting notices in one mail, in the active language."""
    count = len(notices)
    subject = (
        f"{notices[0].item} {notices[0].what}"
        if count == 1
        else ngettext(
            "%(count)s workflow notice for you", "%(count)s workflow notices for you", count
        )
        % {"count": count}
    )
    groups = [
        (StaffNotice.About(about).label, list(items))
        for about, items in groupby(notices, key=lambda n: n.about)
    ]
    return staff_mail(
        user,
        " ".join(subject.split())[:200],
        "staff_notices",
        {"groups": groups, "daily": delivery == Delivery.DAILY},
        connection,
    )


def publishable_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Workflowed)
        and any(code == f"publish_{model._meta.model_name}" for code, _ in model._meta.permissions)
    ]


def send_weekly_schedule() -> int:
    """The Monday note: to each person who may publish and wants it, what is scheduled
    among the kinds they may publish. Nothing scheduled, nothing sent."""
    scheduled = {}
    for model in publishable_models():
        rows = list(model.objects.scheduled().order_by("publish_at", "pk")[:200])
        if rows:
            scheduled[model] = [(model, row, row.publish_at) for row in rows]
    if not scheduled:
        return 0
    people = list(reachable_staff().order_by("pk"))
    chosen = preferences(people)
    sent = 0
    with get_connection() as connection:
        for user in people:
            if not chosen[user.pk].weekly_schedule:
                continue
            wanted = sorted(
                (
                    entry
                    for model, rows in scheduled.items()
                    if workflow.can_publish(user, model)
                    for entry in rows
                ),
                key=lambda entry: entry[2],
            )
            if not wanted:
                continue
            with translation.override(chosen[user.pk].language):
                entries = [(*described(model, row), when) for model, row, when in wanted]
                subject = ngettext(
                    "Scheduled to go public: %(count)s item",
                    "Scheduled to go public: %(count)s items",
                    len(entries),
                ) % {"count": len(entries)}
                message = staff_mail(
                    user, subject, "staff_schedule", {"entries": entries}, connection
                )
            sent += handed_over(message)
    return sent
