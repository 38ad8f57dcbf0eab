import datetime
import re

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, ngettext
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats

from core import translations
from core.publishing import history, preview, workflow
from directory.models import (
    NOTE_MAX_LENGTH,
    Correction,
    MemberState,
    Organization,
    Page,
    Person,
    Position,
    Topic,
    is_correctable,
)
from directory.resources import OrganizationResource, PersonResource


class ImportExportAdmin(ImportExportMixin):
    """CSV and XLSX import (with a dry run) and export, for staff who may add the
    model (import) or view it (export). Resources get the request, for warnings."""

    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "request": request}


WORKFLOW_FIELDS = ["status", "publish_at", "status_changed_at", "status_changed_by"]
CORRECTION_FIELDS = ["public_correction", "correction_note"]


class CorrectionFields(forms.Form):
    """A public correction, written with the change it explains: mixed into the change
    form of every item that takes corrections (directory.models.Correction)."""

    public_correction = forms.BooleanField(
        required=False,
        label=gettext_lazy("Public correction"),
        help_text=gettext_lazy(
            "Tick when this change corrects a fact that was public: the item's page "
            "will say “Corrected on …” with your sentence, and /corrections/ will list it."
        ),
    )
    correction_note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        label=gettext_lazy("What was corrected"),
        widget=forms.TextInput(attrs={"size": 100}),
        help_text=gettext_lazy("One sentence, in your words: what was wrong and what it says now."),
    )

    def clean(self):
        data = super().clean()
        note = " ".join((data.get("correction_note") or "").split())
        data["correction_note"] = note
        if data.get("public_correction"):
            if not note:
                self.add_error(
                    "correction_note",
                    gettext("Write the sentence readers will see with the correction."),
                )
            elif not is_public(self.instance):
                self.add_error(
                    "public_correction",
                    gettext(
                        "Only what is public takes a public correction: this item is not "
                        "public, so save the change without one."
                    ),
                )
        elif note:
            self.add_error(
                "public_correction",
                gettext("Tick “Public correction” to publish this sentence, or clear it."),
            )
        return data


def is_public(obj) -> bool:
    """Public now, by the row that governs it (a recommendation: its report); reference
    data without a workflow (member states) always is."""
    parent = workflow.governing(obj)
    return parent is None or parent.is_published


class PublicCorrectionAdmin(admin.ModelAdmin):
    """The "Public correction" tick and sentence at the foot of the change form, for
    those who may write corrections and change the item; saved with the change, in the
    same transaction."""

    def takes_corrections(self, request, obj) -> bool:
        return (
            obj is not None
            and is_correctable(self.model)
            and request.user.has_perm("directory.add_correction")
            and self.has_change_permission(request, obj)
        )

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if f not in CORRECTION_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.takes_corrections(request, obj):
            return fieldsets
        section = (
            gettext("Public correction"),
            {
                "fields": CORRECTION_FIELDS,
                "description": gettext(
                    "For a change that corrects what readers saw, not for additions or "
                    "routine edits."
                ),
            },
        )
        return [*fieldsets, section]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self.takes_corrections(request, obj):
            return super().get_form(request, obj, change, **kwargs)
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            # Not the model's fields: the form declares them.
            kwargs["fields"] = [f for f in kwargs["fields"] if f not in CORRECTION_FIELDS]
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (CorrectionFields, form), {})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.cleaned_data.get("public_correction"):
            Correction.objects.create(
                item=obj, note=form.cleaned_data["correction_note"], corrected_by=request.user
            )
            self.message_user(
                request,
                gettext("The public correction is on the item's page and at /corrections/."),
            )


class TranslationsAdmin(admin.ModelAdmin):
    """A section per language after the form's own, holding the translations of the
    model's translated fields (core/translations.py): shown as tabs by
    staff/translation-tabs.js, as plain sections without JavaScript. Each input
    carries its language (`lang`, and `dir="rtl"` for Arabic), so that spelling
    checkers and text direction follow it. Inline rows stay English: a
    recommendation's or a participant's translations are entered on its own page."""

    def translation_columns(self) -> list[str]:
        return translations.translation_columns(self.model)

    def get_fields(self, request, obj=None):
        hidden = set(self.translation_columns())
        return [f for f in super().get_fields(request, obj) if f not in hidden]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        fields = getattr(self.model, "translated_fields", ())
        if not fields:
            return fieldsets
        sections = [
            (
                f"{name} ({translations.hreflang(code)})",
                {
                    "fields": [translations.column(field, code) for field in fields],
                    "classes": ["translation"],
                },
            )
            for code, name in translations.LANGUAGES
        ]
        return [*fieldsets, *sections]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = TRANSLATION_LANGUAGE.get(db_field.name)
        if formfield is not None and language is not None:
            formfield.widget.attrs["lang"] = translations.hreflang(language)
            formfield.widget.attrs["dir"] = (
                "rtl" if language in translations.RIGHT_TO_LEFT else "ltr"
            )
        return formfield

    class Media:
        js = ["staff/translation-tabs.js"]
        css = {"all": ["staff/translation-tabs.css"]}


# "title_fr" → "fr": the language of a translation column's input.
TRANSLATION_LANGUAGE = {
    translations.column(field, code): code
    for model in apps.get_models()
    for field in getattr(model, "translated_fields", ())
    for code in translations.LANGUAGE_CODES
}


class HistoryAdmin(TranslationsAdmin, PublicCorrectionAdmin):
    """The "History" button shows every version of the object (from the database's
    own record, core/publishing/history.py): who, when, which fields changed from what to
    what, and a button to bring back an earlier version's values."""

    object_history_template = "admin/object_versions.html"

    class Media:
        js = ["staff/markdown-preview.js"]
        css = {"all": ["staff/markdown-preview.css"]}

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %(item)s") % {"item": obj},
            "opts": self.model._meta,
            "object": obj,
            "versions": history.versions(obj),
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def restore_version_view(self, request, object_id, version_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse(admin_view_name(self.model, "history"), args=[obj.pk])
            )
        event = get_object_or_404(obj.history, pgh_id=version_id)
        try:
            history.restore_version(obj, event)
        except IntegrityError:
            self.message_user(
                request,
                gettext(
                    "That version cannot come back: one of its unique values (such as its "
                    "address) is now used by something else. Nothing was changed."
                ),
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                gettext("Restored the values of %(when)s. The workflow status was left as it is.")
                % {"when": date_format(timezone.localtime(event.pgh_created_at), "j M Y H:i")},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse(admin_view_name(self.model, "change"), args=[obj.pk]))

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_version_view),
                name=f"{opts.app_label}_{opts.model_name}_restore_version",
            ),
            *super().get_urls(),
        ]


LINK_ROW = re.compile(r"^\w+_\w+ object \(\d+\)$")


def without_link_rows(nested: list) -> list:
    """The admin's nested list of what a deletion takes, without the rows of link
    tables, which Django names "Report_topics object (22)"."""
    kept = []
    for item in nested:
        if isinstance(item, list):
            inner = without_link_rows(item)
            if inner:
                kept.append(inner)
        elif not LINK_ROW.match(strip_tags(str(item)).split(": ", 1)[-1]):
            kept.append(item)
    return kept


class LockedAdmin(HistoryAdmin):
    """Published or archived content is changed and deleted only by those who may
    publish it (core/publishing/workflow.py): the object itself, or for a child row, the
    publishable parent that governs it."""

    change_form_template = "admin/locked_change_form.html"

    def is_locked(self, request, obj) -> bool:
        return obj is not None and workflow.is_locked_for(request.user, obj)

    @staticmethod
    def lock_reason(obj) -> str:
        parent = workflow.governing(obj)
        status = parent.get_status_display().lower()
        if parent == obj:
            reason = gettext("It is %(status)s: it is read-only for you.") % {"status": status}
        else:
            reason = gettext(
                "It belongs to “%(parent)s”, which is %(status)s: it is read-only for you."
            ) % {"parent": parent, "status": status}
        return (
            reason
            + " "
            + gettext("Only a publisher can change or delete published or archived content.")
        )

    def refuse_if_locked(self, request, object_id):
        if request.method == "POST" and object_id:
            obj = self.get_object(request, unquote(object_id))
            if self.is_locked(request, obj):
                raise PermissionDenied(self.lock_reason(obj))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self.refuse_if_locked(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.refuse_if_locked(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.is_locked(request, obj):
            context["workflow_locked"] = self.lock_reason(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.is_locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.is_locked(request, obj)

    def get_deleted_objects(self, objs, request):
        # The bulk "delete selected" action asks here, not has_delete_permission(obj):
        # a locked row among the selection refuses the whole deletion.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            if self.is_locked(request, obj):
                perms_needed.add(
                    gettext("%(kind)s “%(item)s” (published content)")
                    % {"kind": obj._meta.verbose_name, "item": obj}
                )
        # Rows of many-to-many link tables ("Report_topics object (22)") are not things
        # a curator made: the links go, the topics stay. Named neither in the list nor
        # in the counts.
        links = {
            str(model._meta.verbose_name_plural)
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
        }
        counts = {name: n for name, n in counts.items() if name not in links}
        return without_link_rows(deleted), counts, perms_needed, protected

    def get_view_on_site_url(self, obj=None):
        """An unpublished thing has no public page yet: "View on site" opens the preview
        of what governs it (itself, or a recommendation's report) instead of a 404."""
        parent = workflow.governing(obj) if obj is not None else None
        if parent is not None and not parent.is_published:
            if parent._meta.label_lower not in preview.PREVIEWABLE:
                return None
            return preview.link(parent)[0]
        return super().get_view_on_site_url(obj)


class PublishableAdmin(LockedAdmin):
    """Shared by every publishable model's admin: the workflow (actions, buttons,
    confirmation pages), the rule that published content is changed only by those who
    may publish it, and the workflow record read-only. The status is never a form
    field: it moves only through ``core.publishing.workflow.apply()``."""

    list_filter = ["status"]
    save_on_top = True
    change_form_template = "admin/publishable_change_form.html"
    actions = ["submit", "publish", "schedule", "unpublish", "archive"]

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            *WORKFLOW_FIELDS,
            "created_at",
            "updated_at",
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        named = {f for _, options in fieldsets for f in options["fields"] if isinstance(f, str)}
        missing = [f for f in WORKFLOW_FIELDS if f not in named]
        return [*fieldsets, (gettext("Workflow"), {"fields": missing})] if missing else fieldsets

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return [f for f in fields if f not in WORKFLOW_FIELDS]

    # Workflow actions -----------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name, transition in workflow.TRANSITIONS.items():
            if name in actions and not workflow.may(request.user, transition, self.model):
                del actions[name]
        return actions

    @admin.action(description=gettext_lazy("Submit selected for review"))
    def submit(self, request, queryset):
        return self.confirm_transition(request, queryset, "submit")

    @admin.action(description=gettext_lazy("Publish selected now"))
    def publish(self, request, queryset):
        return self.confirm_transition(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Schedule selected for publication"))
    def schedule(self, request, queryset):
        return self.confirm_transition(request, queryset, "schedule")

    @admin.action(description=gettext_lazy("Return selected to draft (unpublish)"))
    def unpublish(self, request, queryset):
        return self.confirm_transition(request, queryset, "unpublish")

    @admin.action(description=gettext_lazy("Archive selected"))
    def archive(self, request, queryset):
        return self.confirm_transition(request, queryset, "archive")

    def confirm_transition(self, request, queryset, name, *, single=None):
        """Show what will move and ask; on the confirming POST, move it. Used by the
        actions (a selection) and by the change form's buttons (one object)."""
        transition = workflow.TRANSITIONS[name]
        if not workflow.may(request.user, transition, self.model):
            raise PermissionDenied
        error = None
        when_text = request.POST.get("publish_at", "")
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            try:
                when = parse_when(when_text) if name == "schedule" else None
                moved, skipped = workflow.apply(transition, queryset, request.user, when=when)
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
            else:
                self.report_transition(request, transition, moved, skipped, when)
                if single is not None:
                    return HttpResponseRedirect(
                        reverse(admin_view_name(self.model, "change"), args=[single.pk])
                    )
                return None  # back to the changelist
        objects = list(queryset)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(move)s: are you sure?") % {"move": transition.label},
            "opts": self.model._meta,
            "transition": transition,
            "movable": [obj for obj in objects if transition.allowed_from(obj)],
            "unmovable": [obj for obj in objects if not transition.allowed_from(obj)],
            "selected": [obj.pk for obj in objects],
            "single": single,
            "error": error,
            "when_text": when_text,
            "time_zone": timezone.get_current_timezone_name(),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/workflow_confirm.html", context)

    def report_transition(self, request, transition, moved, skipped, when):
        names = (
            self.model._meta.verbose_name if moved == 1 else self.model._meta.verbose_name_plural
        )
        values = {"count": moved, "kinds": names, "done": transition.done}
        if when is None:
            text = gettext("%(count)s %(kinds)s %(done)s.") % values
        else:
            values["when"] = date_format(timezone.localtime(when), "j F Y, H:i T")
            text = gettext("%(count)s %(kinds)s %(done)s; public from %(when)s.") % values
        self.message_user(request, text, messages.SUCCESS if moved else messages.WARNING)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)s left as it was: the move “%(move)s” does not apply to its status.",
                    "%(count)s left as they were: the move “%(move)s” does not apply to "
                    "their status.",
                    skipped,
                )
                % {"count": skipped, "move": transition.label},
                messages.WARNING,
            )

    def transition_view(self, request, object_id, name):
        if name not in workflow.TRANSITIONS:
            raise PermissionDenied
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        queryset = self.model._default_manager.filter(pk=obj.pk)
        return self.confirm_transition(request, queryset, name, single=obj)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/workflow/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{opts.app_label}_{opts.model_name}_workflow",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_moves"] = [
                t for t in workflow.TRANSITIONS.values()
                if t.allowed_from(obj) and workflow.may(request.user, t, self.model)
            ]  # fmt: skip
            if obj._meta.label_lower in preview.PREVIEWABLE:
                address, expires = preview.link(obj)
                context["preview_url"] = request.build_absolute_uri(address)
                context["preview_expires"] = expires
        return super().render_change_form(request, context, add, change, form_url, obj)


def admin_view_name(model, view):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"


def parse_when(text: str) -> datetime.datetime:
    """The schedule form's ``<input type="datetime-local">`` value, in the site's time zone."""
    try:
        naive = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            gettext("Give the date and time as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:00.")
        ) from None
    if naive.tzinfo is not None:
        return naive
    return timezone.make_aware(naive)


class SelectedOnceAutocomplete(AutocompleteSelect):
    """Django's autocomplete select reads the option it shows selected with a query of
    its own, one per row of an inline: 32 for a dinner's participations. This one reads
    it from `selected` (SelectedObjects), the options every saved row selects, read in
    one query per field; a value none of them holds (a form sent back with a new
    choice) is read as Django reads it."""

    selected = None  # shared by the copies each row's form makes of the widget

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        labels = self.selected.labels() if self.selected is not None else {}
        if not all(pk in labels for pk in chosen):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in chosen[:1]:
            options.append(self.create_option(name, pk, labels[pk], True, len(options)))
        return [(None, options, 0)]


class SelectedObjects:
    """The labels of the objects that an inline's saved rows select in one field,
    read on first use: {pk as text: label}."""

    def __init__(self, field, rows, attname):
        self.field, self.rows, self.attname = field, rows, attname
        self._labels = None

    def labels(self) -> dict:
        if self._labels is None:
            chosen = self.field.queryset.filter(pk__in=self.rows.values(self.attname))
            self._labels = {str(obj.pk): self.field.label_from_instance(obj) for obj in chosen}
        return self._labels


class SelectedOnceInline:
    """An inline whose autocomplete fields read their selected options once for all rows
    (SelectedOnceAutocomplete) rather than once per row."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = SelectedOnceAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None or obj.pk is None:
            return formset
        rows = self.get_queryset(request).filter(**{formset.fk.name: obj}).order_by()
        for name, field in formset.form.base_fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, SelectedOnceAutocomplete):
                attname = self.model._meta.get_field(name).attname
                widget.selected = SelectedObjects(field, rows, attname)
        return formset


class LockedWithParentInline:
    """Rows shown inside a published parent's form are frozen with it for those who
    may not publish it (the parent's form refuses the POST anyway). Each row also
    checks its own lock: a published child organization or implementation update,
    shown inside a draft parent's form, is not changed or deleted through it by
    someone who may not publish it."""

    def _locked(self, request, obj):
        return obj is not None and workflow.is_locked_for(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._locked(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        user = request.user

        class RowLockedFormSet(formset):
            def clean(self):
                super().clean()
                refused = []
                for form in self.initial_forms:
                    row = form.instance
                    deleting = self.can_delete and self._should_delete_form(form)
                    if (deleting or form.has_changed()) and workflow.is_locked_for(user, row):
                        values = {
                            "kind": capfirst(row._meta.verbose_name),
                            "item": row,
                            "status": workflow.governing(row).get_status_display().lower(),
                        }
                        refused.append(
                            (
                                gettext(
                                    "%(kind)s “%(item)s” is %(status)s: only someone who may "
                                    "publish it can have it deleted. Nothing was saved."
                                )
                                if deleting
                                else gettext(
                                    "%(kind)s “%(item)s” is %(status)s: only someone who may "
                                    "publish it can have it changed. Nothing was saved."
                                )
                            )
                            % values
                        )
                if refused:
                    raise ValidationError(refused)

        return RowLockedFormSet


class ChildOfPublishableAdmin(LockedAdmin):
    """The standalone admin of rows that belong to a publishable parent (a report's
    recommendations, an event's participations): published parents are changed only by
    those who may publish them, here too. The model's ``workflow_parent`` is the path to
    the parent, e.g. ``"report"`` or ``"source.report"``."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        first, _, rest = self.model.workflow_parent.partition(".")
        user = request.user

        class GuardedForm(form):
            def clean(self):
                data = super().clean()
                parent = workflow.follow(data.get(first), rest)
                if parent is not None and workflow.is_locked_for(user, parent):
                    raise ValidationError(
                        {
                            first: gettext(
                                "“%(item)s” is %(status)s: only a publisher can change what it "
                                "shows."
                            )
                            % {"item": parent, "status": parent.get_status_display().lower()}
                        }
                    )
                return data

        return GuardedForm


@admin.register(MemberState)
class MemberStateAdmin(HistoryAdmin):
    list_display = ["name", "iso3", "iso2", "m49", "region", "membership", "admitted_on"]
    list_filter = ["region", "membership"]
    search_fields = ["name", "short_name", "official_name", "iso2", "iso3", "m49"]
    date_hierarchy = "admitted_on"
    prepopulated_fields = {"slug": ["short_name"]}
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50


class ChildOrganizationInline(LockedWithParentInline, admin.TabularInline):
    model = Organization
    fk_name = "parent"
    fields = ["name", "acronym", "kind", "status"]
    readonly_fields = ["status"]  # moved through the workflow, never typed
    extra = 0
    show_change_link = True
    verbose_name_plural = gettext_lazy("Parts of this organization")


@admin.register(Organization)
class OrganizationAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name", "acronym", "kind", "parent", "status", "updated_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym", "also_known_as"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ChildOrganizationInline]


class PositionInline(LockedWithParentInline, admin.TabularInline):
    model = Position
    fields = ["title", "organization", "member_state", "started_on", "ended_on"]
    autocomplete_fields = ["organization", "member_state"]
    extra = 0


@admin.register(Person)
class PersonAdmin(ImportExportAdmin, PublishableAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "sort_name", "honorific", "position_count", "status", "updated_at"]
    search_fields = ["name", "sort_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_position_count=Count("positions"))

    @admin.display(description=gettext_lazy("positions"), ordering="_position_count")
    def position_count(self, person):
        return person._position_count


@admin.register(Position)
class PositionAdmin(ChildOfPublishableAdmin):
    list_display = ["person", "title", "organization", "member_state", "started_on", "ended_on"]
    list_select_related = ["person", "organization", "member_state"]
    search_fields = ["title", "person__name", "organization__name", "member_state__name"]
    autocomplete_fields = ["person", "organization", "member_state"]
    date_hierarchy = "started_on"
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Topic)
class TopicAdmin(PublishableAdmin):
    list_display = ["name", "parent", "status", "updated_at"]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Correction)
class CorrectionAdmin(HistoryAdmin):
    """The log of public corrections. A correction is written from the corrected item's
    own form (its "Public correction" tick); here a Publisher rewords or withdraws one,
    and the History keeps every earlier wording."""

    list_display = ["corrected_at", "corrected_item", "note", "corrected_by"]
    list_filter = ["content_type"]
    search_fields = ["note"]
    fields = ["corrected_item", "note", "corrected_at", "corrected_by"]
    readonly_fields = ["corrected_item", "corrected_by"]
    list_select_related = ["content_type", "corrected_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_items(public=False)

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("Item"))
    def corrected_item(self, obj):
        item = obj.item
        if item is None:
            return gettext("%(kind)s #%(id)s (deleted)") % {
                "kind": obj.content_type.name,
                "id": obj.object_id,
            }
        address = reverse(admin_view_name(type(item), "change"), args=[item.pk])
        return format_html(
            '{} <a href="{}">{}</a>', capfirst(item._meta.verbose_name), address, item
        )


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    """The site's own pages (the methodology): written, reviewed and published like any
    item, with their history; a page keeps its address."""

    list_display = ["title", "slug", "status", "updated_at"]
    fields = ["slug", "title", "description", "body"]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "slug"] if obj is not None else readonly
