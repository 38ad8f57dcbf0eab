"""Every admin page a curator uses answers 200 in a pinned number of queries,
measured with the demo content loaded so an N+1 would show (32 participations,
195 member states)."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUR_APPS = {"directory", "events", "reports"}
MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in OUR_APPS),
    key=lambda model: model._meta.label,
)
IDS = [model._meta.label for model in MODELS]

# Measured with the demo loaded (session and user included): changelists 5-9,
# add pages 3, change pages 3-18 (the report page: one query per inline and per
# selected autocomplete value). An N+1 over the demo's rows breaks these at once.
CHANGELIST_MAX_QUERIES = 10
ADD_MAX_QUERIES = 4
CHANGE_MAX_QUERIES = 20


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_ours_is_in_the_admin():
    from django.apps import apps
    from pghistory.models import Event

    # History snapshots are shown on each object's history page, not as models of their own.
    ours = {
        m
        for app in OUR_APPS
        for m in apps.get_app_config(app).get_models()
        if not issubclass(m, Event)
    }
    assert ours - set(MODELS) == set()


def changelist_queries(model) -> int:
    """The log of corrections names each corrected item, and items of different kinds
    live in different tables: one query more per kind the demo has corrected."""
    from directory.models import Correction

    if model is Correction:
        return CHANGELIST_MAX_QUERIES + Correction.objects.values("content_type").distinct().count()
    return CHANGELIST_MAX_QUERIES


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_changelist(model, curator_client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(changelist_queries(model)):
        response = curator_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_changelist_search(model, curator_client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(changelist_queries(model)):
        response = curator_client.get(admin_url(model, "changelist"), {"q": "peace"})
    assert response.status_code == 200


# Written only from another page: a correction from the corrected item's own form.
NO_ADD_PAGE = {"directory.Correction"}


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_add_page(model, curator_client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(ADD_MAX_QUERIES):
        response = curator_client.get(admin_url(model, "add"))
    assert response.status_code == (403 if model._meta.label in NO_ADD_PAGE else 200)


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_change_page(model, curator_client, demo, django_assert_max_num_queries):
    obj = model.objects.order_by("pk").first()
    assert obj is not None, f"the demo content has no {model._meta.verbose_name}"
    with django_assert_max_num_queries(CHANGE_MAX_QUERIES):
        response = curator_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


def test_event_change_page_lists_its_participations(curator_client, demo):
    from events.models import Event

    dinner = Event.objects.get(slug="2015-uniting-our-strengths-for-peace")
    response = curator_client.get(admin_url(Event, "change", dinner.pk))
    assert response.context["inline_admin_formsets"][0].formset.queryset.count() == 32


def test_autocomplete_for_member_states(curator_client, demo):
    response = curator_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "korea",
            "app_label": "events",
            "model_name": "participation",
            "field_name": "member_state",
        },
    )
    assert response.status_code == 200
    names = {result["text"] for result in response.json()["results"]}
    assert names == {"Republic of Korea", "Democratic People's Republic of Korea"}


def test_anonymous_visitors_are_sent_to_login(anonymous, db):
    response = anonymous.get("/admin/reports/report/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_curator_can_add_a_report_with_its_symbols(curator_client, demo):
    from reports.models import Report

    data = {
        "title": "A new report",
        "subtitle": "",
        "slug": "a-new-report",
        "status": "draft",
        "kind": "policy_paper",
        "published_on": "2015-10-01",
        "summary": "",
        "body": "",
        "source_url": "",
        "symbols-TOTAL_FORMS": "1",
        "symbols-INITIAL_FORMS": "0",
        "symbols-0-symbol": "a/70/999",
        "symbols-0-order": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "relations_out-TOTAL_FORMS": "0",
        "relations_out-INITIAL_FORMS": "0",
        "recommendations-TOTAL_FORMS": "0",
        "recommendations-INITIAL_FORMS": "0",
    }
    response = curator_client.post(admin_url(Report, "add"), data)
    assert response.status_code == 302, [
        formset.formset.errors for formset in response.context["inline_admin_formsets"]
    ]
    report = Report.objects.get(slug="a-new-report")
    assert [s.symbol for s in report.symbols.all()] == ["A/70/999"]


def test_admin_form_rejects_an_event_ending_before_it_starts(curator_client, demo):
    from events.models import Event

    data = {
        "title": "Backwards",
        "slug": "backwards",
        "status": "draft",
        "kind": "panel",
        "starts_on": "2015-09-29",
        "ends_on": "2015-09-28",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
    }
    response = curator_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert "An event cannot end before it starts." in response.content.decode()
    assert not Event.objects.filter(slug="backwards").exists()


def test_curator_typing_an_existing_symbol_in_lower_case_is_told_it_exists(curator_client, demo):
    from reports.models import DocumentSymbol, Report

    hippo = Report.objects.get(slug="hippo-report-uniting-our-strengths-for-peace")
    response = curator_client.post(
        admin_url(DocumentSymbol, "add"), {"report": hippo.pk, "symbol": "a/70/95", "order": "0"}
    )
    assert response.status_code == 200
    assert "Document symbol with this Symbol already exists." in response.content.decode()


def test_an_events_participations_cost_no_query_per_row(
    curator_client, demo, django_assert_max_num_queries
):
    """Each autocomplete field of the participations reads its selected options once for
    all 32 rows (directory/admin.py, SelectedOnceAutocomplete), not once per row."""
    from events.models import Event

    dinner = Event.objects.get(slug="2015-uniting-our-strengths-for-peace")
    with django_assert_max_num_queries(CHANGE_MAX_QUERIES):
        page = curator_client.get(admin_url(Event, "change", dinner.pk)).content.decode()
    rows = dinner.participations.select_related("member_state", "person")
    assert rows.count() == 32
    for row in rows:
        chosen = row.member_state or row.person
        assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in page, row


def test_a_choice_no_saved_row_holds_is_still_shown(rf, curator, demo):
    """A form sent back with a new choice: the widget reads that option as Django does."""
    from django.contrib import admin as django_admin

    from directory.models import MemberState
    from events.admin import ParticipationInline
    from events.models import Event

    dinner = Event.objects.get(slug="2015-uniting-our-strengths-for-peace")
    request = rf.get("/")
    request.user = curator
    formset = ParticipationInline(Event, django_admin.site).get_formset(request, dinner)
    widget = formset.form.base_fields["member_state"].widget.widget
    held = dinner.participations.exclude(member_state=None).first().member_state
    other = MemberState.objects.exclude(participations__event=dinner).first()
    assert f"selected>{held}</option>" in widget.render("member_state", str(held.pk))
    assert f"selected>{other}</option>" in widget.render("member_state", str(other.pk))
