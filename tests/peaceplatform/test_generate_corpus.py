"""generate_corpus: deterministic, clearly marked sample data, searchable like real content."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.models import Organization
from events.models import Event
from operations.models import Contribution
from reports.filters import ReportFilter
from reports.models import DocumentSymbol, Report

pytestmark = pytest.mark.django_db


def sample_reports():
    return Report.objects.filter(slug__startswith="sample-").order_by("slug")


def test_corpus_is_marked_searchable_and_deterministic():
    call_command("generate_corpus", reports=40, stderr=io.StringIO(), stdout=io.StringIO())
    first = list(sample_reports().values_list("title", "published_on", "search_symbols"))
    assert len(first) == 40
    assert all(report.summary.startswith("Sample data") for report in sample_reports())
    assert DocumentSymbol.objects.filter(symbol__contains="SMP").count() >= 40
    # The copies the triggers would keep were written by the generator itself.
    report = sample_reports().first()
    assert report.search_symbols == " ".join(s.symbol for s in report.symbols.all())
    assert report.search_documents == report.documents.get().extracted_text
    # The facet keys are what the triggers compute from the links, for every report.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM reports_report WHERE slug LIKE 'sample-%%'"
            " AND NOT (facet_keys @> reports_facet_keys_of(id)"
            " AND facet_keys <@ reports_facet_keys_of(id))"
        )
        assert cursor.fetchone()[0] == 0
    assert "language:en" in report.facet_keys
    symbol = report.symbols.first().symbol
    found = ReportFilter({"q": symbol}, queryset=Report.objects.published()).qs
    assert report in found
    assert Report.objects.search("mission").exists()
    assert Event.objects.filter(slug__startswith="sample-").count() == 4
    assert Event.objects.filter(slug__startswith="sample-", participations__isnull=False).exists()

    with pytest.raises(CommandError, match="already loaded"):
        call_command("generate_corpus", reports=40, stderr=io.StringIO(), stdout=io.StringIO())

    call_command(
        "generate_corpus", reports=40, clear=True, stderr=io.StringIO(), stdout=io.StringIO()
    )
    assert list(sample_reports().values_list("title", "published_on", "search_symbols")) == first
    assert Organization.objects.filter(slug__startswith="sample-").count() == 20
    # Five years of monthly figures for each of the 71 operations, from one contributor
    # each at this size, in three personnel types: marked, and replaced, not doubled.
    figures = Contribution.objects.filter(source="Sample data (generate_corpus)")
    assert figures.count() == 71 * 60 * 3
    assert figures.values("operation").distinct().count() == 71


def test_triggers_work_again_after_a_load():
    call_command("generate_corpus", reports=5, stderr=io.StringIO(), stdout=io.StringIO())
    report = sample_reports().first()
    DocumentSymbol.objects.create(report=report, symbol="A/SMP99/TRIGGER", order=9)
    report.refresh_from_db()
    assert report.search_symbols.endswith("A/SMP99/TRIGGER")


def test_the_reports_keep_every_index_after_a_load():
    """The load drops the reports' secondary indexes and builds them again after."""

    def indexes():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'reports_report' ORDER BY 1"
            )
            return [row[0] for row in cursor.fetchall()]

    before = indexes()
    assert any("report_title_nearest" in index for index in before)
    call_command("generate_corpus", reports=5, stderr=io.StringIO(), stdout=io.StringIO())
    assert indexes() == before


def test_refuses_a_silly_size():
    with pytest.raises(CommandError, match="between 1 and 2,000,000"):
        call_command("generate_corpus", reports=0)


def test_the_load_pauses_every_copy_trigger_by_its_name_in_postgresql():
    # The load writes the copies itself and pauses the triggers that would (a name
    # missing here would leave one firing for every row copied).
    from core.copies import copy_triggers

    paused = copy_triggers()
    assert sorted(table for table, _ in paused) == [
        "events_event",
        "events_event_topics",
        "events_participation",
        "reports_documentsymbol",
        "reports_report",
        "reports_report_authors",
        "reports_report_member_states",
        "reports_report_topics",
        "reports_reportdocument",
        "reports_reportdocument",
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname = ANY(%s)",
            [[name for _, name in paused]],
        )
        assert sorted(cursor.fetchall()) == sorted(paused)
