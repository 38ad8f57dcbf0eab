"""The demo content: complete as the seed article describes it, and idempotent."""

import io

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from core.publishing.status import Workflowed
from directory.models import Organization
from events.models import Event, Participation
from peaceplatform import demo_content
from reports.models import Recommendation, RecommendationUpdate, Report, ReportRelation

pytestmark = pytest.mark.django_db

APPS = ["directory", "events", "reports"]


def snapshot() -> str:
    """Every row of the platform's tables, timestamps included."""
    rows = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return "\n".join(rows)


def test_demo_is_idempotent(demo):
    before = snapshot()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert snapshot() == before
    assert "nothing changed" in output.getvalue()


def test_demo_restores_what_was_edited(demo):
    Report.objects.filter(slug=demo_content.HIPPO_SLUG).update(title="Vandalised")
    call_command("load_demo", verbosity=0)
    assert Report.objects.get(slug=demo_content.HIPPO_SLUG).title.startswith(
        "Uniting our strengths"
    )


def test_the_dialogue_is_modelled_fully(demo):
    dinner = Event.objects.get(slug=demo_content.DIALOGUE_SLUG)
    assert dinner.title == (
        "Uniting Our Strengths for Peace: A High-Level Dialogue on United Nations "
        "Peacekeeping Operations"
    )
    assert dinner.starts_on.isoformat() == "2015-09-29"
    assert dinner.chatham_house_rule
    assert dinner.edition == 3
    assert dinner.series.organizer.acronym == "IPI"
    assert (dinner.city, dinner.country.iso3) == ("New York", "USA")

    participations = dinner.participations.all()
    assert participations.count() == 32

    hosts = participations.hosting()
    assert hosts.count() == 5
    assert {p.member_state.iso3 for p in hosts if p.member_state} == {"FIN", "IDN", "RWA", "URY"}
    assert hosts.get(person__isnull=False).person.name == "Terje Rød-Larsen"

    ladsous = participations.get(person__slug="herve-ladsous")
    assert ladsous.organization.acronym == "DPKO"
    assert ladsous.level == "un_senior"

    ministers = participations.filter(role="participant", level="foreign_minister")
    assert {p.member_state.iso3 for p in ministers} == {"GHA", "SVK", "MNG", "MAR", "NLD", "GTM"}

    representatives = participations.filter(level="high_level")
    assert representatives.count() == 20
    names = {p.member_state.name for p in representatives}
    # The article's "Korea", "Turkey" and "Russia" under their UN names.
    assert {"Republic of Korea", "Türkiye", "Russian Federation"} <= names


def test_every_state_attends_once(demo):
    dinner = Event.objects.get(slug=demo_content.DIALOGUE_SLUG)
    states = list(
        Participation.objects.filter(event=dinner, member_state__isnull=False).values_list(
            "member_state__iso3", flat=True
        )
    )
    assert len(states) == len(set(states)) == 30


def test_the_summit_was_the_day_before(demo):
    summit = Event.objects.get(slug=demo_content.SUMMIT_SLUG)
    dinner = Event.objects.get(slug=demo_content.DIALOGUE_SLUG)
    assert (dinner.starts_on - summit.starts_on).days == 1


def test_reports_symbols_and_relations(demo):
    hippo = Report.objects.get(slug=demo_content.HIPPO_SLUG)
    sg = Report.objects.get(slug=demo_content.SG_REPORT_SLUG)
    assert [s.symbol for s in hippo.symbols.all()] == ["A/70/95", "S/2015/446"]
    assert [s.symbol for s in sg.symbols.all()] == ["A/70/357", "S/2015/682"]
    assert Report.objects.with_symbol("s/2015/682").get() == sg
    assert ReportRelation.objects.filter(source=sg, target=hippo, kind="responds_to").exists()
    assert Report.objects.filter(slug=demo_content.KIGALI_SLUG).exists()
    assert hippo.authors.get().acronym == "HIPPO"


def test_recommendations_cite_the_secretary_generals_answer(demo):
    recommendations = Recommendation.objects.filter(report__slug=demo_content.HIPPO_SLUG)
    assert recommendations.count() == len(demo_content.RECOMMENDATIONS)
    answered = {
        label for label, _, _, _, source, _ in demo_content.RECOMMENDATION_UPDATES if source
    }
    assert answered
    for recommendation in recommendations.filter(label__in=answered):
        sources = {u.source_report.slug for u in recommendation.updates.all() if u.source_report}
        assert sources == {demo_content.SG_REPORT_SLUG}, recommendation
    # The Secretary-General's report answers under three headings, each linked to the
    # panel recommendations it takes up, and every panel recommendation is answered.
    answers = Recommendation.objects.filter(report__slug=demo_content.SG_REPORT_SLUG)
    assert answers.count() == len(demo_content.SG_RESPONSES)
    linked = {link.target.label for a in answers for link in a.links_out.all()}
    assert linked == {spec["label"] for spec in demo_content.RECOMMENDATIONS}
    # Every update has a source, and the demo's updates are public.
    assert all(u.source_report_id or u.source_url for u in RecommendationUpdate.objects.all())
    assert RecommendationUpdate.objects.published().count() == len(
        demo_content.RECOMMENDATION_UPDATES
    )


def test_organizations_hang_together(demo):
    center = Organization.objects.get(slug="ipi-brian-urquhart-center")
    assert center.parent.acronym == "IPI"
    assert Organization.objects.get(acronym="DPKO").parent.name == "United Nations Secretariat"
    assert Organization.objects.filter(acronym="AU").exists()


def test_all_demo_content_is_published(demo):
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if issubclass(model, Workflowed):
                assert model.objects.count() == model.objects.published().count(), model


def test_demo_restores_deleted_member_states(demo):
    from directory.models import MemberState

    MemberState.objects.filter(iso3="MLT").delete()
    MemberState.objects.filter(iso3="FIN").update(name="Suomi")
    call_command("load_demo", verbosity=0)
    assert MemberState.objects.count() == 195
    assert MemberState.objects.get(iso3="FIN").name == "Finland"
