"""Bulk import and export: dry run, all-or-nothing, forgiving matching, warnings on
near duplicates, XLSX as well as CSV, history recorded, the workflow respected."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.publishing.status import Status
from directory.models import Person
from events.models import Participation
from tests.factories import EventFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CSV, XLSX = "0", "1"  # the import form's format choices, in order


def csv_file(text, name="list.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def dry_run(client, model, upload, fmt=CSV, **extra):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")
    return client.post(url, {"import_file": upload, "format": fmt, **extra})


def confirm(client, model, response):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_process_import")
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    return client.post(url, data, follow=True)


@pytest.fixture
def dinner():
    return EventFactory(status=Status.DRAFT, title="Working dinner", slug="working-dinner")


ATTENDANCE = """person,member_state,organization,role,level,title
Ellen Example,Norway,,Speaker,Minister,Minister of Foreign Affairs
,Kingdom of Norway,,participant,,
,NOR,,Participant,high-level representative,
,cote d'ivoire,,participant,,
,,Example Institute,host,,
"""


def test_dry_run_shows_every_row_and_writes_nothing_then_confirm_writes_all(signed_in, dinner):
    client = signed_in("Editor")
    PersonFactory(name="Ellen Example")
    OrganizationFactory(name="Example Institute", acronym="EXI")
    response = dry_run(client, Participation, csv_file(ATTENDANCE), event=dinner.pk)
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new"] * 5
    assert Participation.objects.count() == 0  # a dry run writes nothing

    done = confirm(client, Participation, response)
    assert "Import finished: 5 new" in done.content.decode()
    rows = list(dinner.participations.order_by("id"))
    assert [p.member_state.iso3 if p.member_state else None for p in rows] == [
        "NOR",
        "NOR",
        "NOR",
        "CIV",
        None,
    ]
    assert rows[0].person.name == "Ellen Example"
    assert (rows[0].role, rows[0].level) == ("speaker", "minister")
    assert rows[4].organization.acronym == "EXI"
    # The history records every row, with the user who confirmed the import.
    event = Participation.pgh_event_models["insert"].objects.select_related("pgh_context").last()
    assert str(event.pgh_context.metadata["user"]) == client.session["_auth_user_id"]


def test_one_bad_row_writes_nothing_and_is_named_by_number(signed_in, dinner):
    client = signed_in("Editor")
    bad = (
        "member_state,role\n"
        "Norway,participant\n"
        "Atlantis,participant\n"
        "Ghana,chief guest\n"
        "Brazil,participant\n"
    )
    response = dry_run(client, Participation, csv_file(bad), event=dinner.pk)
    result = response.context["result"]
    assert result.has_validation_errors()
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(invalid) == {2, 3}
    assert "No member state is called “Atlantis”" in str(invalid[2])
    assert "“chief guest” is not one of: Host" in str(invalid[3])
    page = response.content.decode()
    assert "Atlantis" in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Participation.objects.count() == 0


def test_an_unknown_person_is_an_error_that_suggests_the_near_name(signed_in, dinner):
    client = signed_in("Editor")
    PersonFactory(name="Hervé Ladsous")
    response = dry_run(client, Participation, csv_file("person\nHerve Ladsou\n"), event=dinner.pk)
    [row] = response.context["result"].invalid_rows
    assert "Did you mean “Hervé Ladsous”?" in str(row.error_dict)


def test_people_import_warns_about_near_duplicates(signed_in):
    client = signed_in("Editor")
    PersonFactory(name="Hervé Ladsous", slug="herve-ladsous-existing")
    response = dry_run(client, Person, csv_file("name,honorific\nHerve Ladsous,Mr.\n"))
    messages = [str(m) for m in response.context["messages"]]
    assert any(
        "Row 1" in m and "looks like someone already recorded: “Hervé Ladsous”" in m
        for m in messages
    ), messages
    done = confirm(client, Person, response)
    assert done.status_code == 200
    new = Person.objects.get(name="Herve Ladsous")
    assert (new.status, new.sort_name) == (Status.DRAFT, "Ladsous, Herve")


def test_an_import_of_500_people_is_one_transaction(signed_in):
    client = signed_in("Editor")
    lines = ["name,honorific"] + [f"Delegate Number{n:03d},H.E." for n in range(500)]
    response = dry_run(client, Person, csv_file("\n".join(lines)))
    assert not response.context["result"].has_validation_errors()
    assert Person.objects.count() == 0
    done = confirm(client, Person, response)
    assert "Import finished: 500 new" in done.content.decode()
    assert Person.objects.filter(name__startswith="Delegate Number").count() == 500


def test_xlsx_import(signed_in, dinner):
    client = signed_in("Editor")
    book = Workbook()
    sheet = book.active
    sheet.append(["member_state", "role", "level"])
    sheet.append(["GHA", "Participant", "Foreign minister"])
    sheet.append(["Indonesia", "Co-host", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile(
        "list.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response = dry_run(client, Participation, upload, fmt=XLSX, event=dinner.pk)
    assert not response.context["result"].has_validation_errors()
    confirm(client, Participation, response)
    assert sorted(dinner.participations.values_list("member_state__iso3", "role")) == [
        ("GHA", "participant"),
        ("IDN", "co_host"),
    ]


def test_an_editor_cannot_import_into_a_published_event(signed_in):
    client = signed_in("Editor")
    published = EventFactory(status=Status.PUBLISHED)
    response = dry_run(
        client, Participation, csv_file("member_state\nNorway\n"), event=published.pk
    )
    [row] = response.context["result"].invalid_rows
    assert "only a publisher can change who took part" in str(row.error_dict)
    assert Participation.objects.count() == 0


def test_export_of_participations(signed_in, dinner):
    client = signed_in("Editor")
    Participation.objects.create(
        event=dinner, member_state_id=None, organization=OrganizationFactory(name="Exporters")
    )
    url = reverse("admin:events_participation_export")
    form = client.get(url).context["form"]
    data = {"format": CSV, "resource": form.initial.get("resource") or "0"}
    data.update({name: "on" for name in form.fields if name.startswith("participationresource_")})
    response = client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    # The same columns the import reads, so an export can be edited and imported back.
    assert text.splitlines()[0] == "event,person,member_state,organization,role,level,title"
    assert "working-dinner" in text
    assert "Exporters" in text
