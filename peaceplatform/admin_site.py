"""The admin's own site (Django's documented extension point, AdminConfig.default_site):
a start page that says what needs doing, and the plumbing grouped under "System" for
Administrators alone."""

import datetime

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.publishing import workflow
from core.publishing.status import Status
from peaceplatform import roles

# Kept apart from the content curators work on: sign-in records, second factors, the
# history's raw events, the trash, and the link rows edited inline on their parents.
SYSTEM = {
    ("axes", "accessattempt"),
    ("axes", "accesslog"),
    ("axes", "accessfailurelog"),
    ("otp_totp", "totpdevice"),
    ("otp_static", "staticdevice"),
    ("pghistory", "events"),
    ("peaceplatform", "trash"),
    ("reports", "documentsymbol"),
    ("reports", "reportrelation"),
    ("reports", "recommendationlink"),
    ("directory", "position"),
    ("operations", "mandate"),
    ("operations", "leader"),
}
# The libraries' models and apps the admin lists, named in the admin's language (their
# own names are English only).
LIBRARY_NAMES = {
    ("otp_totp", "totpdevice"): _("Authenticator apps"),
    ("otp_static", "staticdevice"): _("Recovery code sets"),
    ("pghistory", "events"): _("History events"),
    ("procrastinate", "procrastinatejob"): _("Background jobs"),
}
LIBRARY_APP_NAMES = {"procrastinate": _("Job queue")}
# How many rows each list of the start page shows.
SHOWN = 8
RECENT = datetime.timedelta(days=7)


def linked(rows) -> list[tuple[str, str]]:
    """(name, admin address) of each row."""
    return [(str(row), reverse(admin_urlname(row._meta, "change"), args=[row.pk])) for row in rows]


def is_administrator(user) -> bool:
    return user.is_superuser or user.groups.filter(name=roles.ADMINISTRATOR).exists()


class PlatformAdminSite(admin.AdminSite):
    site_header = _("Peace Operations Knowledge Platform")
    site_title = _("Peace Operations admin")
    index_title = _("Start: what needs doing")
    index_template = "admin/start.html"

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:  # one app's own page lists all its models
            return app_list
        system = []
        for app in app_list:
            app["name"] = LIBRARY_APP_NAMES.get(app["app_label"], app["name"])
            kept = []
            for model in app["models"]:
                key = (app["app_label"], model["object_name"].lower())
                model["name"] = LIBRARY_NAMES.get(key, model["name"])
                (system if key in SYSTEM else kept).append(model)
            app["models"] = kept
        app_list = [app for app in app_list if app["models"]]
        if system and is_administrator(request.user):
            app_list.append(
                {
                    "name": gettext("System"),
                    "app_label": "system",
                    "app_url": "",
                    "has_module_perms": True,
                    "models": sorted(system, key=lambda model: str(model["name"])),
                }
            )
        return app_list

    def index(self, request, extra_context=None):
        return super().index(request, {**start_page(request), **(extra_context or {})})


def publishable_models(user):
    """The publishable models this user may view, with their admin."""
    for app_label, model_name in roles.PUBLISHABLE:
        model = apps.get_model(app_label, model_name)
        if user.has_perm(f"{app_label}.view_{model_name}"):
            yield model


def rows(model, queryset, ordering, when_field=None):
    """(model's meta, row, when) for the start page's lists."""
    related = getattr(admin.site._registry.get(model), "list_select_related", None)
    related = related if isinstance(related, (list, tuple)) else []
    found = queryset.select_related(*related).order_by(*ordering)[:SHOWN]
    return [(model._meta, row, getattr(row, when_field) if when_field else None) for row in found]


def newest_first(entries, n=SHOWN):
    dated = [entry for entry in entries if entry[2] is not None]
    return sorted(dated, key=lambda entry: entry[2], reverse=True)[:n]


def mine(user) -> dict[tuple[str, str], list[int]]:
    """Ids of the rows the user lately added or changed in the admin (its log), by
    (app label, model name): one query for every model."""
    entries = (
        LogEntry.objects.filter(user=user)
        .exclude(action_flag=DELETION)
        .order_by("-action_time")
        .values_list("content_type__app_label", "content_type__model", "object_id")[:500]
    )
    ids = {}
    for app_label, model_name, pk in entries:
        if pk.isdigit():
            ids.setdefault((app_label, model_name), []).append(int(pk))
    return ids


def start_page(request) -> dict:
    """What the start page lists: the user's drafts, what waits for review (for those
    who may publish it), what is scheduled, what went public lately, what others
    changed, and content that needs attention. A few queries per publishable model."""
    user, now = request.user, timezone.now()
    drafts, waiting, scheduled, published = [], [], [], []
    my_rows = mine(user)
    reviews = False
    for model in publishable_models(user):
        objects = model.objects
        ids = my_rows.get((model._meta.app_label, model._meta.model_name))
        if ids:
            drafts += rows(
                model,
                objects.filter(status=Status.DRAFT, pk__in=ids),
                ["-updated_at"],
                "updated_at",
            )
        if workflow.can_publish(user, model):
            reviews = True
            waiting += rows(
                model, objects.waiting_for_review(), ["status_changed_at"], "status_changed_at"
            )
        scheduled += rows(model, objects.scheduled(), ["publish_at"], "publish_at")
        published += rows(
            model,
            objects.published().filter(publish_at__gte=now - RECENT),
            ["-publish_at"],
            "publish_at",
        )
    others = (
        LogEntry.objects.exclude(user=user)
        .select_related("user", "content_type")
        .order_by("-action_time")[:SHOWN]
    )
    return {
        "my_drafts": newest_first(drafts),
        "waiting": sorted(waiting, key=lambda entry: entry[2] or now)[:SHOWN],
        "scheduled": sorted(scheduled, key=lambda entry: entry[2])[:SHOWN],
        "recently_published": newest_first(published),
        "changed_by_others": others,
        "attention": needs_attention(user, published),
        "reviews": reviews,
    }


def needs_attention(user, recently_published) -> list[dict]:
    """Kinds of gaps in the content, each with how many rows and the first few;
    `recently_published`: the start page's rows published in the past week."""
    Report = apps.get_model("reports", "Report")
    Recommendation = apps.get_model("reports", "Recommendation")
    found = []
    if user.has_perm("reports.view_report"):
        # Anti-joins rather than counting every report's documents and topics: the
        # planner stops at the first of each.
        documents = apps.get_model("reports", "ReportDocument").objects.filter(
            report=OuterRef("pk")
        )
        topics = Report.topics.through.objects.filter(report=OuterRef("pk"))
        bare = Report.objects.exclude(status=Status.ARCHIVED).filter(
            ~Exists(documents) | ~Exists(topics)
        )
        found.append(
            {
                "label": gettext("Reports without a document or a topic"),
                "count": bare.count(),
                "rows": linked(bare.order_by("-updated_at")[:SHOWN]),
            }
        )
    if user.has_perm("reports.view_recommendation"):
        silent = (
            Recommendation.objects.published().filter(updates__isnull=True).select_related("report")
        )
        found.append(
            {
                "label": gettext("Recommendations of published reports with no update yet"),
                "count": silent.count(),
                "rows": linked(silent.order_by("report__title", "order")[:SHOWN]),
            }
        )
    if user.has_perm("reports.view_reportdocument"):
        # The text is read after the upload (reports/tasks.py); what could not be read
        # is said here, where staff look, as well as on the document's form.
        unreadable = (
            apps.get_model("reports", "ReportDocument")
            .objects.exclude(extraction_warning="")
            .select_related("report")
        )
        count = unreadable.count()
        found.append(
            {
                "label": gettext("Uploaded PDFs whose text could not be read (search misses them)"),
                "count": count,
                "rows": linked(unreadable.order_by("-updated_at")[:SHOWN]) if count else [],
            }
        )
    if user.has_perm("procrastinate.view_procrastinatejob"):
        failed = apps.get_model("procrastinate", "ProcrastinateJob").objects.filter(status="failed")
        count = failed.count()
        found.append(
            {
                "label": gettext("Background jobs that failed after every retry"),
                "count": count,
                "rows": linked(failed.order_by("-id")[:SHOWN]) if count else [],
            }
        )
    if user.has_perm("peaceplatform.view_webhookendpoint"):
        paused = apps.get_model("peaceplatform", "WebhookEndpoint").objects.exclude(
            disabled_reason=""
        )
        count = paused.count()
        found.append(
            {
                "label": gettext("Webhook endpoints paused after failing (tick Active to resume)"),
                "count": count,
                "rows": linked(paused.order_by("-id")[:SHOWN]) if count else [],
            }
        )
    # Public from a time later than its move to "published": it was scheduled, and
    # went public without anyone pressing Publish then.
    went_public = [
        row
        for _meta, row, when in newest_first(recently_published, n=None)
        if row.status_changed_at is not None and when > row.status_changed_at
    ]
    found.append(
        {
            "label": gettext("Went public on schedule in the past week"),
            "count": len(went_public),
            "rows": linked(went_public[:SHOWN]),
        }
    )
    return [kind for kind in found if kind["count"]]
