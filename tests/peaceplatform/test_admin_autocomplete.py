"""Every field of our admin forms that picks a person, an organization, a member state
or a topic searches as the curator types (autocomplete), in the model forms and in
their inlines: a plain select lists all 195 states or every person in the directory."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from directory.models import MemberState, Organization, Person, Topic

PICKED = (Person, Organization, MemberState, Topic)
OUR_APPS = {"directory", "events", "reports"}


def admins():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        yield model, model_admin
        for inline in model_admin.inlines:
            yield inline.model, inline(model, admin.site)


def editable_pickers(model, model_admin, request):
    """The form's fields that pick one of PICKED."""
    fields = model_admin.get_fields(request)
    names = set()
    for item in fields:
        names.update(item if isinstance(item, (list, tuple)) else [item])
    for field in model._meta.get_fields():
        if field.name not in names or not (field.many_to_one or field.many_to_many):
            continue
        if getattr(field, "related_model", None) in PICKED and field.editable:
            yield field.name


@pytest.mark.parametrize(
    ("model", "model_admin"),
    list(admins()),
    ids=[f"{type(a).__name__}" for _m, a in admins()],
)
def test_every_picker_of_people_organizations_states_and_topics_autocompletes(
    model, model_admin, rf
):
    request = rf.get("/admin/")
    request.user = User(is_superuser=True, is_active=True, is_staff=True)
    missing = [
        name
        for name in editable_pickers(model, model_admin, request)
        if name not in model_admin.autocomplete_fields and name not in model_admin.readonly_fields
    ]
    assert missing == [], f"{type(model_admin).__name__}: {missing}"
