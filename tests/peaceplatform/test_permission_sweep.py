"""Every door of the admin, tried as an Editor against published content.

The admin registry is read at run time: every change form, delete page, action and
inline of every content model is tried, so a model admin, action or inline added
later is covered the day it lands (a model without a builder here fails the first
test, naming it). Nothing may change in any content table, and each refusal says why.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import RequestFactory
from django.urls import reverse

from core.publishing import CONTENT_APPS
from core.publishing.status import Status, Workflowed
from directory.models import (
    Correction,
    MemberState,
    Organization,
    Page,
    Person,
    Position,
    Topic,
)
from events.models import Event, EventSeries, Participation
from operations.models import Contribution, Operation
from reports.models import (
    DocumentSymbol,
    Recommendation,
    RecommendationLink,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportRelation,
)
from tests import factories
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

PUBLISHED, DRAFT = Status.PUBLISHED, Status.DRAFT

# model -> a builder of a row governed by a row of the given status (itself, for
# publishable models; its publishable parent, for the rest).
BUILDERS = {
    MemberState: lambda s: factories.member_state("FIN"),  # reference data: view only
    Organization: lambda s: factories.OrganizationFactory(status=s),
    Person: lambda s: factories.PersonFactory(status=s),
    Topic: lambda s: factories.TopicFactory(status=s),
    Page: lambda s: factories.methodology_page(status=s),
    Operation: lambda s: factories.OperationFactory(status=s),
    Contribution: lambda s: factories.ContributionFactory(operation__status=s),
    Correction: lambda s: factories.CorrectionFactory(),  # written by Publishers only
    EventSeries: lambda s: factories.EventSeriesFactory(status=s),
    Event: lambda s: factories.EventFactory(status=s),
    Report: lambda s: factories.ReportFactory(status=s),
    RecommendationUpdate: lambda s: factories.RecommendationUpdateFactory(status=s),
    Position: lambda s: factories.PositionFactory(person__status=s),
    Participation: lambda s: factories.ParticipationFactory(event__status=s),
    DocumentSymbol: lambda s: factories.DocumentSymbolFactory(report__status=s),
    ReportDocument: lambda s: factories.ReportDocumentFactory(report__status=s),
    ReportRelation: lambda s: factories.ReportRelationFactory(source__status=s),
    Recommendation: lambda s: factories.RecommendationFactory(report__status=s),
    RecommendationLink: lambda s: factories.RecommendationLinkFactory(source__report__status=s),
}
# A publishable child made under a given parent, for the inlines' own-row locks.
CHILD_FACTORIES = {
    Organization: factories.OrganizationFactory,
    RecommendationUpdate: factories.RecommendationUpdateFactory,
}
# Reference data an Editor may read but never change, and the corrections log (written
# by Publishers): refused by Django's own permissions, with the 403 page's reason.
REFERENCE = {MemberState, Correction}
REASONS = (
    "read-only for you",
    "only someone who may publish it",
    "does not apply to its status",
    "does not apply to their status",
)


def content_admins():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in CONTENT_APPS
        ),
        key=lambda pair: pair[0]._meta.label,
    )


def content_state():
    """Every row of every content table (many-to-many tables too), to compare."""
    from django.apps import apps
    from pghistory.models import Event as HistoryEvent

    state = {}
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not issubclass(model, HistoryEvent):
                state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return state


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def editor_client(signed_in):
    return signed_in("Editor")


@pytest.fixture
def editor_request(editor_client):
    from django.contrib.auth import get_user_model

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(username="editor")
    return request


def test_every_content_admin_has_a_builder():
    missing = [model._meta.label for model, _ in content_admins() if model not in BUILDERS]
    assert missing == [], (
        f"add a builder to tests/peaceplatform/test_permission_sweep.py for {missing}"
    )


def test_every_change_form_and_delete_page_refuses_an_editor(editor_client, reliability):
    tried = 0
    for model, _ in content_admins():
        obj = BUILDERS[model](PUBLISHED)
        reason = "Your account may not do this" if model in REFERENCE else "read-only for you"
        before = content_state()
        page = editor_client.get(url(model, "change", obj.pk))
        assert page.status_code == 200, model
        if model not in REFERENCE:
            assert reason in page.content.decode(), model
        data = change_form_data(page.content.decode())
        posted = editor_client.post(url(model, "change", obj.pk), data)
        assert posted.status_code == 403, model
        assert reason in posted.content.decode(), model
        deleted = editor_client.post(url(model, "delete", obj.pk), {"post": "yes"})
        assert deleted.status_code == 403, model
        assert reason in deleted.content.decode(), model
        assert content_state() == before, model
        tried += 1
    reliability(
        "Permission sweep (Editor on published content)",
        change_forms_tried=f"{tried}, each refused with its reason; rows changed: 0",
    )


def test_every_action_leaves_published_content_as_it_was(
    editor_client, editor_request, reliability
):
    tried = []
    for model, model_admin in content_admins():
        obj = BUILDERS[model](PUBLISHED)
        for name in model_admin.get_actions(editor_request):
            before = content_state()
            response = editor_client.post(
                url(model, "changelist"),
                {
                    "action": name,
                    ACTION_CHECKBOX_NAME: [obj.pk],
                    "post": "yes",
                    "confirm": "yes",
                    "format": "0",
                },
                follow=True,
            )
            assert content_state() == before, (model, name)
            if "export" not in name:  # exports change nothing by design; all else refuses
                text = response.content.decode()
                assert response.status_code == 403 or any(r in text for r in REASONS), (
                    model,
                    name,
                )
                if response.status_code == 403:
                    assert "Nothing was changed" in text
            tried.append(f"{model._meta.model_name}.{name}")
    reliability(
        "Permission sweep (Editor on published content)",
        actions_tried=f"{len(tried)} ({', '.join(sorted(set(n.split('.')[1] for n in tried)))})",
    )


def test_every_inline_row_checks_its_own_lock(editor_client, editor_request, reliability):
    """A published row shown in a draft parent's form is neither changed nor deleted."""
    tried = 0
    for parent_model, model_admin in content_admins():
        for inline in model_admin.get_inline_instances(editor_request):
            if not issubclass(inline.model, Workflowed):
                # Governed by the parent: locked exactly when the parent is (the
                # change-form sweep above posts every such form on a published parent).
                continue
            formset = inline.get_formset(editor_request)
            parent = BUILDERS[parent_model](DRAFT)
            child = CHILD_FACTORIES[inline.model](**{formset.fk.name: parent, "status": PUBLISHED})
            prefix = formset.get_default_prefix()
            page = editor_client.get(url(parent_model, "change", parent.pk)).content.decode()
            data = change_form_data(page)
            row = next(
                key.removesuffix("-id")
                for key, values in data.items()
                if key.startswith(prefix) and key.endswith("-id") and values == [str(child.pk)]
            )
            text_field = next(
                name
                for name, field in formset.form.base_fields.items()
                if field.__class__.__name__ == "CharField" and f"{row}-{name}" in data
            )
            for change in (
                {f"{row}-{text_field}": ["Changed through a draft parent"]},
                {f"{row}-DELETE": ["on"]},
            ):
                before = content_state()
                response = editor_client.post(url(parent_model, "change", parent.pk), data | change)
                assert response.status_code == 200, (parent_model, inline, change)
                assert "only someone who may publish it" in response.content.decode()
                assert content_state() == before, (parent_model, inline, change)
            tried += 1
    assert tried >= 2  # parts of an organization, a recommendation's updates
    reliability("Permission sweep (Editor on published content)", inlines_with_own_lock=tried)


def test_a_publisher_may_change_a_published_row_through_a_draft_parent(signed_in):
    client = signed_in("Publisher")
    parent = factories.OrganizationFactory(status=DRAFT)
    child = factories.OrganizationFactory(parent=parent, status=PUBLISHED, name="Old name")
    data = change_form_data(client.get(url(Organization, "change", parent.pk)).content.decode())
    row = next(k.removesuffix("-id") for k, v in data.items() if v == [str(child.pk)])
    response = client.post(url(Organization, "change", parent.pk), data | {f"{row}-name": "New"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.name == "New"
