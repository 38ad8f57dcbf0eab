"""Bulk import and export of participations: an event's attendance list as CSV or
XLSX (see directory/resources.py for matching rules, transactions and drafts).

The event can be chosen on the import form, so a list taken at the door needs no
event column; a file with an ``event`` column (slug or exact title) may name several.
A person already listed at an event is updated, not added twice.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from import_export import fields, widgets

from core.publishing import workflow
from directory.resources import (
    ChoiceWidget,
    MemberStateWidget,
    OrganizationWidget,
    PersonWidget,
    SpreadsheetSafeResource,
    fill_missing_columns,
)
from events.models import Event, Level, Participation, Role


class EventWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Event, field="slug")

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            raise ValueError(
                gettext("Name the event: choose it on the import form or fill this column.")
            )
        matches = list(Event.objects.filter(Q(slug=text) | Q(title__iexact=text))[:2])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValueError(
                gettext("No event has the address or title “%(text)s”.") % {"text": text}
            )
        raise ValueError(
            gettext("More than one event is titled “%(text)s”; use its address (slug).")
            % {"text": text}
        )


class ParticipationResource(SpreadsheetSafeResource):
    event = fields.Field("event", "event", widget=EventWidget())
    person = fields.Field("person", "person", widget=PersonWidget())
    member_state = fields.Field("member_state", "member_state", widget=MemberStateWidget())
    organization = fields.Field("organization", "organization", widget=OrganizationWidget())
    role = fields.Field("role", "role", widget=ChoiceWidget(Role, blank_allowed=False))
    level = fields.Field("level", "level", widget=ChoiceWidget(Level))

    class Meta:
        model = Participation
        fields = ["event", "person", "member_state", "organization", "role", "level", "title"]
        import_id_fields = []
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, request=None, event=None, **kwargs):
        self.request = request
        self.event = event
        super().__init__()

    def before_import(self, dataset, **kwargs):
        if self.event is not None and "event" not in (dataset.headers or []):
            dataset.append_col([self.event.slug] * len(dataset), header="event")
        fill_missing_columns(self, dataset)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if self.event is not None and not str(row.get("event") or "").strip():
            row["event"] = self.event.slug
        if not str(row.get("role") or "").strip():
            row["role"] = Role.PARTICIPANT

    def get_instance(self, instance_loader, row):
        """A person already listed at the event is that participation, updated."""
        try:
            event = self.fields["event"].clean(row)
            person = self.fields["person"].clean(row)
        except ValueError:
            return None  # the row's own errors are reported when it is imported
        if event is None or person is None:
            return None
        return Participation.objects.filter(event=event, person=person).first()

    def after_init_instance(self, instance, new, row, **kwargs):
        user = kwargs.get("user")
        try:
            event = self.fields["event"].clean(row)
        except ValueError:
            return
        if user is not None and event is not None and workflow.is_locked_for(user, event):
            raise ValidationError(
                {
                    "event": gettext(
                        "“%(item)s” is %(status)s; only a publisher can change who took part."
                    )
                    % {"item": event, "status": event.get_status_display().lower()}
                }
            )

    def dehydrate_event(self, participation):
        return participation.event.slug
