"""Load all 193 UN member states and the 2 non-member observer states from
directory/data/member_states.csv (UN names and admission dates; ISO 3166 codes)."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "member_states.csv"


def rows():
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _date(value):
    return date.fromisoformat(value) if value else None


def load(apps, schema_editor):
    MemberState = apps.get_model("directory", "MemberState")
    for row in rows():
        MemberState.objects.update_or_create(
            iso3=row["iso3"],
            defaults={
                "iso2": row["iso2"],
                "m49": row["m49"],
                "name": row["name"],
                "short_name": row["short_name"],
                "official_name": row["official_name"],
                "slug": row["slug"],
                "region": row["region"],
                "membership": row["membership"],
                "admitted_on": _date(row["admitted_on"]),
                "observer_since": _date(row["observer_since"]),
            },
        )


def unload(apps, schema_editor):
    MemberState = apps.get_model("directory", "MemberState")
    MemberState.objects.filter(iso3__in=[row["iso3"] for row in rows()]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
