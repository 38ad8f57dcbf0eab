"""Uniformed contributions in bulk: the UN's monthly figures as CSV or XLSX, through
the admin's import with a dry run (directory/resources.py has the shared matching and
the rules every import keeps: one transaction, nothing written unless every row is
valid, the history recording each row with the user who confirmed it).

Our layout, one row per operation, contributor, month and personnel type:

    operation,member_state,month,personnel_type,women,men,total,source
    MINUSMA,SEN,2023-05,Troops,27,1030,1057,UN Peace and Security Data Hub

The same columns are recognised under the names of the UN's published open data
(the Peace and Security Data Hub's uniformed-contributions files): ``mission_acronym``,
``isocode3`` or ``contributing_country``, ``last_reporting_date``, ``personnel_type``,
``female_personnel`` and ``male_personnel``; and the older files' ``Mission``,
``Contributor_ISO-3``, ``Contributor``, ``Date`` and ``Troops``. Names are matched
without regard to case, spaces or hyphens. A row already recorded for the same
operation, contributor, month and type is updated, not added twice.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from import_export import fields, widgets

from core.publishing import workflow
from directory.resources import MemberStateWidget, SpreadsheetSafeResource
from operations.models import Contribution, Operation, PersonnelType


def header_key(name) -> str:
    """“Contributor_ISO-3”, “contributor iso 3” and “CONTRIBUTOR-ISO-3” are one name."""
    return re.sub(r"[\s_\-]+", "_", str(name or "").strip().lower())


# Our column, then the other names it is recognised under, in order of preference:
# where a file has both an ISO code and a country name, the code wins.
COLUMN_NAMES = {
    "operation": ["operation", "mission_acronym", "mission", "acronym"],
    "member_state": [
        "member_state",
        "isocode3",
        "contributor_iso_3",
        "iso3",
        "contributing_country",
        "contributor",
        "country",
    ],
    "month": ["month", "last_reporting_date", "reporting_date", "date"],
    "personnel_type": ["personnel_type", "type"],
    "women": ["women", "female_personnel", "female"],
    "men": ["men", "male_personnel", "male"],
    # The older files count troops only, in one column.
    "total": ["total", "total_personnel", "personnel", "troops"],
    "source": ["source"],
}

# The UN's names for the personnel types, beside our own labels and values.
PERSONNEL_NAMES = {
    "troops": PersonnelType.TROOPS,
    "troop": PersonnelType.TROOPS,
    "contingent troop": PersonnelType.TROOPS,
    "contingent troops": PersonnelType.TROOPS,
    "staff officer": PersonnelType.STAFF_OFFICERS,
    "staff officers": PersonnelType.STAFF_OFFICERS,
    "experts on mission": PersonnelType.EXPERTS,
    "expert on mission": PersonnelType.EXPERTS,
    "military observers": PersonnelType.EXPERTS,
    "military observer": PersonnelType.EXPERTS,
    "individual police": PersonnelType.POLICE,
    "police": PersonnelType.POLICE,
    "formed police units": PersonnelType.FORMED_POLICE,
    "formed police unit": PersonnelType.FORMED_POLICE,
    "fpu": PersonnelType.FORMED_POLICE,
}
MONTH_NAMES = {
    datetime.date(2000, month, 1).strftime(form).lower(): month
    for month in range(1, 13)
    for form in ("%B", "%b")
}


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


class CachedMemberStateWidget(MemberStateWidget):
    """One query per distinct name in the file, not one per row."""

    def __init__(self):
        super().__init__()
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        key = _text(value).lower()
        if key not in self.found:
            try:
                self.found[key] = super().clean(value, row, **kwargs)
            except ValueError as error:
                self.found[key] = error
        if isinstance(self.found[key], ValueError):
            raise self.found[key]
        return self.found[key]


class OperationWidget(widgets.ForeignKeyWidget):
    """An operation by its acronym (MINUSMA, “UNEF I”) or address (unef-i)."""

    def __init__(self):
        super().__init__(Operation, field="acronym")
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            raise ValueError(gettext("Name the operation by its acronym, such as MINUSMA."))
        key = text.lower()
        if key not in self.found:
            self.found[key] = Operation.objects.filter(
                Q(acronym__iexact=text) | Q(slug=key)
            ).first()
        if self.found[key] is None:
            raise ValueError(
                gettext(
                    "No operation has the acronym “%(text)s”. Use the acronym as the platform "
                    "lists it (MINUSMA, UNEF I), or add the operation first."
                )
                % {"text": text}
            )
        return self.found[key]


class MonthWidget(widgets.Widget):
    """A month as 2023-05, 2023-05-31, 31/05/2023, “May 2023” or a spreadsheet date;
    stored as its first day."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        text = _text(value)
        if not text:
            raise ValueError(gettext("Give the month, such as 2023-05."))
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ T].*)?", text):
            year, month = int(match[1]), int(match[2])
        elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
            year, month = int(match[3]), int(match[2])
        elif match := re.fullmatch(r"([A-Za-z]+)\.? (\d{4})", text):
            year, month = int(match[2]), MONTH_NAMES.get(match[1].lower(), 0)
        else:
            year = month = 0
        if not (1 <= month <= 12 and 1900 <= year <= 2200):
            raise ValueError(
                gettext(
                    "“%(text)s” is not a month; write it as 2023-05 (or a date such as 2023-05-31)."
                )
                % {"text": text}
            )
        return datetime.date(year, month, 1)

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m") if value else ""


class PersonnelTypeWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = " ".join(_text(value).lower().replace("_", " ").split())
        if not text:
            raise ValueError(gettext("Give the personnel type, such as Troops."))
        for stored, label in PersonnelType.choices:
            if text in (str(label).lower(), stored.replace("_", " ")):
                return stored
        if text in PERSONNEL_NAMES:
            return PERSONNEL_NAMES[text]
        allowed = ", ".join(str(label) for _, label in PersonnelType.choices)
        raise ValueError(
            gettext("“%(text)s” is not a personnel type; use one of: %(allowed)s.")
            % {"text": _text(value), "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return dict(PersonnelType.choices).get(value, value or "")


class CountWidget(widgets.IntegerWidget):
    """A head count: a whole number, zero or more, or empty. Spreadsheets write 12 as
    12.0, which is accepted; 12.5 is not."""

    def clean(self, value, row=None, **kwargs):
        text = _text(value).replace(",", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                gettext("“%(text)s” is not a number of people.") % {"text": _text(value)}
            ) from None
        if number != int(number) or number < 0 or number > 10_000_000:
            raise ValueError(
                gettext("“%(text)s” is not a number of people (0 or more).")
                % {"text": _text(value)}
            )
        return int(number)


class ContributionResource(SpreadsheetSafeResource):
    operation = fields.Field("operation", "operation", widget=OperationWidget())
    member_state = fields.Field("member_state", "member_state", widget=CachedMemberStateWidget())
    month = fields.Field("month", "month", widget=MonthWidget())
    personnel_type = fields.Field("personnel_type", "personnel_type", widget=PersonnelTypeWidget())
    women = fields.Field("women", "women", widget=CountWidget())
    men = fields.Field("men", "men", widget=CountWidget())
    total = fields.Field("total", "total", widget=CountWidget())

    class Meta:
        model = Contribution
        fields = [
            "operation",
            "member_state",
            "month",
            "personnel_type",
            "women",
            "men",
            "total",
            "source",
        ]
        import_id_fields = []
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        # A file holds thousands of rows: the dry run lists them without a field-by-
        # field comparison of each.
        skip_html_diff = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, request=None, **kwargs):
        self.request = request
        self.seen = {}  # each row's key: the row number that gave it first
        self.recorded = {}  # per operation: its figures already recorded, by key
        self.locked = {}  # per operation: whether the importing user may not change it
        super().__init__()

    def before_import(self, dataset, **kwargs):
        """Our column names for the UN's; columns left out are empty in every row."""
        headers = list(dataset.headers or [])
        keys = [header_key(header) for header in headers]
        # The older files: one column of troops, and no personnel type.
        troops_only = "troops" in keys and not {"personnel_type", "type"} & set(keys)
        for ours, names in COLUMN_NAMES.items():
            if ours in headers:
                continue
            for name in names:
                if name in keys:
                    headers[keys.index(name)] = ours
                    keys[keys.index(name)] = ours
                    break
        dataset.headers = headers
        if troops_only:
            dataset.append_col(["Troops"] * len(dataset), header="personnel_type")
        for field in self.get_import_fields():
            if field.column_name not in dataset.headers:
                dataset.append_col([""] * len(dataset), header=field.column_name)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if _text(row.get("total")):
            return
        try:  # no total: women and men make it (their own errors come later)
            counts = [CountWidget().clean(row.get(column)) for column in ("women", "men")]
        except ValueError:
            return
        if any(count is not None for count in counts):
            row["total"] = sum(count or 0 for count in counts)

    def get_instance(self, instance_loader, row):
        """The same operation, contributor, month and type is that row, updated. An
        operation's recorded figures are read once, in one query, for the whole file."""
        try:
            operation, state, month, personnel_type = self.key(row)
        except ValueError:
            return None  # the row's own errors are reported when it is imported
        if operation.pk not in self.recorded:
            self.recorded[operation.pk] = {
                (c.member_state_id, c.month, c.personnel_type): c
                for c in Contribution.objects.filter(operation=operation).select_related(
                    "operation", "member_state"
                )
            }
        return self.recorded[operation.pk].get((state.pk, month, personnel_type))

    def key(self, row):
        return (
            self.fields["operation"].clean(row),
            self.fields["member_state"].clean(row),
            self.fields["month"].clean(row),
            self.fields["personnel_type"].clean(row),
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        try:
            key = self.key(row)
        except ValueError:
            return
        number = kwargs.get("row_number")
        if key in self.seen:
            raise ValidationError(
                {
                    "month": gettext(
                        "Row %(row)s already gives these figures (same operation, member "
                        "state, month and personnel type)."
                    )
                    % {"row": self.seen[key]}
                }
            )
        self.seen[key] = number
        user, operation = kwargs.get("user"), key[0]
        if operation.pk not in self.locked:
            self.locked[operation.pk] = user is not None and workflow.is_locked_for(user, operation)
        if self.locked[operation.pk]:
            raise ValidationError(
                {
                    "operation": gettext(
                        "“%(item)s” is %(status)s; only a publisher can change its figures."
                    )
                    % {"item": key[0].acronym, "status": key[0].get_status_display().lower()}
                }
            )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field checks as a form would make them, and the total's sum, here rather
        than by asking PostgreSQL about each constraint on every row (thousands of
        rows); the database still enforces them all."""
        errors = dict(import_validation_errors or {})
        try:
            # The operation and the member state were found by their widgets: asking
            # again whether they exist took two queries a row.
            instance.full_clean(
                exclude=[*errors.keys(), "operation", "member_state"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        given = [value for value in (instance.women, instance.men) if value is not None]
        if given and instance.total is not None and instance.total != sum(given):
            errors.setdefault("total", []).append(
                gettext(
                    "Women and men add up to %(sum)s, not %(total)s; correct one of the "
                    "three, or leave the total empty."
                )
                % {"sum": sum(given), "total": instance.total}
            )
        if errors:
            raise ValidationError(errors)

    def dehydrate_operation(self, contribution):
        return contribution.operation.acronym
