"""The demo content true to the public record, on each point once found wrong (issue
"Provenance and corrections"). Each test names its source."""

import pytest

from directory.models import MemberState
from events.models import Event, Role
from peaceplatform import demo_content
from reports.models import Recommendation, Report

pytestmark = pytest.mark.django_db


def test_the_restructuring_was_noted_in_72_199_and_endorsed_in_72_262_c(demo):
    # A/RES/72/199 (20 December 2017) took note and asked for a fuller report;
    # A/RES/72/262 C (5 July 2018) endorsed the restructuring.
    shift = Recommendation.objects.get(report__slug=demo_content.HIPPO_SLUG, label="Shift 4")
    noted, endorsed = shift.updates.order_by("dated")
    assert str(noted.dated) == "2017-12-20"
    assert "72/199" in noted.summary
    assert "endorse" not in noted.summary
    assert noted.source_url == "https://undocs.org/A/RES/72/199"
    assert str(endorsed.dated) == "2018-07-05"
    assert "endorses" in endorsed.summary
    assert "72/262 C" in endorsed.summary
    assert endorsed.source_url == "https://undocs.org/A/RES/72/262C"


def test_the_panel_is_named_as_on_its_report(demo):
    # A/70/95: "Report of the High-level Independent Panel on Peace Operations".
    hippo = Report.objects.get(slug=demo_content.HIPPO_SLUG)
    assert hippo.subtitle == "Report of the High-level Independent Panel on Peace Operations"
    assert hippo.authors.get().name.lower() == "high-level independent panel on peace operations"
    sg = Report.objects.get(slug=demo_content.SG_REPORT_SLUG)
    assert "High-level Independent Panel on Peace Operations" in sg.title


@pytest.mark.parametrize(
    ("iso3", "official_name"),
    [("LBY", "State of Libya"), ("GUY", "Co-operative Republic of Guyana")],
)
def test_official_names_are_the_uns(demo, iso3, official_name):
    # The UN's list of member states.
    assert MemberState.objects.get(iso3=iso3).official_name == official_name


def test_the_summit_was_co_chaired_by_nine_states_and_the_secretary_general(demo):
    # The Leaders' Summit on Peacekeeping, 28 September 2015: co-chaired by Bangladesh,
    # Ethiopia, Indonesia, Japan, the Netherlands, Pakistan, Rwanda, Uruguay and the
    # United States, with the Secretary-General.
    summit = Event.objects.get(slug=demo_content.SUMMIT_SLUG)
    chairs = summit.participations.filter(role=Role.CO_HOST)
    states = {p.member_state.iso3 for p in chairs if p.member_state}
    assert states == {"BGD", "ETH", "IDN", "JPN", "NLD", "PAK", "RWA", "URY", "USA"}
    people = [p.person.name for p in chairs if p.person]
    assert people == ["Ban Ki-moon"]
    assert chairs.count() == 10
    assert len(summit.hosts) == 10


def test_the_implementation_report_is_the_secretary_generals_own(demo):
    # A/70/357–S/2015/682, "Report of the Secretary-General".
    sg = Report.objects.get(slug=demo_content.SG_REPORT_SLUG)
    author = sg.authors.get()
    assert author.name == "Secretary-General of the United Nations"
    assert author.parent.name == "United Nations Secretariat"


def test_a_database_migrated_before_the_corrections_gets_them(db):
    """Production never runs load_demo: directory's migration 0003 writes the states
    again from the list."""
    from importlib import import_module

    from django.apps import apps

    MemberState.objects.filter(iso3="LBY").update(official_name="Libya")
    migration = import_module("directory.migrations.0003_member_state_official_names")
    migration.correct_member_states(apps, None)
    assert MemberState.objects.get(iso3="LBY").official_name == "State of Libya"


def test_each_fix_is_in_the_public_corrections_log(demo, anonymous):
    """The demo's own fixes, logged as a curator would have: on each item's page, once."""
    from directory.models import Correction

    corrected = {(c.item_kind, str(c.item)) for c in Correction.objects.public().with_items()}
    hippo = Report.objects.get(slug=demo_content.HIPPO_SLUG)
    assert corrected == {
        ("report", str(hippo)),
        ("report", str(Report.objects.get(slug=demo_content.SG_REPORT_SLUG))),
        ("event", str(Event.objects.get(slug=demo_content.SUMMIT_SLUG))),
        ("member state", "Libya"),
        ("member state", "Guyana"),
        ("recommendation", str(hippo.recommendations.get(label="Shift 4"))),
    }
    page = anonymous.get(hippo.get_absolute_url()).content.decode()
    assert "High-level Independent Panel on Peace Operations”." in page
    assert anonymous.get("/member-states/libya/").content.decode().count("Corrected on") == 1
