import json

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from core import markup
from core.search import HIGHLIGHT_START, HIGHLIGHT_STOP
from reports.models import ImplementationStatus

register = template.Library()


# The highlight sentinels as they read once escaped.
_MARK_START, _MARK_STOP = escape(HIGHLIGHT_START), escape(HIGHLIGHT_STOP)
# The same escapes as Django's json_script: "</script>" cannot end the element early.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def markdown(source):
    """Staff-written Markdown as sanitized HTML (core/markup.py)."""
    return markup.render(source)


@register.filter
def highlight(snippet):
    """Escape a SearchHeadline snippet, then mark its matches. Escaping first means a
    report titled <script> shows as text, and only our own <mark> tags are markup."""
    if not snippet:
        return ""
    marked = escape(snippet).replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - escaped above; only <mark> is added


@register.simple_tag
def jsonld(data):
    """schema.org data for search engines, safe to embed in HTML."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.filter
def filesize(num_bytes):
    if num_bytes is None:
        return ""
    size = float(num_bytes)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return conditional_escape(context["request"].build_absolute_uri(path))


@register.filter
def status_label(status):
    """A recommendation's current status in words; none recorded reads "Not started"."""
    try:
        return ImplementationStatus(status or ImplementationStatus.NOT_STARTED).label
    except ValueError:
        return status


@register.inclusion_tag("includes/facet_fieldsets.html")
def facet_fieldsets(facets):
    """The filter checkboxes of a list page: one fieldset per facet that has values."""
    return {"facets": facets}


@register.inclusion_tag("includes/event_card.html")
def event_card(event):
    """An event in a list: title, kind, date, city, series edition, the Chatham House
    note, and its snippet or summary. List the events with `Event.objects.for_listing()`:
    it gives the series."""
    return {"event": event}


@register.inclusion_tag("includes/report_card.html")
def report_card(report):
    """A report in a list: title, kind, date, symbols, and its snippet or summary.
    List the reports with `Report.objects.for_listing()`: it gives `listed_symbols`."""
    return {"report": report}
