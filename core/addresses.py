"""The addresses of pages named by a slug, without resolving the URLconf for each:
a results page links twenty reports, each through Django's reverse() otherwise."""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

MARKER = "slug-marker"
# What Django's `slug` path converter accepts: such a slug needs no quoting.
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@functools.lru_cache(maxsize=256)
def _around(viewname: str, prefix: str, urlconf: str, language: str) -> tuple[str, str]:
    """What comes before and after the slug in the view's address, in `language` (the
    active one: /fr/reports/… on a French page; reverse() reads it)."""
    head, _marker, tail = reverse(viewname, kwargs={"slug": MARKER}, urlconf=urlconf).partition(
        MARKER
    )
    return head, tail


def slug_url(viewname: str, slug: str) -> str:
    """The same string as reverse(viewname, kwargs={"slug": slug})."""
    if not PLAIN_SLUG.fullmatch(slug or ""):
        return reverse(viewname, kwargs={"slug": slug})  # its errors, as before
    head, tail = _around(
        viewname,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        translation.get_language() or settings.LANGUAGE_CODE,
    )
    return f"{head}{slug}{tail}"
