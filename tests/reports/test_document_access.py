"""Documents are private until their report is public: served through a view that
checks the report's publication on every request (reports.views.report_document),
with X-Accel-Redirect behind nginx, and removed from disk when replaced or purged.
Also the PDF checks of reports/documents.py that concern what a reader's viewer
would run: a file must begin as a PDF, and may not act."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.publishing import preview, trash
from core.publishing.status import Status
from reports.models import Report, ReportDocument
from tests.factories import ReportFactory
from tests.pdfs import ACTIVE_PDFS, make_active_pdf, make_pdf

pytestmark = pytest.mark.django_db

PDF = make_pdf("The annex of a public report")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def with_document(status=Status.PUBLISHED, content=PDF, **fields):
    report = ReportFactory(status=status, **fields)
    document = ReportDocument.objects.create(
        report=report, language="en", file=SimpleUploadedFile("x.pdf", content)
    )
    return report, document


def address(report, language="en"):
    return reverse("reports:document", args=[report.slug, language])


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def upload(client, report, content):
    return client.post(
        reverse("admin:reports_reportdocument_add"),
        {
            "report": report.pk,
            "language": "en",
            "file": SimpleUploadedFile("report.pdf", content, content_type="application/pdf"),
            "source_url": "",
            "extracted_text": "",
        },
        follow=True,
    )


def test_a_public_report_s_document_is_served_to_anyone(anonymous):
    report, _ = with_document(slug="public-report")
    response = anonymous.get(address(report))
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="public-report-en.pdf"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_an_unpublished_report_s_document_is_not_served_to_the_public(anonymous, status):
    report, _ = with_document(status=status)
    assert anonymous.get(address(report)).status_code == 404


def test_a_scheduled_report_s_document_waits_for_its_time(anonymous):
    report, _ = with_document()
    Report.objects.filter(pk=report.pk).update(
        publish_at=timezone.now() + timezone.timedelta(days=1)
    )
    assert anonymous.get(address(report)).status_code == 404


def test_a_link_given_out_stops_working_when_the_report_is_withdrawn_or_deleted(anonymous):
    report, _ = with_document()
    link = address(report)
    assert anonymous.get(link).status_code == 200
    Report.objects.filter(pk=report.pk).update(status=Status.DRAFT)
    assert anonymous.get(link).status_code == 404
    Report.objects.filter(pk=report.pk).update(status=Status.PUBLISHED)
    assert anonymous.get(link).status_code == 200
    report.delete()
    assert anonymous.get(link).status_code == 404


def test_staff_past_the_admin_s_door_read_drafts_privately(signed_in):
    report, _ = with_document(status=Status.DRAFT)
    response = signed_in("Editor").get(address(report))
    assert response.status_code == 200
    assert body(response) == PDF
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_staff_who_owe_a_second_factor_do_not_read_drafts(client, make_staff):
    report, _ = with_document(status=Status.DRAFT)
    client.force_login(make_staff("Publisher"))  # password given, code not yet
    assert client.get(address(report)).status_code == 404


def test_a_preview_link_opens_its_own_report_s_documents_and_no_other(anonymous):
    report, _ = with_document(status=Status.DRAFT, slug="draft-report")
    other, _ = with_document(status=Status.DRAFT, slug="other-draft")
    link, _expires = preview.link(report)
    token = link.rstrip("/").rsplit("/", 1)[1]
    page = anonymous.get(link).content.decode()
    assert f'href="{address(report)}?preview={quote(token)}"' in page
    opened = anonymous.get(address(report), {"preview": token})
    assert opened.status_code == 200
    assert body(opened) == PDF
    assert "no-store" in opened["Cache-Control"]
    assert anonymous.get(address(other), {"preview": token}).status_code == 404
    assert anonymous.get(address(report), {"preview": token + "x"}).status_code == 404
    assert anonymous.get(address(report), {"preview": "\x00"}).status_code == 404


def test_the_public_page_and_the_api_link_the_checked_address(anonymous):
    from rest_framework.test import APIClient

    api = APIClient(HTTP_HOST="localhost")
    report, document = with_document(slug="linked-report")
    page = anonymous.get(report.get_absolute_url()).content.decode()
    assert f'href="{address(report)}"' in page
    assert "/media/" not in page
    answer = api.get(f"/api/v1/reports/{report.slug}/").json()
    [listed] = answer["documents"]
    assert listed["download_url"] == f"http://localhost{address(report)}"
    # The admin's "Currently" link leads through the check too.
    assert document.file.url == address(report)


def test_behind_nginx_the_file_is_sent_by_x_accel_redirect(anonymous, settings):
    settings.DOCUMENTS_ACCEL_REDIRECT = "/media/"
    report, document = with_document()
    response = anonymous.get(address(report))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/media/{document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    draft, _ = with_document(status=Status.DRAFT, slug="accel-draft")
    refused = anonymous.get(address(draft))
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_a_missing_file_or_an_unknown_document_is_a_404(anonymous, media):
    report, document = with_document()
    assert anonymous.get(address(report, "fr")).status_code == 404
    for language in ["english", "\x00", "en\x00", "e" * 5000, "..%2f..%2fetc"]:
        answer = anonymous.get(f"/reports/{report.slug}/documents/{language}.pdf")
        assert answer.status_code == 404, language
    (media / document.file.name).unlink()
    assert anonymous.get(address(report)).status_code == 404


def test_a_replaced_file_is_deleted_once_the_save_is_committed(
    media, django_capture_on_commit_callbacks
):
    _report, document = with_document()
    old = media / document.file.name
    assert old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        document.file = SimpleUploadedFile("y.pdf", make_pdf("A corrected annex"))
        document.save()
    assert not old.exists()
    assert (media / document.file.name).read_bytes() == make_pdf("A corrected annex")


def test_deleted_documents_keep_their_file_until_the_trash_is_purged(
    media, signed_in, django_capture_on_commit_callbacks
):
    report, document = with_document()
    stored = media / document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        report.delete()
    assert stored.exists()  # restorable, so kept
    [entry] = trash.entries()
    administrator = signed_in("Administrator")
    with django_capture_on_commit_callbacks(execute=True):
        administrator.post(reverse("admin:peaceplatform_trash_purge"), {"entry": entry.token})
    assert trash.entries() == []
    assert not stored.exists()


def test_a_restored_document_is_served_again(media, signed_in, anonymous):
    report, _document = with_document()
    pk = report.pk
    report.delete()
    [entry] = trash.entries()
    signed_in("Publisher").post(
        reverse("admin:peaceplatform_trash_restore"), {"entry": entry.token}
    )
    restored = Report.objects.get(pk=pk)
    anonymous.logout()
    response = anonymous.get(address(restored))
    assert response.status_code == 200
    assert body(response) == PDF


def test_a_file_must_begin_as_a_pdf(signed_in, media):
    editor = signed_in("Editor")
    report = ReportFactory(status=Status.DRAFT)
    page = b"<html><body>" + make_pdf("hidden") + b"</body></html>"
    response = upload(editor, report, page)
    assert "it looks like an HTML or XML page" in response.content.decode()
    assert not ReportDocument.objects.exists()
    with_bom = b"\xef\xbb\xbf" + make_pdf("x")
    assert "This file is not a PDF" in upload(editor, report, with_bom).content.decode()


@pytest.mark.parametrize("kind", list(ACTIVE_PDFS))
def test_a_pdf_that_acts_is_refused_with_what_it_carries(signed_in, media, kind):
    editor = signed_in("Editor")
    report = ReportFactory(status=Status.DRAFT)
    response = upload(editor, report, make_active_pdf(kind))
    page = response.content.decode()
    assert f"({ACTIVE_PDFS[kind][3]})" in page
    assert "This PDF carries" in page
    assert not ReportDocument.objects.exists()
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_a_pdf_that_only_shows_is_accepted(signed_in, media):
    editor = signed_in("Editor")
    report = ReportFactory(status=Status.DRAFT)
    upload(editor, report, make_pdf("Nothing active here"))
    assert ReportDocument.objects.filter(report=report).count() == 1
