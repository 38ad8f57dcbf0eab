"""Real PDFs for tests, written byte by byte (no PDF library makes text PDFs here)."""


def make_bomb(pages: int, expanded_bytes_per_page: int) -> bytes:
    """A small PDF whose pages' content streams inflate (FlateDecode) to
    ``expanded_bytes_per_page`` bytes of spaces each: a compression bomb."""
    import zlib

    stream = zlib.compress(b" " * expanded_bytes_per_page, 9)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    for i in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>"
            % (4 + 2 * i)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream"
        )
    return assemble(objects)


def make_pdf(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, ASCII). No lines:
    a page with nothing to read, like a scan."""
    commands = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(f"({escaped}) Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1") if lines else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return assemble(objects)


# PDFs that act, each as (extra entries of the catalog, of the page, further objects
# numbered from 6): what reports/documents.py refuses, and the name its message gives.
ACTIVE_PDFS = {
    "javascript": (
        b"/Names << /JavaScript << /Names [(hello) 6 0 R] >> >>",
        b"",
        [b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"],
        "/JavaScript",
    ),
    # The same, spelt with a #xx escape: /J#61vaScript is /JavaScript to a reader.
    "escaped javascript": (
        b"/Names << /J#61vaScript << /Names [(hello) 6 0 R] >> >>",
        b"",
        [b"<< /S /JavaScript /J#53 (app.alert\\(1\\)) >>"],
        "/JavaScript",
    ),
    "open action": (b"/OpenAction 6 0 R", b"", [b"<< /S /GoTo /D [3 0 R /Fit] >>"], "/OpenAction"),
    "page event action": (b"", b"/AA << /O 6 0 R >>", [b"<< /S /GoTo /D [3 0 R /Fit] >>"], "/AA"),
    "launch action": (
        b"",
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 99 99]"
        b" /A << /S /Launch /F (calc.exe) >> >>]",
        [],
        "/Launch",
    ),
    "embedded file": (
        b"/Names << /EmbeddedFiles << /Names [(notes.txt) 6 0 R] >> >>",
        b"",
        [
            b"<< /Type /Filespec /F (notes.txt) /EF << /F 7 0 R >> >>",
            b"<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream",
        ],
        "/EmbeddedFiles",
    ),
}


def make_active_pdf(kind: str) -> bytes:
    """A one-page PDF with text that also carries ACTIVE_PDFS[kind]."""
    catalog, page, extra, _name = ACTIVE_PDFS[kind]
    stream = b"BT /F1 12 Tf 72 720 Td (An active PDF) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> " + page + b" >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    return assemble(objects)


def assemble(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the first being the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def upload_document(report, text):
    """Give `report` an uploaded English PDF holding `text`, its text read (MEDIA_ROOT
    is the test's to set)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.models import ReportDocument
    from tests.jobs import run_queued_jobs

    ReportDocument.objects.update_or_create(
        report=report,
        language="en",
        defaults={"file": SimpleUploadedFile("annex.pdf", make_pdf(text))},
    )
    run_queued_jobs()  # the text is read, as a worker would a moment later
