from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, ngettext
from procrastinate.contrib.django.admin import ProcrastinateJobAdmin
from procrastinate.contrib.django.models import ProcrastinateJob
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from core import markup
from core.publishing import trash
from peaceplatform import changes, roles, webhooks
from peaceplatform.models import (
    ChangeAction,
    KeyUsage,
    PartnerKey,
    Trash,
    WebhookEndpoint,
)

# The library's own key model is unused: partner keys carry contact, origins and quota.
admin.site.unregister(APIKey)


class KeyUsageInline(admin.TabularInline):
    model = KeyUsage
    fields = ["day", "requests"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-day"]
    verbose_name_plural = gettext_lazy("requests per day (UTC)")


@admin.register(PartnerKey)
class PartnerKeyAdmin(APIKeyModelAdmin):
    """Created here and shown once, on creation; only a hash is stored."""

    list_display = [
        "name",
        "organization",
        "prefix",
        "rate_limit",
        "requests_today",
        "last_used_at",
        "revoked",
        "expiry_date",
    ]
    list_filter = ["revoked", "created"]
    search_fields = ["name", "organization", "contact", "prefix"]
    fields = [
        "name",
        "organization",
        "contact",
        "allowed_origins",
        "rate_limit",
        "expiry_date",
        "revoked",
        "prefix",
        "created",
        "last_used_at",
    ]
    inlines = [KeyUsageInline]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "created", "last_used_at")

    # The secret is shown once, on a page of its own, and travels in no cookie: it
    # waits in the server-side session until that page takes it out.
    NEW_KEY = "new_partner_key"

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        secret = PartnerKey.objects.assign_key(obj)
        obj.save()
        request.session[self.NEW_KEY] = {"id": obj.pk, "secret": secret}

    def response_add(self, request, obj, post_url_continue=None):
        return HttpResponseRedirect(
            reverse("admin:peaceplatform_partnerkey_created", args=[obj.pk])
        )

    def created_view(self, request, object_id):
        key = self.get_object(request, object_id)
        if key is None or not self.has_change_permission(request, key):
            raise PermissionDenied
        waiting = request.session.get(self.NEW_KEY) or {}
        secret = None
        if waiting.get("id") == key.pk:
            secret = waiting["secret"]
            del request.session[self.NEW_KEY]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("API key for %(name)s") % {"name": key.name},
            "opts": self.model._meta,
            "original": key,
            "secret": secret,
        }
        response = TemplateResponse(request, "admin/partner_key_created.html", context)
        patch_cache_control(response, no_store=True, private=True)
        return response

    def get_urls(self):
        return [
            path(
                "<path:object_id>/created/",
                self.admin_site.admin_view(self.created_view),
                name="peaceplatform_partnerkey_created",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        today = timezone.now().date()
        return (
            super()
            .get_queryset(request)
            .annotate(requests_today=Sum("usage__requests", filter=Q(usage__day=today)))
        )

    @admin.display(description=gettext_lazy("requests today"), ordering="requests_today")
    def requests_today(self, obj):
        return obj.requests_today or 0


@admin.register(Trash)
class TrashAdmin(admin.ModelAdmin):
    """The trash page (core/publishing/trash.py). Restore needs ``restore_trash``;
    purge needs ``purge_trash``, which only the Administrator group holds."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "",
                self.admin_site.admin_view(self.trash_view),
                name="peaceplatform_trash_changelist",
            ),
            path(
                "restore/",
                self.admin_site.admin_view(self.restore_view),
                name="peaceplatform_trash_restore",
            ),
            path(
                "purge/",
                self.admin_site.admin_view(self.purge_view),
                name="peaceplatform_trash_purge",
            ),
        ]

    def trash_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Trash"),
            "opts": self.model._meta,
            "entries": trash.entries(),
            "can_restore": request.user.has_perm("peaceplatform.restore_trash"),
            "can_purge": request.user.has_perm("peaceplatform.purge_trash"),
        }
        return TemplateResponse(request, "admin/trash.html", context)

    def restore_view(self, request):
        return self.act(
            request,
            "peaceplatform.restore_trash",
            lambda token: trash.restore(token, request.user),
            "restored",
        )

    def purge_view(self, request):
        return self.act(request, "peaceplatform.purge_trash", trash.purge, "purged")

    def act(self, request, permission, operation, done: str):
        if request.method != "POST" or not request.user.has_perm(permission):
            raise PermissionDenied
        try:
            entry = operation(request.POST.get("entry", ""))
        except trash.RestoreError as error:
            self.message_user(
                request, gettext("Nothing was changed. %(why)s") % {"why": error}, messages.ERROR
            )
        else:
            linked = entry.linked_count
            values = {
                "kind": capfirst(entry.model._meta.verbose_name),
                "item": entry.name,
                "count": linked,
            }
            self.message_user(request, told(done, linked) % values, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:peaceplatform_trash_changelist"))


def told(done: str, linked: int) -> str:
    """What a trash entry's restore or purge tells, with the rows that came or went
    with it."""
    if done == "restored":
        if not linked:
            return gettext("%(kind)s “%(item)s” restored.")
        return ngettext(
            "%(kind)s “%(item)s” restored, with %(count)s linked row.",
            "%(kind)s “%(item)s” restored, with %(count)s linked rows.",
            linked,
        )
    if not linked:
        return gettext("%(kind)s “%(item)s” purged for good.")
    return ngettext(
        "%(kind)s “%(item)s” purged for good, with %(count)s linked row.",
        "%(kind)s “%(item)s” purged for good, with %(count)s linked rows.",
        linked,
    )


def review_queue(request):
    """Everything submitted for review, oldest submission first, across all kinds."""
    groups = []
    for app_label, model_name in roles.PUBLISHABLE:
        model = apps.get_model(app_label, model_name)
        if not request.user.has_perm(f"{app_label}.view_{model_name}"):
            continue
        # What each row's name reads (an update names its recommendation and report),
        # as the model's admin list fetches it.
        related = getattr(admin.site._registry.get(model), "list_select_related", None)
        items = (
            model.objects.waiting_for_review()
            .select_related("status_changed_by", *(related if isinstance(related, list) else []))
            .order_by("status_changed_at", "pk")
        )
        groups.append((model._meta, list(items)))
    context = {
        **admin.site.each_context(request),
        "title": gettext("Waiting for review"),
        "groups": groups,
        "total": sum(len(items) for _, items in groups),
    }
    return TemplateResponse(request, "admin/review_queue.html", context)


def markdown_preview(request):
    """The admin's live preview: the posted Markdown as the public page renders it."""
    if request.method != "POST":
        raise PermissionDenied
    text = request.POST.get("text", "")
    if len(text) > markup.MAX_LENGTH:
        return HttpResponseBadRequest(
            gettext(
                "The text is %(length)s characters long; no field takes more than %(most)s. "
                "Shorten it to see a preview."
            )
            % {
                "length": number_format(len(text), force_grouping=True),
                "most": number_format(markup.MAX_LENGTH, force_grouping=True),
            },
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(markup.render(text))


class NeedsAttention(admin.SimpleListFilter):
    """The jobs staff look for: those that gave up, and those failing and due to be
    tried again (queued with attempts behind them)."""

    title = gettext_lazy("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("failed", gettext("Failed")), ("retrying", gettext("Retrying"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(status="failed")
        if self.value() == "retrying":
            return queryset.filter(status="todo", attempts__gt=0)
        return queryset


admin.site.unregister(ProcrastinateJob)


@admin.register(ProcrastinateJob)
class JobAdmin(ProcrastinateJobAdmin):
    """Every role sees the jobs (an editor whose upload is not yet searchable can see
    why); only Administrators retry, cancel or abort them."""

    list_filter = [NeedsAttention, *ProcrastinateJobAdmin.list_filter]
    ordering = ["-id"]

    def get_actions(self, request):
        if not request.user.has_perm("procrastinate.change_procrastinatejob"):
            return {}
        return super().get_actions(request)


class WebhookEndpointForm(forms.ModelForm):
    types = forms.MultipleChoiceField(
        choices=[(name, name) for name in changes.TRACKED],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Kinds of item to be told of; none ticked: all of them."),
    )
    actions = forms.MultipleChoiceField(
        choices=ChangeAction.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Changes to be told of; none ticked: all of them."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["key", "url", "types", "actions", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        webhooks.check_destination(url)
        return url


RECENT_DELIVERIES = 50


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """Partners' webhook endpoints (peaceplatform/webhooks.py): Administrators add
    them for a partner key and give the partner the secret shown here."""

    form = WebhookEndpointForm
    list_display = ["url", "key", "active", "waiting", "created_at"]
    list_filter = ["active"]
    list_select_related = ["key"]
    search_fields = ["url", "key__name", "key__organization"]
    readonly_fields = ["secret", "disabled_reason", "created_at", "recent_deliveries"]
    autocomplete_fields = ["key"]
    actions = ["send_test_event"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_waiting=Count("deliveries", filter=Q(deliveries__delivered_at=None)))
        )

    @admin.display(description=gettext_lazy("deliveries, newest first"))
    def recent_deliveries(self, endpoint):
        """This endpoint's newest RECENT_DELIVERIES, read-only (an inline cannot limit
        its rows per parent: its queryset is built before it knows the endpoint)."""
        if endpoint.pk is None:
            return "—"
        rows = endpoint.deliveries.order_by("-id")[:RECENT_DELIVERIES]
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    d.event,
                    d.message_id,
                    d.attempts,
                    (d.last_status or gettext("no answer"))
                    if d.attempts
                    else gettext("not sent yet"),
                    d.delivered_at or gettext("waiting"),
                    d.last_response,
                )
                for d in rows
            ),
        )
        if not body:
            return gettext("None yet.")
        return format_html(
            "<table><thead><tr><th>{}</th><th>webhook-id</th><th>{}</th>"
            "<th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            gettext("event"),
            gettext("attempts"),
            gettext("last answer"),
            gettext("delivered"),
            gettext("response"),
            body,
        )

    @admin.display(description=gettext_lazy("waiting"), ordering="_waiting")
    def waiting(self, endpoint):
        return endpoint._waiting

    def save_model(self, request, obj, form, change):
        if obj.active:
            obj.disabled_reason = ""
        super().save_model(request, obj, form, change)
        webhooks.resume(obj)

    @admin.action(description=gettext_lazy("Send a test event"), permissions=["change"])
    def send_test_event(self, request, queryset):
        count = 0
        for endpoint in queryset:
            webhooks.send_test_event(endpoint)
            count += 1
        self.message_user(
            request,
            ngettext(
                "A test event is on its way to %(count)s endpoint; its delivery shows on the "
                "endpoint's page within seconds.",
                "A test event is on its way to %(count)s endpoints; their deliveries show on "
                "the endpoints' pages within seconds.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
