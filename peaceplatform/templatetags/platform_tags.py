import json

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from directory import markup
from directory.search import HIGHLIGHT_START, HIGHLIGHT_STOP

register = template.Library()

# The same escapes as Django's json_script: "</script>" cannot end the element early.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def markdown(text):
    """Staff-written Markdown as sanitized HTML (directory/markup.py)."""
    return markup.render(text)


@register.filter
def highlight(snippet):
    """Escape a SearchHeadline snippet, then mark its matches. Escaping first means a
    report titled <script> shows as text, and only our own <mark> tags are markup."""
    if not snippet:
        return ""
    text = escape(str(snippet))
    text = text.replace(escape(HIGHLIGHT_START), "<mark>").replace(
        escape(HIGHLIGHT_STOP), "</mark>"
    )
    return mark_safe(text)  # noqa: S308 - escaped above; only <mark> is added


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
    from reports.models import ImplementationStatus

    try:
        return ImplementationStatus(status or ImplementationStatus.NOT_STARTED).label
    except ValueError:
        return status
