"""Report documents: uploads checked by content, stored under our own names, read
for search; unreadable PDFs kept with a warning; nothing left on disk when refused."""

from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.publishing.status import Status
from reports.models import Report, ReportDocument
from tests.factories import ReportFactory
from tests.jobs import run_queued_jobs
from tests.pdfs import make_bomb, make_pdf

pytestmark = pytest.mark.django_db


class Containing(str):
    """Equal to any string that contains it (for a result with a variable part)."""

    def __eq__(self, other):
        return isinstance(other, str) and str(self) in other

    __hash__ = str.__hash__


ANY_WARNING = Containing("no readable text")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(signed_in):
    return signed_in("editor")


def upload(client, report, content, name="report.pdf", language="en"):
    return client.post(
        reverse("admin:reports_reportdocument_add"),
        {
            "report": report.pk,
            "language": language,
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "source_url": "",
            "extracted_text": "",
        },
        follow=True,
    )


REFUSED = Counter()  # hostile uploads refused in this run, by kind, for reliability.txt


def refused(reliability, kind):
    REFUSED[kind] += 1
    reliability(
        "uploads",
        refused=", ".join(f"{count} {name}" for name, count in sorted(REFUSED.items())),
        refused_files_left_on_disk=0,
    )


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_a_real_pdf_is_stored_read_and_found_by_search(editor, media, client):
    report = ReportFactory(status=Status.DRAFT, title="Quiet title")
    pdf = make_pdf("Annex on Quixotically robust mandates", "for peace operations")
    response = upload(editor, report, pdf)
    assert response.status_code == 200
    # The upload answers at once, and says the text follows; a worker reads it.
    assert "being read in the background" in response.content.decode()
    document = ReportDocument.objects.get(report=report)
    assert (document.extracted_text, document.text_queued_at is not None) == ("", True)
    assert not Report.objects.search("quixotically").filter(pk=report.pk).exists()
    [result] = run_queued_jobs()
    assert (
        result
        == f"read {len('Annex on Quixotically robust mandates for peace operations')} characters"
    )
    document.refresh_from_db()
    assert document.text_queued_at is None
    assert "Quixotically robust mandates" in document.extracted_text
    assert document.size_bytes == len(pdf)
    assert document.extraction_warning == ""
    [stored] = stored_files(media)
    assert stored.read_bytes() == pdf
    assert stored.name.startswith(f"{report.slug}-en-")
    # The report's search vector now holds the words inside the PDF.
    assert Report.objects.search("quixotically").filter(pk=report.pk).exists()
    Report.objects.filter(pk=report.pk).update(
        status=Status.PUBLISHED, publish_at=report.created_at
    )
    client.logout()
    page = client.get("/search/", {"q": "quixotically"}).content.decode()
    assert "Quiet title" in page


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "it looks like a Windows program"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "it looks like a Linux program"),
        (b"<html><script>alert(1)</script></html>", "it looks like an HTML or XML page"),
        (b"just some text pretending", "This file is not a PDF"),
        (b"%PDF-1.4\n garbage that is not a PDF body", "cannot be opened"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(
    editor, media, reliability, content, says
):
    report = ReportFactory(status=Status.DRAFT)
    response = upload(editor, report, content, name="annual-report.pdf")
    assert says in response.content.decode()
    assert not ReportDocument.objects.exists()
    assert stored_files(media) == []
    refused(reliability, "fake PDFs")


def test_an_oversized_file_is_refused(editor, media, settings, reliability):
    settings.DOCUMENT_MAX_BYTES = 1024
    report = ReportFactory(status=Status.DRAFT)
    response = upload(editor, report, make_pdf("x" * 80) + b"%" * 2000)
    assert "documents may be at most 1.0" in response.content.decode()
    assert not ReportDocument.objects.exists()
    assert stored_files(media) == []
    refused(reliability, "oversized files")


@pytest.mark.parametrize(
    ("pages", "per_page"),
    [
        (2, 60_000_000),  # each stream within pypdf's own limit, together over ours
        (1, 80_000_000),  # one stream over pypdf's per-stream limit
    ],
    ids=["many-pages", "one-huge-stream"],
)
def test_a_compression_bomb_is_refused_and_nothing_is_stored(
    editor, media, reliability, pages, per_page
):
    bomb = make_bomb(pages, per_page)
    assert len(bomb) < 1_000_000  # small on the wire, huge once opened
    report = ReportFactory(status=Status.DRAFT)
    response = upload(editor, report, bomb)
    assert "it looks like a compression bomb and was not stored" in response.content.decode()
    assert not ReportDocument.objects.exists()
    assert stored_files(media) == []
    refused(reliability, "compression bombs")


def test_a_large_but_honest_pdf_is_not_taken_for_a_bomb(editor, media):
    report = ReportFactory(status=Status.DRAFT)
    upload(editor, report, make_bomb(3, 1_000_000))  # 3 MB of page content
    assert ReportDocument.objects.count() == 1


@pytest.mark.parametrize(
    "name",
    ["../../../../etc/passwd.pdf", "..\\..\\windows\\system32.pdf", "/etc/cron.d/x.pdf",
     "report.pdf\x00.exe", "%2e%2e%2fescape.pdf", "a" * 300 + ".pdf"],
)  # fmt: skip
def test_hostile_file_names_are_replaced_by_ours(editor, media, reliability, name):
    report = ReportFactory(status=Status.DRAFT, slug="named-report")
    upload(editor, report, make_pdf("Text"), name=name)
    [stored] = stored_files(media)
    assert stored.is_relative_to(media)
    assert stored.parent == media / "reports" / "2015"
    assert stored.name.startswith("named-report-en-")
    refused(reliability, "hostile file names (replaced by ours)")


def test_a_hostile_file_name_never_reaches_the_disk(editor, media):
    report = ReportFactory(status=Status.DRAFT)
    upload(editor, report, make_pdf("Text"), name="../../../../etc/passwd.pdf")
    [stored] = stored_files(media)
    assert stored.is_relative_to(media)
    assert "passwd" not in stored.name
    assert ".." not in ReportDocument.objects.get().file.name


def test_a_pdf_without_text_is_kept_with_a_visible_warning(editor, media):
    report = ReportFactory(status=Status.DRAFT)
    upload(editor, report, make_pdf())
    assert run_queued_jobs() == [ANY_WARNING]
    document = ReportDocument.objects.get(report=report)
    assert document.extracted_text == ""
    assert "no readable text" in document.extraction_warning
    assert len(stored_files(media)) == 1
    # Staff learn it where they look: the document's form and the admin's start page.
    form = editor.get(reverse("admin:reports_reportdocument_change", args=[document.pk]))
    assert "no readable text" in form.content.decode()
    start = editor.get(reverse("admin:index")).content.decode()
    assert "Uploaded PDFs whose text could not be read" in start
    assert str(document) in start
