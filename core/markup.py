"""Markdown for summaries and bodies: written by staff, rendered to HTML, and
sanitized with nh3 on the way out, so that no editor can put script, event handlers,
styles or ``javascript:`` links on a public page, whatever they type.

The renderer is cmark-gfm (GitHub's C implementation of CommonMark, through
cmarkgfm), which is linear in its input: no text, however nested its brackets or
emphasis, can hold a worker. Python-Markdown took 14 s for 10,000 nested brackets;
markdown-it-py, linear but pure Python, 2–6 s for 50,000 (docs/developers/departures.md).
Every Markdown field has a maximum length (``MAX_LENGTH``), and so does the preview.
Raw HTML typed into the text is not rendered: what staff write is Markdown.
"""

import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "del",
    "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6",
    "a", "abbr", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}

# The longest text a Markdown field takes, in characters: a summary, a description or
# a biography; a report's or an event's body (a long report's text is its documents').
SHORT_MAX_LENGTH = 10_000
MAX_LENGTH = 100_000

# Raw HTML in the text is left out (cmark's safe mode), so every tag nh3 reads was
# written by cmark: well formed, its attribute values escaped. That makes the depth
# limit below exact.
OPTIONS = Options.CMARK_OPT_DEFAULT | Options.CMARK_OPT_FOOTNOTES
EXTENSIONS = ["table", "strikethrough"]

# nh3's HTML parser takes time in the square of the nesting depth (50,000 nested
# quotes: minutes). No real text nests this deep; tags below it are dropped, their
# text kept.
MAX_DEPTH = 50
TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)(?:\s[^>]*)?>")
VOID = frozenset({"br", "hr", "img", "input"})


def render(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    html = cmarkgfm.markdown_to_html_with_extensions(text, options=OPTIONS, extensions=EXTENSIONS)
    return sanitize(flatten_deep_nesting(html.rstrip("\n")))


def flatten_deep_nesting(html: str) -> str:
    """Drop the tags of elements nested deeper than MAX_DEPTH, in one pass."""
    pieces, kept, depth, position = [], [], 0, 0
    for tag in TAG.finditer(html):
        closing, name = tag.group(1), tag.group(2)
        if name in VOID:
            continue
        if closing:
            keep = kept.pop() if kept else False
            depth -= keep
        else:
            keep = depth < MAX_DEPTH
            kept.append(keep)
            depth += keep
        if not keep:
            pieces.append(html[position : tag.start()])
            position = tag.end()
    if not pieces:
        return html
    pieces.append(html[position:])
    return "".join(pieces)


def sanitize(html: str) -> SafeString:
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitized by nh3 just above
