"""Preview links: a draft shown exactly as its public page will look, to staff and
to a reviewer without an account who holds a signed link. The link names the object
and is signed with the site's secret; it expires after PREVIEW_LINK_DAYS."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

SALT = "peaceplatform.preview"
# Kinds that have a public page to preview.
PREVIEWABLE = {
    "reports.report",
    "events.event",
    "directory.person",
    "directory.organization",
    "directory.topic",
    "operations.operation",
}


class PreviewExpired(Exception):
    pass


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.PREVIEW_LINK_DAYS)


def link(obj) -> tuple[str, datetime.datetime]:
    """(path, expiry) of a fresh preview link for ``obj``."""
    token = signing.dumps([obj._meta.label_lower, obj.pk], salt=SALT, compress=True)
    return reverse("preview", args=[token]), timezone.now() + max_age()


def read(token: str) -> tuple[str, int]:
    """(model label, pk). Raises PreviewExpired for an old link and
    signing.BadSignature for anything forged or damaged."""
    try:
        label, pk = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise PreviewExpired from error
    if label not in PREVIEWABLE or not isinstance(pk, int):
        raise signing.BadSignature("not a preview of a page")
    return label, pk
