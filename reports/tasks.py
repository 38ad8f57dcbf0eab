"""Background work of the reports app, run by the job queue (peaceplatform/jobs.py).

Reading a PDF's text can take seconds for a long report, so an upload answers at
once and a worker reads the text afterwards. The job is written in the same
transaction as the upload: a rolled-back save leaves no job, a committed one
always has its job.
"""

import logging

from django.apps import apps
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from reports import documents

logger = logging.getLogger(__name__)

# Reading fails only when the file cannot be fetched (storage down, a network
# blip to S3): try again after 2, 4, 8 … 256 seconds (procrastinate's max_attempts
# counts the retries): nine attempts over about eight and a half minutes.
STORAGE_RETRY = RetryStrategy(max_attempts=8, exponential_wait=2)


@app.task(queue="documents", retry=STORAGE_RETRY)
def read_document_text(document_id: int, file_name: str) -> str:
    """Read the text of a stored PDF into its ReportDocument; the database triggers
    copy it into the report's search vector. Says what it did, for the job's log."""
    # Through the app registry: the model module imports this one to queue the job.
    ReportDocument = apps.get_model("reports", "ReportDocument")
    document = ReportDocument.objects.filter(pk=document_id, file=file_name).first()
    if document is None:
        # Deleted, or its file replaced since: the replacement queued its own job.
        return "skipped: the document or its file is gone"
    with document.file.open("rb") as file:
        text, warning = documents.extract_text(file)
    # An update filtered on the same file, so a replacement saved meanwhile keeps
    # its own (pending) state rather than this older file's text.
    ReportDocument.objects.filter(pk=document_id, file=file_name).update(
        extracted_text=text, extraction_warning=warning, text_queued_at=None
    )
    return warning or f"read {len(text)} characters"
