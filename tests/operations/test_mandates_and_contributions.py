"""An operation's mandate history, its leaders and its uniformed contributions: the
rules the database keeps, the pages and the API that show them, the search by a
resolution's symbol, and the import of the UN's monthly figures."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from core.publishing.status import Status
from operations.models import Contribution, Mandate, Operation
from tests.api.conftest import problems
from tests.directory.test_imports import CSV, XLSX, confirm, csv_file, dry_run
from tests.factories import (
    ContributionFactory,
    EventFactory,
    LeaderFactory,
    MandateFactory,
    OperationFactory,
    PersonFactory,
    RecommendationFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def minusma(demo):
    """MINUSMA with the demo's mandate history: S/RES/2100 (2013), S/RES/2690 (2023)."""
    return Operation.objects.get(acronym="MINUSMA")


@pytest.fixture
def no_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


# The database's rules


def test_a_symbol_is_stored_in_one_form_and_once_per_operation(minusma):
    mandate = MandateFactory(operation=minusma, symbol="  s/res/2164   (2014) ")
    assert mandate.symbol == "S/RES/2164 (2014)"
    assert mandate.document_url == "https://undocs.org/S/RES/2164(2014)"
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(
            operation=minusma, symbol="S/RES/2164 (2014)", adopted_on=datetime.date(2014, 6, 25)
        )
    # Written past save(), a lower-case symbol is still refused by the table itself.
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.filter(pk=mandate.pk).update(symbol="s/res/2164 (2014)")


def test_the_figures_must_add_up_and_be_for_a_whole_month(minusma):
    senegal = member_state("SEN")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(operation=minusma, member_state=senegal, women=3, men=4, total=8)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(
            operation=minusma, member_state=senegal, month=datetime.date(2023, 1, 15)
        )
    ContributionFactory(operation=minusma, member_state=senegal, women=3, men=4, total=7)
    with pytest.raises(IntegrityError), transaction.atomic():  # the same month and type
        ContributionFactory(operation=minusma, member_state=senegal, total=9)


# Pages


def test_an_operation_page_shows_its_mandates_leaders_and_contributors(
    anonymous, minusma, no_cache
):
    draft_topic = TopicFactory(name="Secret drafting topic", status=Status.DRAFT)
    MandateFactory(
        operation=minusma,
        symbol="S/RES/2164 (2014)",
        adopted_on=datetime.date(2014, 6, 25),
        note="Extended for a year.",
    ).tasks.add(draft_topic)
    LeaderFactory(operation=minusma, person=PersonFactory(name="Ada Leader"), title="SRSG")
    LeaderFactory(
        operation=minusma, person=PersonFactory(name="Hidden Draftperson", status=Status.DRAFT)
    )
    for month in (datetime.date(2022, 12, 1), datetime.date(2023, 1, 1)):
        ContributionFactory(operation=minusma, member_state=member_state("SEN"), month=month)
        ContributionFactory(
            operation=minusma,
            member_state=member_state("TCD"),
            month=month,
            personnel_type="formed_police_units",
            women=20,
            men=1380,
            total=1400,
        )
    html = anonymous.get("/operations/minusma/").content.decode()
    # The demo's two resolutions and this one, oldest first, each linked to the UN's copy.
    history = html[html.index('id="mandate"') : html.index("</ol>")]
    assert history.index("S/RES/2100") < history.index("S/RES/2164") < history.index("2690")
    assert "https://undocs.org/S/RES/2164(2014)" in history
    assert "Extended for a year." in history
    assert "Protection of civilians" in history  # the demo's tasks
    assert "Secret drafting topic" not in html  # a draft topic is no task to show
    assert "Ada Leader" in html
    assert "SRSG" in html
    assert "Hidden Draftperson" not in html
    # The chart and the latest month's table, largest contributor first, only the
    # personnel types the month has, women where given.
    figures = html[html.index('id="contributors"') :]
    assert "<svg" in figures
    assert "December 2022 to January 2023" in figures
    table = figures[figures.index("personnel-breakdown") :]
    assert table.index("Chad") < table.index("Senegal")
    assert "Formed police units" in table
    assert "Troops" in table
    assert "Experts on mission" not in table
    assert "1,500" in table  # the month's total, with a thousands separator
    assert "<td>–</td>" in table  # Senegal's women: not given
    assert ">2,000</text>" in figures  # the axis, to a round number above 1,500
    assert ">1,000</text>" in figures
    assert "Sample figures" not in html


def test_a_persons_page_lists_the_operations_they_led(anonymous, minusma, no_cache):
    """A leader's post is a dated position of the person: on their page, with the
    operation linked; a draft operation's post stays hidden."""
    person = PersonFactory(name="Ada Leader")
    LeaderFactory(
        operation=minusma,
        person=person,
        role="head",
        title="Special Representative",
        started_on=datetime.date(2013, 5, 1),
        ended_on=datetime.date(2014, 12, 31),
    )
    draft = OperationFactory(acronym="DRAFTOP", status=Status.DRAFT)
    LeaderFactory(operation=draft, person=person, role="force_commander")
    html = anonymous.get(person.get_absolute_url()).content.decode()
    led = html[html.index('id="operations"') : html.index('id="events"')]
    assert "Head of mission (Special Representative)" in led
    assert '<a href="/operations/minusma/">MINUSMA</a>, May 2013 – December 2014' in led
    assert "DRAFTOP" not in html
    assert "Force commander" not in html


def test_sample_figures_say_so(anonymous, minusma, no_cache):
    ContributionFactory(operation=minusma, source="Sample data (generate_corpus)")
    assert "Sample figures." in anonymous.get("/operations/minusma/").content.decode()


def test_a_member_state_page_charts_its_contributions_to_published_operations_only(
    anonymous, minusma, no_cache
):
    draft = OperationFactory(acronym="DRAFTOP", name="Draft mission", status=Status.DRAFT)
    senegal = member_state("SEN")
    ContributionFactory(operation=minusma, member_state=senegal, total=850)
    ContributionFactory(operation=draft, member_state=senegal, total=99999)
    html = anonymous.get("/member-states/senegal/").content.decode()
    figures = html[html.index('id="contributions"') :]
    assert "MINUSMA" in figures
    assert "850" in figures
    assert "DRAFTOP" not in html
    assert "99,999" not in html
    # A state without figures has no such section.
    assert 'id="contributions"' not in anonymous.get("/member-states/norway/").content.decode()


def test_the_list_finds_operations_by_a_resolution_symbol_and_by_mandate_task(
    anonymous, minusma, no_cache
):
    for query in ("S/RES/2100 (2013)", "s/res/2100(2013)", "S/RES/2100"):
        page = anonymous.get("/operations/", {"q": query})
        assert page.status_code == 200
        html = page.content.decode()
        assert "1 operation<" in html, query
        assert "/operations/minusma/" in html
    # A symbol no mandate carries is searched as words, and finds nothing here.
    assert "0 operations" in anonymous.get("/operations/?q=S/RES/1").content.decode()
    page = anonymous.get("/operations/", {"task": "protection-of-civilians"})
    assert "1 operation<" in page.content.decode()
    facets = {
        facet["name"]: {value["value"]: value["count"] for value in facet["values"]}
        for facet in page.context["facets"]
    }
    assert facets["task"]["protection-of-civilians"] == 1
    assert facets["region"] == {"Africa": 1}  # Mali's
    refused = anonymous.get("/operations/", {"task": "no-such-task"})
    assert refused.status_code == 400


def test_site_search_finds_the_operations_a_resolution_mandated(anonymous, api, minusma, no_cache):
    """/search/ and /api/v1/search/: the symbol, whole or its beginning, in the form the
    UN prints it or typed loosely; a draft operation's mandate is found for nobody."""
    draft = OperationFactory(acronym="DRAFTOP", status=Status.DRAFT)
    MandateFactory(operation=draft, symbol="S/RES/2100 (2013)")
    for query in ("S/RES/2100 (2013)", "s/res/2100(2013)", "S/RES/2100"):
        page = anonymous.get("/search/", {"q": query})
        [group] = [group for group in page.context["groups"] if group["key"] == "operations"]
        assert [item.acronym for item in group["items"]] == ["MINUSMA"], query
        assert group["count"] == 1
        assert "DRAFTOP" not in page.content.decode()
    found = api.get("/api/v1/search/", {"q": "S/RES/2690"}).json()
    [group] = [group for group in found["groups"] if group["type"] == "operations"]
    assert [item["slug"] for item in group["results"]] == ["minusma"]
    # Words go on being searched as words: no operation is named "S/RES/1".
    page = anonymous.get("/search/", {"q": "S/RES/1"})
    assert not [g for g in page.context["groups"] if g["key"] == "operations" and g["count"]]


def test_the_api_gives_an_operations_mandates_and_leaders(api, minusma):
    LeaderFactory(operation=minusma, person=PersonFactory(name="Ada Leader"), role="head")
    LeaderFactory(operation=minusma, person=PersonFactory(status=Status.DRAFT))
    body = api.get("/api/v1/operations/minusma/").json()
    assert [m["symbol"] for m in body["mandates"]] == ["S/RES/2100 (2013)", "S/RES/2690 (2023)"]
    assert body["mandates"][0]["change"] == "establish"
    assert "protection-of-civilians" in [t["slug"] for t in body["mandates"][0]["tasks"]]
    assert [leader["person"]["name"] for leader in body["leaders"]] == ["Ada Leader"]
    listed = api.get("/api/v1/operations/?task=protection-of-civilians").json()
    assert [item["acronym"] for item in listed["results"]] == ["MINUSMA"]


def test_the_api_lists_mandates_of_published_operations_with_the_same_query_language(api, minusma):
    """/api/v1/mandates/: each resolution with its operation, the latest first;
    filtered by operation, task, kind of change, year and symbol; an item by id; CSV;
    a draft operation's mandates for nobody."""
    draft = OperationFactory(acronym="DRAFTOP", status=Status.DRAFT)
    hidden = MandateFactory(operation=draft, symbol="S/RES/2999 (2025)")
    body = api.get("/api/v1/mandates/").json()
    assert [(m["symbol"], m["operation"]["slug"]) for m in body["results"]] == [
        ("S/RES/2690 (2023)", "minusma"),
        ("S/RES/2100 (2013)", "minusma"),
    ]
    first = body["results"][-1]
    assert (first["change"], first["adopted_on"]) == ("establish", "2013-04-25")
    assert first["document_url"] == "https://undocs.org/S/RES/2100(2013)"
    item = api.get(first["url"]).json()
    assert item == first
    # The operation's own item links to the same mandate.
    nested = api.get("/api/v1/operations/minusma/").json()["mandates"][0]
    assert nested["url"] == first["url"]

    def symbols(query):
        answer = api.get("/api/v1/mandates/", query)
        assert answer.status_code == 200, answer.content
        return [m["symbol"] for m in answer.json()["results"]]

    assert symbols({"change": "end"}) == ["S/RES/2690 (2023)"]
    assert symbols({"task": "protection-of-civilians"}) == ["S/RES/2100 (2013)"]
    assert symbols({"year": "2013"}) == ["S/RES/2100 (2013)"]
    assert symbols({"symbol": "s/res/2690"}) == ["S/RES/2690 (2023)"]
    assert symbols({"symbol": "S/RES/2999"}) == []  # the draft operation's
    assert symbols({"operation": "minusma", "ordering": "adopted"})[0] == "S/RES/2100 (2013)"
    assert api.get(f"/api/v1/mandates/{hidden.pk}/").status_code == 404
    refused = api.get("/api/v1/mandates/", {"operation": "draftop", "change": "abolish"})
    assert refused.status_code == 400
    assert set(problems(refused)) == {"operation", "change"}
    assert api.get("/api/v1/mandates/", {"symbol": "S" * 65}).status_code == 400
    answer = api.get("/api/v1/mandates/?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert sorted(row["symbol"] for row in rows) == ["S/RES/2100 (2013)", "S/RES/2690 (2023)"]


# The import


UN_OPEN_DATA = (
    "contribution_id,contributing_country,isocode3,mission_acronym,personnel_type,"
    "female_personnel,male_personnel,last_reporting_date\n"
    """1,Senegal,SEN,MINUSMA,Troops,27,1030,2023-05-31
2,Chad,TCD,MINUSMA,Formed Police Units,12,128,2023-05-31
3,Germany,DEU,MINUSMA,Staff Officer,4,36,2023-05-31
4,Bangladesh,BGD,MINUSMA,Experts on Mission,1,5,2023-05-31
"""
)


def test_the_un_open_data_columns_import_after_a_dry_run(signed_in, minusma):
    client = signed_in("Publisher")
    response = dry_run(client, Contribution, csv_file(UN_OPEN_DATA))
    result = response.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new"] * 4
    assert Contribution.objects.count() == 0  # a dry run writes nothing
    done = confirm(client, Contribution, response)
    assert "Import finished: 4 new" in done.content.decode()
    rows = {
        (c.member_state.iso3, c.personnel_type): (c.women, c.men, c.total, c.month)
        for c in Contribution.objects.select_related("member_state")
    }
    may = datetime.date(2023, 5, 1)
    assert rows == {
        ("SEN", "troops"): (27, 1030, 1057, may),
        ("TCD", "formed_police_units"): (12, 128, 140, may),
        ("DEU", "staff_officers"): (4, 36, 40, may),
        ("BGD", "experts_on_mission"): (1, 5, 6, may),
    }
    # Written in bulk, every row is still in the history, with who confirmed it.
    events = Contribution.pgh_event_models["insert"].objects.select_related("pgh_context")
    assert events.count() == 4
    assert {str(e.pgh_context.metadata["user"]) for e in events} == {
        client.session["_auth_user_id"]
    }
    # The same file again changes nothing and adds nothing.
    again = dry_run(client, Contribution, csv_file(UN_OPEN_DATA))
    assert [row.import_type for row in again.context["result"].rows] == ["skip"] * 4


def test_a_corrected_file_updates_the_figures_it_changes(signed_in, minusma):
    client = signed_in("Publisher")
    confirm(client, Contribution, dry_run(client, Contribution, csv_file(UN_OPEN_DATA)))
    corrected = UN_OPEN_DATA.replace("SEN,MINUSMA,Troops,27,1030", "SEN,MINUSMA,Troops,30,1030")
    response = dry_run(client, Contribution, csv_file(corrected))
    assert [row.import_type for row in response.context["result"].rows] == [
        "update",
        "skip",
        "skip",
        "skip",
    ]
    confirm(client, Contribution, response)
    assert Contribution.objects.count() == 4
    senegal = Contribution.objects.get(member_state__iso3="SEN")
    assert (senegal.women, senegal.men, senegal.total) == (30, 1030, 1060)


def test_the_older_files_one_column_of_troops_import(signed_in, minusma):
    client = signed_in("Publisher")
    older = "Contributor,Contributor_ISO-3,Mission,Troops,Date\nNepal,NPL,MINUSMA,150,30/06/2014\n"
    confirm(client, Contribution, dry_run(client, Contribution, csv_file(older)))
    [row] = Contribution.objects.all()
    assert (row.member_state.iso3, row.personnel_type, row.total, row.women) == (
        "NPL",
        "troops",
        150,
        None,
    )
    assert row.month == datetime.date(2014, 6, 1)


def test_errors_are_reported_by_row_and_nothing_is_written(signed_in, minusma):
    client = signed_in("Publisher")
    bad = (
        "operation,member_state,month,personnel_type,women,men,total\n"
        "MINUSMA,SEN,2023-05,Troops,27,1030,1057\n"  # 1: fine
        "NOSUCHOP,SEN,2023-05,Troops,,,10\n"  # 2: unknown operation
        "MINUSMA,Atlantis,2023-05,Troops,,,10\n"  # 3: unknown state
        "MINUSMA,SEN,May-ish,Troops,,,10\n"  # 4: not a month
        "MINUSMA,SEN,2023-05,Cooks,,,10\n"  # 5: not a personnel type
        "MINUSMA,TCD,2023-05,Troops,1,2,4\n"  # 6: does not add up
        "MINUSMA,SEN,2023-05-31,troops,27,1030,1057\n"  # 7: repeats row 1
        "MINUSMA,BGD,2023-05,Troops,-3,,\n"  # 8: a negative count
    )
    response = dry_run(client, Contribution, csv_file(bad))
    result = response.context["result"]
    invalid = {row.number: str(row.error_dict) for row in result.invalid_rows}
    assert set(invalid) == {2, 3, 4, 5, 6, 7, 8}
    assert "No operation has the acronym “NOSUCHOP”" in invalid[2]
    assert "No member state is called “Atlantis”" in invalid[3]
    assert "“May-ish” is not a month; write it as 2023-05" in invalid[4]
    assert "“Cooks” is not a personnel type; use one of: Troops" in invalid[5]
    assert "Women and men add up to 3, not 4" in invalid[6]
    assert "Row 1 already gives these figures" in invalid[7]
    assert "“-3” is not a number of people" in invalid[8]
    assert Contribution.objects.count() == 0


def test_an_editor_cannot_change_a_published_operations_figures(signed_in, minusma):
    client = signed_in("Editor")
    response = dry_run(client, Contribution, csv_file(UN_OPEN_DATA))
    invalid = response.context["result"].invalid_rows
    assert len(invalid) == 4
    assert "only a publisher can change its figures" in str(invalid[0].error_dict)
    assert Contribution.objects.count() == 0


def test_several_thousand_rows_of_a_spreadsheet_import_in_one_go(signed_in, minusma):
    """Five years of monthly figures for 25 contributors and two personnel types: 3,000
    rows, as an XLSX file with real dates in the month column."""
    client = signed_in("Publisher")
    states = ["SEN", "TCD", "BGD", "EGY", "DEU", "NER", "TGO", "BFA", "CIV", "GIN", "BEN", "NPL"]
    states += ["CHN", "IND", "PAK", "JOR", "NLD", "SWE", "NOR", "FIN", "GHA", "NGA", "RWA"]
    states += ["KHM", "LKA"]
    book = Workbook()
    sheet = book.active
    sheet.append(["mission_acronym", "isocode3", "personnel_type", "female_personnel"])
    sheet["E1"] = "male_personnel"
    sheet["F1"] = "last_reporting_date"
    for year in range(2018, 2023):
        for month in range(1, 13):
            for index, iso3 in enumerate(states):
                for kind in ("Troops", "Individual Police"):
                    day = datetime.datetime(year, month, 28)
                    sheet.append(["MINUSMA", iso3, kind, index % 7, 100 + index, day])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile(
        "figures.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response = dry_run(client, Contribution, upload, fmt=XLSX)
    result = response.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["new"] == 3000
    confirm(client, Contribution, response)
    assert Contribution.objects.count() == 3000
    assert Contribution.objects.filter(month=datetime.date(2022, 12, 1)).count() == 50
    assert (
        minusma.contributions.monthly_totals()[-1]["people"]
        == sum(100 + i + i % 7 for i in range(25)) * 2
    )


def test_the_export_gives_the_columns_the_import_reads(signed_in, minusma):
    client = signed_in("Publisher")
    ContributionFactory(
        operation=minusma, member_state=member_state("SEN"), women=1, men=2, total=3
    )
    url = reverse("admin:operations_contribution_export")
    form = client.get(url).context["form"]
    data = {"format": CSV, "resource": form.initial.get("resource") or "0"}
    data.update({name: "on" for name in form.fields if name.startswith("contributionresource_")})
    response = client.post(url, data)
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header, row = text.strip().splitlines()
    assert header == "operation,member_state,month,personnel_type,women,men,total,source"
    assert row.startswith("MINUSMA,SEN,2023-01,Troops,1,2,3")
    # And what was exported imports again unchanged.
    again = dry_run(client, Contribution, csv_file(text))
    assert [row.import_type for row in again.context["result"].rows] == ["skip"]


def test_the_api_lists_the_figures_of_published_operations_only(api, minusma):
    draft = OperationFactory(acronym="DRAFTOP", status=Status.DRAFT)
    senegal, chad = member_state("SEN"), member_state("TCD")
    ContributionFactory(operation=minusma, member_state=senegal, women=5, men=95, total=100)
    ContributionFactory(
        operation=minusma, member_state=chad, month=datetime.date(2022, 3, 1), total=40
    )
    hidden = ContributionFactory(operation=draft, member_state=senegal, total=77)
    body = api.get("/api/v1/contributions/").json()
    assert [(row["member_state"]["iso3"], row["total"]) for row in body["results"]] == [
        ("SEN", 100),  # the latest month first
        ("TCD", 40),
    ]
    first = body["results"][0]
    assert first["operation"]["slug"] == "minusma"
    assert (first["women"], first["men"], first["personnel_type"]) == (5, 95, "troops")
    assert api.get(f"/api/v1/contributions/{hidden.pk}/").status_code == 404
    filtered = api.get("/api/v1/contributions/?member_state=td&year=2022").json()
    assert [row["total"] for row in filtered["results"]] == [40]
    refused = api.get("/api/v1/contributions/?operation=draftop&personnel_type=cooks")
    assert refused.status_code == 400
    assert set(problems(refused)) == {"operation", "personnel_type"}
    answer = api.get("/api/v1/contributions/?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert sorted(int(row["total"]) for row in rows) == [40, 100]  # not the draft's 77


# Links: reports, recommendations and events name the operations they concern


def test_reports_recommendations_and_events_name_the_operations_they_concern(
    anonymous, api, minusma, no_cache
):
    review = ReportFactory(title="Strategic review of the Mali mission")
    draft = ReportFactory(title="Draft review of the Mali mission", status=Status.DRAFT)
    recommendation = RecommendationFactory(report=review, title="Protect Gao better")
    hidden = RecommendationFactory(report=draft, title="Unpublished advice")
    briefing = EventFactory(title="Briefing on the Mali mission")
    for item in (review, draft, recommendation, hidden, briefing):
        item.operations.add(minusma)
    html = anonymous.get("/operations/minusma/").content.decode()
    assert "Strategic review of the Mali mission" in html
    assert "Protect Gao better" in html
    assert "Briefing on the Mali mission" in html
    assert "Draft review" not in html
    assert "Unpublished advice" not in html
    assert "/recommendations/?operation=minusma" in html

    tracker = anonymous.get("/recommendations/", {"operation": "minusma"})
    assert tracker.status_code == 200
    assert list(tracker.context["page"].object_list) == [recommendation]
    facets = {facet["name"]: facet for facet in tracker.context["facets"]}
    assert [(v["value"], v["count"]) for v in facets["operation"]["values"]] == [("minusma", 1)]
    reports = anonymous.get("/reports/", {"operation": "minusma"}).context["page"].object_list
    assert [report.pk for report in reports] == [review.pk]
    events = anonymous.get("/events/", {"operation": "minusma"})
    assert "Briefing on the Mali mission" in events.content.decode()
    assert anonymous.get("/reports/", {"operation": "no-such-operation"}).status_code == 400

    def slugs_of(url):
        return [link["slug"] for link in api.get(url).json()["operations"]]

    assert slugs_of(f"/api/v1/reports/{review.slug}/") == ["minusma"]
    assert slugs_of(f"/api/v1/events/{briefing.slug}/") == ["minusma"]
    assert slugs_of(f"/api/v1/recommendations/{recommendation.pk}/") == ["minusma"]
    listed = api.get("/api/v1/recommendations/?operation=minusma").json()["results"]
    assert [row["id"] for row in listed] == [recommendation.pk]


def test_an_operation_has_a_feed_of_its_reports_and_structured_data(anonymous, minusma, no_cache):
    review = ReportFactory(title="Strategic review of the Mali mission")
    draft = ReportFactory(title="Draft review of the Mali mission", status=Status.DRAFT)
    review.operations.add(minusma)
    draft.operations.add(minusma)
    feed = anonymous.get("/feeds/operations/minusma/").content.decode()
    assert "<title>Reports concerning MINUSMA</title>" in feed
    assert "Strategic review of the Mali mission" in feed
    assert "Draft review" not in feed
    assert "Strategic review" in anonymous.get("/feeds/operations/minusma/atom/").content.decode()
    hidden = OperationFactory(acronym="DRAFTOP", status=Status.DRAFT)
    assert anonymous.get(f"/feeds/operations/{hidden.slug}/").status_code == 404
    html = anonymous.get("/operations/minusma/").content.decode()
    assert 'href="/feeds/operations/minusma/"' in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "GovernmentOrganization"
    assert data["alternateName"][0] == "MINUSMA"
    assert (data["foundingDate"], data["dissolutionDate"]) == ("2013-04-01", "2023-12-01")
    assert data["areaServed"] == [member_state("MLI").name]
    assert data["parentOrganization"]["name"] == "United Nations"


def test_the_main_navigation_leads_to_the_operations(anonymous, no_cache):
    home = anonymous.get("/").content.decode()
    nav = home[home.index('<nav aria-label="Main">') :]
    assert '<a href="/operations/">Operations</a>' in nav[: nav.index("</nav>")]
    listed = anonymous.get("/operations/minusma/").content.decode()
    assert '<a href="/operations/" aria-current="page">Operations</a>' in listed


def test_a_change_to_an_operations_parts_is_a_change_to_the_operation(api, minusma):
    """In the changes feed (and so to webhooks): a resolution added, a figure imported
    or corrected each make the operation "updated"; a draft operation's parts make
    nothing."""
    from peaceplatform.changes import record_changes
    from peaceplatform.models import Change

    record_changes(force=True)

    def updates():
        return Change.objects.filter(type="operation", item_id=minusma.pk, action="updated")

    assert updates().count() == 0
    MandateFactory(operation=minusma, symbol="S/RES/2164 (2014)")
    record_changes(force=True)
    assert updates().count() == 1
    figure = ContributionFactory(operation=minusma)
    record_changes(force=True)
    assert updates().count() == 2
    figure.total = 120
    figure.save()
    record_changes(force=True)
    assert updates().count() == 3
    record_changes(force=True)  # nothing new: nothing written
    assert updates().count() == 3
    # Deletions and a mandate's tasks count too: each moves the operation's updated_at.
    mandate = minusma.mandates.get(symbol="S/RES/2164 (2014)")
    mandate.tasks.add(TopicFactory())
    record_changes(force=True)
    assert updates().count() == 4
    leader = LeaderFactory(operation=minusma)
    record_changes(force=True)
    leader.delete()
    record_changes(force=True)
    assert updates().count() == 6
    figure.delete()
    record_changes(force=True)
    assert updates().count() == 7
    draft = OperationFactory(acronym="DRAFTOP", status=Status.DRAFT)
    ContributionFactory(operation=draft)
    record_changes(force=True)
    assert not Change.objects.filter(type="operation", item_id=draft.pk).exists()
    listed = api.get("/api/v1/changes/?type=operation&limit=1000").json()["results"]
    assert [c["action"] for c in listed if c["id"] == minusma.pk] == ["published"] + ["updated"] * 7


def test_a_partner_syncing_by_updated_since_sees_a_change_to_an_operations_parts(api, minusma):
    """`updated_since` and the item's `updated_at` tell of a figure deleted as of any
    edit of the operation's own fields."""
    figure = ContributionFactory(operation=minusma)
    synced = timezone.now()

    def changed_since():
        url = f"/api/v1/operations/?updated_since={synced:%Y-%m-%dT%H:%M:%S.%fZ}"
        return [item["acronym"] for item in api.get(url).json()["results"]]

    assert changed_since() == []
    figure.delete()
    assert changed_since() == ["MINUSMA"]
    item = api.get(f"/api/v1/operations/{minusma.slug}/").json()
    assert datetime.datetime.fromisoformat(item["updated_at"]) >= synced
