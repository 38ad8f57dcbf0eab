"""All 193 UN member states and the 2 non-member observer states, from
directory/data/member_states.csv: UN names and admission dates from the UN's list
of member states, ISO 3166 codes (the M49 code is the ISO numeric code), M49 regions.

Used by the data migration (with its historical model) and by load_demo, which
restores any state missing from a database."""

import csv
from datetime import date
from pathlib import Path

CSV_PATH = Path(__file__).resolve().parent / "data" / "member_states.csv"


def rows() -> list[dict]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(value: str):
    return date.fromisoformat(value) if value else None


def upsert_member_states(model) -> int:
    """Create or correct every state; returns how many rows were written."""
    existing = {state.iso3: state for state in model.objects.all()}
    written = 0
    for row in rows():
        values = {
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
        }
        state = existing.get(row["iso3"])
        if state is None:
            model.objects.create(iso3=row["iso3"], **values)
            written += 1
        elif any(getattr(state, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(state, field, value)
            state.save()
            written += 1
    return written
