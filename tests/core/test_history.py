"""History and undo: every change is recorded whatever made it, an earlier version
comes back exactly, and deleted content waits in the trash until restored or purged."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.publishing import trash
from core.publishing.history import versions
from core.publishing.status import Status
from reports.models import DocumentSymbol, Recommendation, RecommendationUpdate, Report
from tests.admin_forms import report_form
from tests.factories import (
    DocumentSymbolFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def labels(obj):
    return [event.pgh_label for event in obj.history.order_by("pgh_id")]


def test_an_admin_edit_is_recorded_with_who_and_a_field_diff(signed_in):
    client = signed_in("Editor")
    report = ReportFactory(status=Status.DRAFT, title="First title")
    url = reverse("admin:reports_report_change", args=[report.pk])
    data = report_form(report, title="Second title", summary="Now with a summary")
    assert client.post(url, data).status_code == 302
    _event, who, changes = versions(report)[0]
    assert who == "editor"
    changed = {name: (old, new) for name, old, new in changes}
    assert changed["title"] == ("First title", "Second title")
    assert changed["summary"] == (None, "Now with a summary")
    page = client.get(reverse("admin:reports_report_history", args=[report.pk])).content.decode()
    assert "First title" in page
    assert "Second title" in page
    assert "Restore this version" in page


def test_an_admin_action_is_recorded(signed_in):
    client = signed_in("Publisher")
    report = ReportFactory(status=Status.REVIEW)
    url = reverse("admin:reports_report_workflow", args=[report.pk, "publish"])
    client.post(url, {"confirm": "yes"})
    _event, who, changes = versions(report)[0]
    assert who == "publisher"
    # In words: the status by its label, who moved it by name, times to the minute.
    assert ("status", "In review", "Published") in changes
    assert ("status changed by", None, "publisher") in changes
    moved_at = dict((name, new) for name, _old, new in changes)["status changed at"]
    assert re.fullmatch(r"\d{1,2} \w{3} \d{4}, \d{2}:\d{2}", moved_at)


def test_queryset_update_and_raw_sql_do_not_escape_the_record():
    report = ReportFactory(subtitle="")
    Report.objects.filter(pk=report.pk).update(subtitle="Bulk edit")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_report SET subtitle = 'Raw edit' WHERE id = %s", [report.pk])
    subtitles = [e.subtitle for e in report.history.order_by("pgh_id")]
    assert subtitles == ["", "Bulk edit", "Raw edit"]
    assert labels(report) == ["insert", "update", "update"]


def test_a_management_command_is_recorded_as_the_command(capsys):
    import pghistory

    # manage.py wraps every content-changing command in this context.
    with pghistory.context(command="load_demo", os_user="tester"):
        call_command("load_demo", verbosity=0)
    report = Report.objects.get(symbols__symbol="A/70/95")
    event, who, _changes = versions(report)[-1]
    assert event.pgh_label == "insert"
    assert who == "command: load_demo"


def test_restoring_a_version_brings_back_its_exact_values_but_not_its_status(signed_in):
    client = signed_in("Publisher")
    report = ReportFactory(
        status=Status.DRAFT, title="Original", summary="Original summary", body="Line one\nTwo"
    )
    first = report.history.order_by("pgh_id").first()
    Report.objects.filter(pk=report.pk).update(title="Changed", summary="", body="Gone")
    Report.objects.filter(pk=report.pk).update(status=Status.REVIEW)
    url = reverse("admin:reports_report_restore_version", args=[report.pk, first.pgh_id])
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    assert (report.title, report.summary, report.body) == (
        "Original",
        "Original summary",
        "Line one\nTwo",
    )
    assert report.status == Status.REVIEW
    assert labels(report)[-1] == "update"  # the restore is itself in the record
    # ... and reads as one, naming the version it brought back, on the history page.
    newest, who, _changes = versions(report)[0]
    assert newest.what.startswith("restored the version of ")
    assert who == "publisher"
    page = client.get(reverse("admin:reports_report_history", args=[report.pk])).content.decode()
    assert "restored the version of" in page
    assert "<td>created</td>" in page


def test_an_editor_cannot_restore_a_version_of_published_content(signed_in):
    client = signed_in("Editor")
    report = ReportFactory(title="Live")
    first = report.history.order_by("pgh_id").first()
    Report.objects.filter(pk=report.pk).update(title="Live, corrected")
    url = reverse("admin:reports_report_restore_version", args=[report.pk, first.pgh_id])
    assert client.post(url).status_code == 403
    report.refresh_from_db()
    assert report.title == "Live, corrected"


@pytest.fixture
def full_report():
    topic = TopicFactory()
    report = ReportFactory(title="The report to delete")
    report.topics.add(topic)
    DocumentSymbolFactory(report=report, symbol="A/70/999")
    recommendation = RecommendationFactory(report=report, label="1")
    RecommendationUpdateFactory(recommendation=recommendation)
    return report


def test_deleting_sends_to_the_trash_and_restore_brings_everything_back(signed_in, full_report):
    client = signed_in("Publisher")
    report = full_report
    before = {
        "symbols": list(report.symbols.values_list("id", "symbol")),
        "topics": list(report.topics.values_list("id", flat=True)),
        "recommendations": list(report.recommendations.values_list("id", "label", "title")),
        "updates": list(
            RecommendationUpdate.objects.filter(recommendation__report=report).values_list(
                "id", "status", "summary"
            )
        ),
    }
    delete_url = reverse("admin:reports_report_delete", args=[report.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Report.objects.filter(pk=report.pk).exists()
    assert client.get(report.get_absolute_url()).status_code == 404

    page = client.get(reverse("admin:peaceplatform_trash_changelist")).content.decode()
    assert "The report to delete" in page
    [entry] = [e for e in trash.entries() if e.model is Report]
    # symbol, topic link, recommendation and its update
    assert entry.linked_count == 4
    assert "Purge for good" not in page  # a publisher cannot purge

    response = client.post(
        reverse("admin:peaceplatform_trash_restore"), {"entry": entry.token}, follow=True
    )
    assert "restored, with 4 linked rows" in response.content.decode()
    restored = Report.objects.get(pk=report.pk)
    assert restored.title == "The report to delete"
    assert restored.status == Status.PUBLISHED
    assert list(restored.symbols.values_list("id", "symbol")) == before["symbols"]
    assert list(restored.topics.values_list("id", flat=True)) == before["topics"]
    assert (
        list(restored.recommendations.values_list("id", "label", "title"))
        == before["recommendations"]
    )
    assert (
        list(
            RecommendationUpdate.objects.filter(recommendation__report=restored).values_list(
                "id", "status", "summary"
            )
        )
        == before["updates"]
    )
    assert Report.objects.search("delete").filter(pk=report.pk).exists()  # search vector back
    assert trash.entries() == []


def test_a_failed_restore_changes_nothing(signed_in, full_report):
    client = signed_in("Publisher")
    slug = full_report.slug
    full_report.delete()
    ReportFactory(slug=slug, title="Took the address")
    [entry] = trash.entries()
    response = client.post(
        reverse("admin:peaceplatform_trash_restore"), {"entry": entry.token}, follow=True
    )
    assert "Nothing was changed" in response.content.decode()
    assert Report.objects.get(slug=slug).title == "Took the address"
    assert not DocumentSymbol.objects.filter(symbol="A/70/999").exists()
    assert not Recommendation.objects.filter(report__slug=slug).exists()
    assert len(trash.entries()) == 1


def test_only_an_administrator_can_purge(signed_in, full_report, client):
    full_report.delete()
    [entry] = trash.entries()
    url = reverse("admin:peaceplatform_trash_purge")
    publisher = signed_in("Publisher")
    assert publisher.post(url, {"entry": entry.token}).status_code == 403
    assert len(trash.entries()) == 1
    administrator = signed_in("Administrator")
    response = administrator.post(url, {"entry": entry.token}, follow=True)
    assert "purged for good" in response.content.decode()
    assert trash.entries() == []
    assert not Report.pgh_event_models["delete"].objects.filter(pgh_obj_id=full_report.pk).exists()


def test_an_editor_can_delete_a_draft_and_restore_it(signed_in):
    client = signed_in("Editor")
    draft = ReportFactory(status=Status.DRAFT, title="An editor's draft")
    client.post(reverse("admin:reports_report_delete", args=[draft.pk]), {"post": "yes"})
    [entry] = trash.entries()
    assert entry.who == "editor"
    client.post(reverse("admin:peaceplatform_trash_restore"), {"entry": entry.token})
    assert Report.objects.get(pk=draft.pk).status == Status.DRAFT


def test_the_history_and_trash_pages_take_the_same_queries_however_long_the_record(
    signed_in,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in("Publisher")

    def queries(edits):
        report = ReportFactory(status=Status.DRAFT)
        for n in range(edits):
            Report.objects.filter(pk=report.pk).update(title=f"Edit {n}")
        ReportFactory(status=Status.DRAFT).delete()
        with CaptureQueriesContext(connection) as history:
            client.get(reverse("admin:reports_report_history", args=[report.pk]))
        with CaptureQueriesContext(connection) as trash_page:
            client.get(reverse("admin:peaceplatform_trash_changelist"))
        return len(history), len(trash_page)

    assert queries(1) == queries(12)


def restore_as(client, entry):
    return client.post(
        reverse("admin:peaceplatform_trash_restore"), {"entry": entry.token}, follow=True
    )


def test_an_editor_restores_taken_down_content_as_a_draft(signed_in, full_report, client):
    created = Report.objects.get(pk=full_report.pk).created_at
    publisher = signed_in("Publisher")
    publisher.post(reverse("admin:reports_report_delete", args=[full_report.pk]), {"post": "yes"})
    client.logout()
    editor = signed_in("Editor")
    [entry] = trash.entries()
    assert "restored" in restore_as(editor, entry).content.decode()
    restored = Report.objects.get(pk=full_report.pk)
    assert (restored.status, restored.publish_at) == (Status.DRAFT, None)
    assert restored.status_changed_by.username == "editor"
    assert restored.created_at == created
    assert not Report.objects.published().filter(pk=restored.pk).exists()
    assert editor.get(restored.get_absolute_url()).status_code == 404
    # Its published update came back as a draft too.
    assert set(
        RecommendationUpdate.objects.filter(recommendation__report=restored).values_list(
            "status", flat=True
        )
    ) == {Status.DRAFT}
    [(event, who, _changes), *_] = versions(restored)
    assert (event.what, who) == ("restored from the trash", "editor")


def test_a_publisher_restores_published_content_as_it_was(signed_in, full_report):
    pk = full_report.pk
    created = Report.objects.get(pk=pk).created_at
    full_report.delete()
    [entry] = trash.entries()
    page = restore_as(signed_in("Publisher"), entry).content.decode()
    assert "restored, with 4 linked rows" in page
    restored = Report.objects.get(pk=pk)
    assert restored.status == Status.PUBLISHED
    assert restored.created_at == created
    [(event, who, _changes), *_] = versions(restored)
    assert (event.what, who) == ("restored from the trash", "publisher")


def test_an_editor_cannot_restore_a_child_into_published_content(signed_in):
    report = ReportFactory(status=Status.PUBLISHED, title="The live report")
    symbol = DocumentSymbolFactory(report=report, symbol="A/70/111")
    recommendation = RecommendationFactory(report=report)
    topic = TopicFactory()
    report.topics.add(topic)
    symbol.delete()
    recommendation.delete()
    report.topics.remove(topic)
    editor = signed_in("Editor")
    for entry in trash.entries():
        page = restore_as(editor, entry).content.decode()
        assert "Nothing was changed" in page
        assert "“The live report”, which is published" in page
    assert not DocumentSymbol.objects.filter(symbol="A/70/111").exists()
    assert not report.recommendations.exists()
    assert not report.topics.exists()
    assert len(trash.entries()) == 3


def test_an_operation_touched_by_its_figures_shows_no_empty_version(db):
    """A figure added moves the operation's updated_at (operations/migrations/0003): the
    database records that update, but the history lists versions that changed a field."""
    from tests.factories import ContributionFactory, OperationFactory

    operation = OperationFactory(acronym="TESTOP")
    operation.name = "Renamed"
    operation.save()
    ContributionFactory(operation=operation)
    ContributionFactory(operation=operation, personnel_type="individual_police")
    assert operation.history.filter(pgh_label="update").count() == 3
    shown = [(event.pgh_label, changes) for event, _who, changes in versions(operation)]
    assert [label for label, _changes in shown] == ["update", "insert"]
    assert [name for name, _old, _new in shown[0][1]] == ["name"]
