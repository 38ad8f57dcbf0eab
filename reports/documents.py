"""Uploaded report documents: checked by what they contain, stored under a name we
make, and read for search.

A file is a PDF when its bytes say so (it begins with the ``%PDF-`` signature, and
pypdf can open it), never because of its name: a renamed executable is refused with
a message saying what it looks like, and an HTML page with the signature further in
is refused too. A PDF that acts (JavaScript, actions on opening or on events, launch
actions, embedded files) is refused with a message naming what it carries: a public
document is read by anyone's viewer. The stored name is built from the report and the
language, so a name such as ``../../etc/passwd.pdf`` never reaches the disk. Text is
extracted with pypdf into ``ReportDocument.extracted_text``, which the search copies
trigger (core/copies.py) feeds into the report's search vector (weight D).
A PDF whose text cannot be read (a scan) is kept, with a warning shown to staff.
"""

import io
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify

logger = logging.getLogger(__name__)

# What a refused file most likely is, by its first bytes: said in the message.
SIGNATURES = [
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"<", "an HTML or XML page"),
    (b"#!", "a script"),
]
# Extraction stops here: enough for search, and a bound on a hostile file's cost.
MAX_PAGES = 2_000
MAX_TEXT_CHARS = 5_000_000
# The page content a PDF may expand to, all pages together. Text pages are a few
# kilobytes each; a "compression bomb" packs gigabytes of zeros into a small file and
# would hold a worker for minutes while its text is read.
MAX_EXPANDED_BYTES = 100_000_000


def max_bytes() -> int:
    return settings.DOCUMENT_MAX_BYTES


def validate_pdf(file) -> None:
    """Refuse anything that is not a readable PDF within the size limit. A file
    already stored passed this check when it was uploaded."""
    if getattr(file, "_committed", False):
        return
    size = file.size
    if size > max_bytes():
        raise ValidationError(
            f"This file is {filesizeformat(size)}; documents may be at most "
            f"{filesizeformat(max_bytes())}. Compress it or give the official copy's address."
        )
    head = read_head(file)
    if not head.startswith(b"%PDF-"):
        looks_like = next((what for sig, what in SIGNATURES if head.startswith(sig)), None)
        raise ValidationError(
            "This file is not a PDF"
            + (f" (it looks like {looks_like})" if looks_like else "")
            + ", whatever its name says. Upload the report as a PDF."
        )
    from pypdf.errors import LimitReachedError

    try:
        pdf = reader(file)
        expanded = expanded_size(pdf)
        found = active_content(pdf)
    except LimitReachedError as error:
        raise bomb() from error
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds; any means unreadable
        raise ValidationError(
            f"This file starts like a PDF but cannot be opened ({type(error).__name__}). "
            "Save it again as PDF and upload that copy."
        ) from error
    if expanded > MAX_EXPANDED_BYTES:
        raise bomb()
    if found:
        raise ValidationError(
            "This PDF carries "
            + ", ".join(ACTIVE[name] for name in found)
            + ", which a reader's PDF viewer may run or open; published documents must "
            "hold pages only. Print it to a new PDF (or use your PDF editor's "
            '"sanitize" or "remove hidden information") and upload that copy.'
        )


# Parts of a PDF that act rather than show, as dictionary keys or action types, each
# with the words the refusal uses. pypdf decodes #xx escapes in names
# (/J#61vaScript is /JavaScript), so a spelling trick does not hide one.
ACTIVE = {
    "/JavaScript": "JavaScript (/JavaScript)",
    "/JS": "JavaScript (/JS)",
    "/OpenAction": "an action run when it is opened (/OpenAction)",
    "/AA": "actions run on page or form events (/AA)",
    "/Launch": "a launch action that starts a program or opens a file (/Launch)",
    "/EmbeddedFiles": "embedded files (/EmbeddedFiles)",
    "/EmbeddedFile": "an embedded file (/EmbeddedFile)",
}
# A bound on the walk through a hostile file's objects (real reports hold thousands).
MAX_OBJECTS = 500_000
MAX_NESTING = 64


def active_content(pdf) -> list[str]:
    """The ACTIVE names found anywhere in the PDF, in ACTIVE's order: as a key of any
    dictionary (the catalog, pages, annotations, form fields, name trees) or as the
    type (/S) or /Type of one. Every object in the cross-reference tables is read, not
    only those reachable from the pages, since a viewer may reach others."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found = set()

    def visit(value, depth):
        if depth > MAX_NESTING or isinstance(value, IndirectObject):
            return  # indirect objects are read on their own, once
        if isinstance(value, DictionaryObject):
            found.update(key for key in value if key in ACTIVE)
            for key in ("/S", "/Type"):
                kind = value.get(key)
                if isinstance(kind, str) and kind in ACTIVE:
                    found.add(str(kind))
            for item in value.values():
                visit(item, depth + 1)
        elif isinstance(value, ArrayObject):
            for item in value:
                visit(item, depth + 1)

    numbers = {(number, generation) for generation, table in pdf.xref.items() for number in table}
    numbers |= {(number, 0) for number in pdf.xref_objStm}
    visit(pdf.trailer, 0)
    for count, (number, generation) in enumerate(sorted(numbers)):
        if count > MAX_OBJECTS:
            raise ValidationError(
                f"This PDF holds more than {MAX_OBJECTS:,} objects, far more than any "
                "report: save it again as PDF and upload that copy."
            )
        visit(pdf.get_object(IndirectObject(number, generation, pdf)), 0)
    return [name for name in ACTIVE if name in found]


def bomb() -> ValidationError:
    return ValidationError(
        f"This PDF's pages expand to more than {filesizeformat(MAX_EXPANDED_BYTES)} when "
        "opened, far more than any report's text: it looks like a compression bomb and "
        "was not stored. If it is a genuine document, save it again as PDF and upload "
        "that copy."
    )


def expanded_size(pdf) -> int:
    """The bytes of page content the PDF expands to, counted up to just past the
    limit: the check itself never decompresses much more than the limit allows."""
    total = 0
    for page in pdf.pages[:MAX_PAGES]:
        contents = page.get_contents()
        total += len(contents.get_data()) if contents is not None else 0
        if total > MAX_EXPANDED_BYTES:
            break
    return total


def read_head(file, length=1024) -> bytes:
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def reader(file):
    from pypdf import PdfReader

    file.seek(0)
    data = file.read()
    file.seek(0)
    return PdfReader(io.BytesIO(data), strict=False)


def extract_text(file) -> tuple[str, str]:
    """(text, warning). The warning is empty when text was found."""
    try:
        pdf = reader(file)
        parts, total = [], 0
        for page in pdf.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            total += len(text)
            if total > MAX_TEXT_CHARS:
                break
        text = "\n".join(parts)[:MAX_TEXT_CHARS].replace("\x00", "").strip()
    except Exception as error:  # a damaged PDF stays uploaded; staff are told
        logger.warning("Text extraction failed: %s", error)
        return "", (
            "No text could be read from this PDF, so search will not find words inside "
            "it. It may be damaged; try saving it again as PDF."
        )
    if not text:
        return "", (
            "This PDF holds no readable text (probably a scan), so search will not find "
            "words inside it. Upload a copy with a text layer if there is one."
        )
    return text, ""


def upload_to(document, filename: str) -> str:
    """Our own name: reports/<year>/<report-slug>-<language>-<random>.pdf. The
    uploaded name is never used, so it cannot climb out of the folder."""
    year = document.report.published_on.year if document.report.published_on else "undated"
    slug = slugify(document.report.slug)[:80] or "report"
    return f"reports/{year}/{slug}-{document.language}-{secrets.token_hex(4)}.pdf"
