"""CSV injection: text that a spreadsheet would run as a formula is exported as text
(a leading apostrophe), in the API's CSV and in the admin's exports, and an edited
export imported back gives the original text again."""

import csv
import io

import pytest
from django.urls import reverse

from core.spreadsheets import neutralise_formula, restore_formula_text
from directory.models import Person
from tests.directory.test_imports import CSV, confirm, csv_file, dry_run
from tests.factories import PersonFactory, ReportFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_neutralised_and_restored(text):
    assert neutralise_formula(text) == "'" + text
    assert restore_formula_text(neutralise_formula(text)) == text
    assert neutralise_formula("Plain title") == "Plain title"
    assert neutralise_formula(-5) == -5  # numbers stay numbers
    assert restore_formula_text("'quoted on purpose") == "'quoted on purpose"


def test_the_api_csv_export_neutralises_formulas(client):
    for text in HOSTILE:
        ReportFactory(title=text)
    response = client.get("/api/v1/reports/?format=csv&fields=slug,title")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(row["title"] for row in rows) == sorted("'" + text for text in HOSTILE)


def test_the_admin_export_neutralises_and_the_import_restores(signed_in):
    client = signed_in("Editor")
    PersonFactory(name="=cmd|' /C calc'!A0", slug="formula-person")
    url = reverse("admin:directory_person_export")
    form = client.get(url).context["form"]
    data = {"format": CSV, "resource": form.initial.get("resource") or "0"}
    data.update({name: "on" for name in form.fields if name.startswith("personresource_")})
    exported = client.post(url, data).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0"

    # Edited in a spreadsheet and imported back: the apostrophe does not pile up.
    Person.objects.all().delete()
    confirm(client, Person, dry_run(client, Person, csv_file(exported)))
    assert Person.objects.get(slug="formula-person").name == "=cmd|' /C calc'!A0"
