"""Markdown for summaries and bodies: written by staff, rendered to HTML, and
sanitized with nh3 on the way out, so that no editor can put script, event handlers,
styles or ``javascript:`` links on a public page, whatever they type."""

import threading

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6",
    "a", "abbr", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


# One converter per thread, reset between texts, rather than a new one per text:
# building one loads its extensions and compiles their patterns, 1.5 ms on our machine,
# twice on a report's page. Markdown keeps a text's footnotes and abbreviations on the
# converter until reset(), and a converter may not convert two texts at once.
_converters = threading.local()


def converter() -> markdown.Markdown:
    if not hasattr(_converters, "markdown"):
        _converters.markdown = markdown.Markdown(
            extensions=["extra", "sane_lists"], output_format="html"
        )
    return _converters.markdown


def render(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    html = converter().reset().convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitized by nh3 just above
