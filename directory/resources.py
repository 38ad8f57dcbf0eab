"""Bulk import and export of people and organizations (django-import-export), and
the forgiving-but-safe matching that the participation import (events/resources.py)
shares: member states by name, short name, official name or ISO code; organizations
by name or acronym; people by name, with near misses suggested via pg_trgm.

Every import runs in one transaction and writes nothing unless every row is valid
(IMPORT_EXPORT_USE_TRANSACTIONS). Imported content arrives as drafts, and an editor's
import may not change published content (core/publishing/workflow.py). The history
triggers record every row an import writes, with the user who confirmed it.
"""

from django.contrib import messages
from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from core.publishing import workflow
from core.spreadsheets import neutralise_formula, restore_formula_text
from directory.models import MemberState, Organization, OrganizationKind, Person

# How alike two names must be (pg_trgm similarity, 0–1) to be called a near duplicate.
NEAR_DUPLICATE = 0.5


def near_people(name: str, *, limit: int = 3):
    return list(
        Person.objects.annotate(similarity=TrigramSimilarity("name", name))
        .filter(similarity__gte=NEAR_DUPLICATE)
        .exclude(name__iexact=name)
        .order_by("-similarity")[:limit]
    )


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


class MemberStateWidget(widgets.ForeignKeyWidget):
    """“Norway”, “Kingdom of Norway”, “NOR” and “NO” all find Norway; accents and
    case do not matter. Exported as the ISO alpha-3 code."""

    def __init__(self):
        super().__init__(MemberState, field="iso3")

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        matches = list(
            MemberState.objects.filter(
                Q(name__unaccent__iexact=text)
                | Q(short_name__unaccent__iexact=text)
                | Q(official_name__unaccent__iexact=text)
                | Q(iso3__iexact=text)
                | Q(iso2__iexact=text)
            )[:2]
        )
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValueError(
                gettext(
                    "No member state is called “%(text)s”. Give its name, official name or "
                    "ISO code (for example Norway, Kingdom of Norway or NOR)."
                )
                % {"text": text}
            )
        raise ValueError(
            gettext("“%(text)s” could be more than one member state; use its ISO code.")
            % {"text": text}
        )


class OrganizationWidget(widgets.ForeignKeyWidget):
    """An organization by its name or acronym (or slug); exported as its name."""

    def __init__(self):
        super().__init__(Organization, field="name")

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        matches = list(
            Organization.objects.filter(
                Q(name__unaccent__iexact=text) | Q(acronym__iexact=text) | Q(slug=text)
            )[:2]
        )
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValueError(
                gettext(
                    "No organization is called “%(text)s”. Give its name or acronym as in the "
                    "admin, or import organizations first."
                )
                % {"text": text}
            )
        raise ValueError(
            gettext("“%(text)s” names more than one organization; use its full name.")
            % {"text": text}
        )


class PersonWidget(widgets.ForeignKeyWidget):
    """A person by exact name (case and accents aside) or slug. No guessing: a near
    miss is an error that names the likely person."""

    def __init__(self):
        super().__init__(Person, field="name")

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        matches = list(Person.objects.filter(Q(name__unaccent__iexact=text) | Q(slug=text))[:2])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValueError(
                gettext("More than one person is called “%(text)s”; use their slug.")
                % {"text": text}
            )
        near = near_people(text)
        if near:
            raise ValueError(
                gettext(
                    "No person is called “%(text)s”. Did you mean “%(near)s”? Import people first."
                )
                % {"text": text, "near": near[0].name}
            )
        raise ValueError(
            gettext("No person is called “%(text)s”. Import people first.") % {"text": text}
        )


class ChoiceWidget(widgets.Widget):
    """A choice by its stored value or its label, in any case: “Participant” or
    “participant”. The error lists what is allowed."""

    def __init__(self, choices, *, blank_allowed=True):
        self.choices = choices
        self.blank_allowed = blank_allowed
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            if self.blank_allowed:
                return ""
            raise ValueError(gettext("This column must not be empty."))
        wanted = text.lower()
        as_value = wanted.replace(" ", "_").replace("-", "_")  # "Foreign minister"
        for stored, label in self.choices.choices:
            if wanted == str(label).lower() or as_value == stored:
                return stored
        allowed = ", ".join(str(label) for _, label in self.choices.choices)
        raise ValueError(
            gettext("“%(text)s” is not one of: %(allowed)s.") % {"text": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices.choices).get(value, value or "")


def fill_missing_columns(resource, dataset):
    """A column left out of the file is empty in every row: an attendance list with
    only names and states need not carry empty organization and title columns."""
    headers = dataset.headers or []
    for field in resource.get_import_fields():
        if field.column_name not in headers:
            dataset.append_col([""] * len(dataset), header=field.column_name)


class SpreadsheetSafeResource(resources.ModelResource):
    """Exports neutralise formula-like text; imports take the neutralising apostrophe
    off again (core/spreadsheets.py)."""

    def export_resource(self, instance, selected_fields=None, **kwargs):
        values = super().export_resource(instance, selected_fields, **kwargs)
        return [neutralise_formula(value) for value in values]

    def before_import_row(self, row, **kwargs):
        for key, value in list(row.items()):
            row[key] = restore_formula_text(value)


class DraftResource(SpreadsheetSafeResource):
    """Rows arrive as drafts; existing rows matched by slug are updated, except
    published ones when the importing user may not publish them. Row numbers in
    messages count data rows from 1, as import-export's own error list does."""

    def __init__(self, request=None, **kwargs):
        # The admin passes its request, so that warnings reach the page as messages.
        self.request = request
        self.warnings = []
        super().__init__()

    def before_import(self, dataset, **kwargs):
        fill_missing_columns(self, dataset)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field checks and unique values, as a form would; the table's check
        constraints (valid status, kind, slug) are met by construction here, and
        asking PostgreSQL about each on every row tripled the time of a large import.
        The database still enforces them."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=errors.keys(), validate_unique=validate_unique, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if not _text(row.get("slug")) and _text(row.get("name")):
            row["slug"] = slugify(row["name"])[:160]

    def after_init_instance(self, instance, new, row, **kwargs):
        user = kwargs.get("user")
        if not new and user is not None and workflow.is_locked_for(user, instance):
            raise ValidationError(
                {
                    "slug": gettext("“%(item)s” is %(status)s; only a publisher can change it.")
                    % {"item": instance, "status": instance.get_status_display().lower()}
                }
            )

    def after_import(self, dataset, result, **kwargs):
        if self.request is not None:
            for row_number, message in self.warnings:
                messages.warning(
                    self.request,
                    gettext("Row %(row)s: %(message)s") % {"row": row_number, "message": message},
                )


class PersonResource(DraftResource):
    name = fields.Field("name", "name")

    class Meta:
        model = Person
        fields = ["slug", "name", "sort_name", "honorific", "biography"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Near duplicates of every name in the file, in one query (pg_trgm).
        names = sorted({_text(name) for name in dataset["name"] if _text(name)})
        self.near = {}
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT wanted.name, p.name, p.slug FROM unnest(%s::text[]) AS wanted(name)
                JOIN directory_person p
                  ON similarity(p.name, wanted.name) >= %s AND lower(p.name) <> lower(wanted.name)
                ORDER BY wanted.name, similarity(p.name, wanted.name) DESC
                """,
                [names, NEAR_DUPLICATE],
            )
            for wanted, name, slug in cursor.fetchall():
                self.near.setdefault(wanted, []).append((name, slug))

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        name = _text(row.get("name"))
        if name and not _text(row.get("sort_name")):
            # "Hervé Ladsous" sorts as "Ladsous, Hervé" unless the file says otherwise.
            first, _, last = name.rpartition(" ")
            row["sort_name"] = f"{last}, {first}" if first else name
        near = [(n, slug) for n, slug in self.near.get(name, []) if slug != row.get("slug")][:3]
        if near:
            listed = "; ".join(f"“{n}”" for n, _ in near)
            self.warnings.append(
                (
                    kwargs.get("row_number"),
                    gettext(
                        "“%(name)s” looks like someone already recorded: %(listed)s. If it is "
                        "the same person, use their slug instead of adding a new one."
                    )
                    % {"name": name, "listed": listed},
                )
            )


class OrganizationResource(DraftResource):
    kind = fields.Field("kind", "kind", widget=ChoiceWidget(OrganizationKind, blank_allowed=False))
    parent = fields.Field("parent", "parent", widget=OrganizationWidget())

    class Meta:
        model = Organization
        fields = ["slug", "name", "acronym", "kind", "parent", "website", "description"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
