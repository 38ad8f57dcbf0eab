"""Every UN peacekeeping operation since 1948 (the UN counts 71), from
operations/data/peacekeeping_operations.csv: names, acronyms, the months they started
and ended (empty while active), the member states that host them and, where that says
too little or nothing, the territory, and the operation each took over from. The facts
are the UN's public record: the Department of Peace Operations' list of past and
current peacekeeping operations (SOURCES below). Summaries are left for curators to
write in their own words.

Used by the data migration (with historical models) and by load_demo, which restores
any operation missing from a database."""

import csv
from datetime import date
from pathlib import Path

from django.utils import timezone

CSV_PATH = Path(__file__).resolve().parent / "data" / "peacekeeping_operations.csv"
SOURCES = {
    "active": "https://peacekeeping.un.org/en/where-we-operate",
    "closed": "https://peacekeeping.un.org/en/past-peacekeeping-operations",
}


def rows() -> list[dict]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def month(value: str) -> date | None:
    """'1956-11' → 1 November 1956 (the record gives months)."""
    if not value:
        return None
    year, number = value.split("-")
    return date(int(year), int(number), 1)


def slug_of(acronym: str) -> str:
    return acronym.lower().replace(" ", "-")


def upsert_operations(operation_model, member_state_model) -> int:
    """Create or correct every operation the platform ships, published from now if it
    is new; returns how many rows were written. A curator's summary, topics, other
    names and status are left as they are."""
    states = {state.iso3: state for state in member_state_model.objects.all()}
    existing = {row.acronym: row for row in operation_model.objects.all()}
    written = 0
    now = timezone.now()
    for row in rows():
        ended = month(row["ended"])
        values = {
            "name": row["name"],
            "kind": "peacekeeping",
            "started_on": month(row["started"]),
            "ended_on": ended,
            "dates_precision": "month",
            "territory": row["territory"],
            "source_url": SOURCES["closed" if ended else "active"],
        }
        operation = existing.get(row["acronym"])
        if operation is None:
            operation = operation_model.objects.create(
                acronym=row["acronym"],
                slug=slug_of(row["acronym"]),
                status="published",
                publish_at=now,
                status_changed_at=now,
                **values,
            )
            existing[row["acronym"]] = operation
            written += 1
        elif any(getattr(operation, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(operation, field, value)
            operation.save()
            written += 1
        hosts = {states[code].pk for code in row["hosts"].split()}
        if {state.pk for state in operation.hosts.all()} != hosts:
            operation.hosts.set(hosts)
    for row in rows():
        operation = existing[row["acronym"]]
        predecessor = existing[row["predecessor"]] if row["predecessor"] else None
        if predecessor is not None and operation.predecessor_id != predecessor.pk:
            operation.predecessor = predecessor
            operation.save(update_fields=["predecessor"])
    return written
