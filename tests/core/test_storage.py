"""How search rows are laid out on disk: the choices that searches at scale depend on
(core/storage.py and the indexes of reports and events), checked on the real rows."""

import random
import string

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat

from reports.models import Report
from tests.factories import EventFactory, ReportFactory, TopicFactory, member_state

pytestmark = pytest.mark.django_db


def long_text(words: int, seed: int) -> str:
    """Text of distinct made-up words: its search vector is as long as the text, and
    neither compresses much: the row is over PostgreSQL's 2 kB TOAST threshold, and
    the vector alone under the 8 kB a row may hold."""
    rng = random.Random(seed)  # noqa: S311 - sample text, not a secret
    return " ".join(
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(6, 10))) for _ in range(words)
    )


def stored_out_of_line(table: str, column: str, pk: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            # The table and column are this module's own constants.
            f"SELECT pg_column_toast_chunk_id({column}) IS NOT NULL FROM {table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


def test_a_long_report_keeps_its_search_vector_in_the_row_and_moves_its_body_out():
    # Every match test and rank reads the vector; only a page's twenty rows read the body.
    report = ReportFactory(summary="A short summary.", body=long_text(250, seed=1))
    assert stored_out_of_line("reports_report", "body", report.pk)
    assert not stored_out_of_line("reports_report", "search_vector", report.pk)


def test_a_translated_report_keeps_both_vectors_and_its_names_in_the_row():
    # A French search reads the translations' vector and the known names (its rank's
    # bonus) of each candidate; the row holds the English vector as well.
    report = ReportFactory(
        summary=long_text(40, seed=6),
        summary_fr=long_text(40, seed=7),
        body=long_text(250, seed=8),
        also_known_as="Kazelo report",
    )
    assert stored_out_of_line("reports_report", "body", report.pk)
    for column in ("search_vector", "translations_vector", "known_names"):
        assert not stored_out_of_line("reports_report", column, report.pk), column


def test_a_report_too_long_for_its_row_keeps_what_lists_read_in_it():
    # A vector over 2 kB leaves the row too long even with the long texts out: the
    # values moved out next must not be the title and facet keys that every list
    # reads for each of its 1,000 candidates (core/storage.py).
    report = ReportFactory(
        title=long_text(12, seed=3), summary=long_text(60, seed=4), body=long_text(350, seed=5)
    )
    report.topics.add(*TopicFactory.create_batch(4))
    report.member_states.add(member_state("FIN"), member_state("GHA"))
    report.refresh_from_db()
    assert len(report.facet_keys) == 7  # four topics, two states, its sample bucket
    assert stored_out_of_line("reports_report", "body", report.pk)
    for column in ("title", "slug", "facet_keys", "search_vector", "known_names"):
        assert not stored_out_of_line("reports_report", column, report.pk), column


def test_a_long_event_keeps_its_search_vector_in_the_row():
    event = EventFactory(body=long_text(250, seed=2))
    assert stored_out_of_line("events_event", "body", event.pk)
    assert not stored_out_of_line("events_event", "search_vector", event.pk)


def test_the_newest_first_index_carries_what_lists_filter_and_count_on():
    # Lists filtered by topic, kind or year, and their facet counts, read it alone.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'report_published_recent'"
        )
        (definition,) = cursor.fetchone()
    assert "INCLUDE (publish_at, kind, facet_keys)" in definition
    assert "WHERE ((status)::text = 'published'::text)" in definition


def test_a_kind_has_its_own_newest_first_index_with_the_same_columns():
    # A list of one kind narrowed by year or topic reads that kind's entries only.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'report_kind_recent'")
        (definition,) = cursor.fetchone()
    assert "(kind, published_on DESC NULLS LAST, id DESC)" in definition
    assert "INCLUDE (publish_at, facet_keys)" in definition
    assert "WHERE ((status)::text = 'published'::text)" in definition


def test_an_unknown_address_asks_the_history_through_an_index():
    # Any visitor may ask for /reports/<any-slug>/; the answer must not read every
    # snapshot of every report (reports.views.renamed_report_or_404).
    Report.objects.bulk_create(
        ReportFactory.build(slug=f"history-{n}", title=f"History {n}") for n in range(400)
    )
    for _ in range(4):
        Report.objects.update(title=Concat(F("title"), Value("!")))
    ReportEvent = apps.get_model("reports", "ReportEvent")
    assert ReportEvent.objects.count() >= 2000
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_reportevent")
    plan = (
        ReportEvent.objects.filter(slug="no-such-report")
        .order_by("-pgh_id")
        .values_list("pgh_obj_id", flat=True)[:1]
        .explain()
    )
    assert "reportevent_former_slug" in plan


@pytest.mark.django_db(transaction=True)
def test_rewrite_rows_gives_rows_written_before_the_storage_changed_the_new_layout():
    """The migration only sets the columns' storage; rows already there keep their
    layout until `manage.py rewrite_rows` rewrites them (VACUUM FULL)."""
    from io import StringIO

    from django.core.management import call_command

    def storage(kind):
        with connection.cursor() as cursor:
            cursor.execute(
                f"ALTER TABLE reports_report ALTER COLUMN search_vector SET STORAGE {kind}"
            )

    storage("EXTENDED")  # as before the storage was set
    try:
        report = ReportFactory(summary="A short summary.", body=long_text(250, seed=1))
        assert stored_out_of_line("reports_report", "search_vector", report.pk)
    finally:
        storage("MAIN")
    assert stored_out_of_line("reports_report", "search_vector", report.pk)  # not yet
    out = StringIO()
    call_command("rewrite_rows", stdout=out)
    assert not stored_out_of_line("reports_report", "search_vector", report.pk)
    assert out.getvalue().splitlines() == [
        "reports_report: rows rewritten and analyzed.",
        "events_event: empty, nothing to rewrite.",
    ]
    assert Report.objects.get(pk=report.pk).summary == "A short summary."


def test_no_index_stores_its_keys_in_a_way_their_type_forbids():
    # ALTER COLUMN SET STORAGE reaches the index columns built on a column. A trigram
    # GiST key must stay plain; once marked MAIN, the next multi-row INSERT into
    # reports crashed the PostgreSQL backend (core/storage.py: set storage first).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT index.relname, attribute.attname, attribute.attstorage"
            " FROM pg_index"
            " JOIN pg_class index ON index.oid = pg_index.indexrelid"
            " JOIN pg_attribute attribute ON attribute.attrelid = index.oid"
            " JOIN pg_type type ON type.oid = attribute.atttypid"
            " WHERE index.relnamespace = current_schema()::regnamespace"
            " AND type.typstorage = 'p' AND attribute.attstorage <> 'p'"
        )
        assert cursor.fetchall() == []


def test_many_reports_written_at_once_keep_their_title_index():
    # The statement that crashed: a multi-row INSERT of published reports, whose titles
    # enter the GiST index of "did you mean" suggestions.
    Report.objects.bulk_create(
        ReportFactory.build(slug=f"bulk-{n}", title=f"Bulk report {n}") for n in range(200)
    )
    assert Report.objects.filter(title__trigram_similar="Bulk report 7").exists()
