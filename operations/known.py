"""Every UN peacekeeping operation since 1948 (the UN counts 71), from
operations/data/peacekeeping_operations.csv: names, acronyms, the months they started
and ended (empty while active), the member states that host them and, where that says
too little or nothing, the territory, and the operation each took over from; and each
one's name in French and, where the French texts use another, its French acronym
(FINUL for UNIFIL). The facts are the UN's public record: the Department of Peace
Operations' list of past and current peacekeeping operations, in English and in
French (SOURCES below). Summaries are left for curators to write in their own words.

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
# Where the French names and acronyms come from.
FRENCH_SOURCE = "https://peacekeeping.un.org/fr/past-peacekeeping-operations"


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
    if any(field.name == "name_fr" for field in operation_model._meta.get_fields()):
        written += add_french_names(operation_model)
    return written


def add_french_names(operation_model) -> int:
    """Give each operation its French name where it has none, and its French acronym
    among its other names (searched like its own: « FINUL » finds UNIFIL) where they
    do not hold it; a curator's French name or other names are left as they are.
    Returns how many rows were written."""
    written = 0
    existing = {row.acronym: row for row in operation_model.objects.all()}
    for row in rows():
        operation = existing.get(row["acronym"])
        if operation is None:
            continue
        changed = []
        if row["name_fr"] and not operation.name_fr:
            operation.name_fr = row["name_fr"]
            changed.append("name_fr")
        other_names = operation.also_known_as.splitlines()
        if row["acronym_fr"] and row["acronym_fr"] not in (line.strip() for line in other_names):
            operation.also_known_as = "\n".join([*other_names, row["acronym_fr"]]).strip()
            changed.append("also_known_as")
        if changed:
            operation.save(update_fields=changed)
            written += 1
    return written
