import functools
import html
import json

from django import template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils import formats, translation
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext

from core import markup
from core.search import HIGHLIGHT_START, HIGHLIGHT_STOP, other_names
from core.translations import SOURCE_LANGUAGE, Localized, hreflang, lang_attributes, localized
from events.models import EventKind
from peaceplatform.languages import alternates
from reports.models import ImplementationStatus, ReportKind

register = template.Library()


def text(value) -> str:
    """Escaped for HTML exactly as django.utils.html.escape does (html.escape, quotes
    included), without its lazy-string wrapper: a results page escapes some 350
    values, and the wrapper's checks cost more than the escaping."""
    return html.escape(str(value))


# The highlight sentinels as they read once escaped.
_MARK_START, _MARK_STOP = html.escape(HIGHLIGHT_START), html.escape(HIGHLIGHT_STOP)
# The same escapes as Django's json_script: "</script>" cannot end the element early.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


register.filter("other_names", other_names)


@register.filter
def lang_attrs(localized_text):
    """` lang="en"` (and `dir="ltr"` on a right-to-left page) for an element holding a
    text that is not in the page's language (`row.local.title`: an English fallback),
    so that screen readers switch voice; nothing otherwise."""
    return mark_safe(lang_attributes(localized_text))  # noqa: S308 - constant attribute text


@register.filter(name="localized")
def localized_filter(row, field):
    """`{{ item|localized:"title" }}`: row.local.title for a row of any model (a row
    whose model has no translations gives its English text)."""
    return localized(row, field)


# Where each model's search snippet is taken from first (core/search.headline): its
# language is the snippet's.
SNIPPET_FIELDS = {
    "report": "summary",
    "event": "summary",
    "recommendation": "text",
    "organization": "description",
    "topic": "description",
    "operation": "summary",
}


@register.filter
def snippet_lang(row):
    """lang_attrs for a search snippet of the row."""
    field = SNIPPET_FIELDS.get(row._meta.model_name)
    # A model without translations: its text is English.
    text_shown = localized(row, field) if field else Localized("", SOURCE_LANGUAGE)
    return mark_safe(lang_attributes(text_shown))  # noqa: S308 - constant attribute text


@register.filter
def shown_name(item):
    """What a mail calls an item, in the active language: its title or name (a
    recommendation's after its label), or what it says of itself."""
    for field in ("title", "name"):
        if field in getattr(item, "translated_fields", ()):
            shown = localized(item, field)
            label = getattr(item, "label", "")
            return Localized(f"{label}. {shown}", shown.language) if label else shown
    return Localized(str(item), SOURCE_LANGUAGE)


@register.filter
def lang_marked(localized_text):
    """The text, escaped; inside `<span lang="en">` when it is not in the page's
    language (see lang_attrs)."""
    attributes = lang_attributes(localized_text)
    if not attributes:
        return conditional_escape(localized_text)
    return mark_safe(f"<span{attributes}>{text(localized_text)}</span>")  # noqa: S308 - escaped


@register.filter
def markdown(source):
    """Staff-written Markdown as sanitized HTML (core/markup.py)."""
    return markup.render(source)


# What a snippet starting a sentence begins with, and one ending a sentence ends with.
_OPENS_SENTENCE = '"“‘(['
_CLOSES_SENTENCE = '.!?:;"”’)]'


@register.filter
def highlight(snippet):
    """Escape a SearchHeadline snippet, then mark its matches. Escaping first means a
    report titled <script> shows as text, and only our own <mark> tags are markup.

    PostgreSQL cuts its passages at words, not sentences: a passage that does not
    start a sentence (no capital, figure or opening quote) opens with "… ", and one
    that does not end a sentence closes with " …", so that it reads as an excerpt."""
    if not snippet:
        return ""
    plain = snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, "").strip()
    if not plain:
        return ""
    marked = text(snippet.strip()).replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    first, last = plain[0], plain[-1]
    if not (first.isupper() or first.isdigit() or first in _OPENS_SENTENCE):
        marked = f"… {marked}"
    if last not in _CLOSES_SENTENCE:
        marked = f"{marked} …"
    return mark_safe(marked)  # noqa: S308 - escaped above; only <mark> and … are added


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
def whose_label(recommendation):
    """A recommendation's label, marked when it is ours rather than the document's own
    reference: "Shift 1 (our label)"."""
    label = conditional_escape(recommendation.label)
    if recommendation.label_is_ours:
        return mark_safe(f'{label} <span class="label-ours">(our label)</span>')  # noqa: S308
    return label


@register.filter
def status_label(status):
    """A recommendation's current status in words; none recorded reads "Not started"."""
    try:
        return ImplementationStatus(status or ImplementationStatus.NOT_STARTED).label
    except ValueError:
        return status


# The fragments a results page repeats most (facet values, report and event cards) are
# built here rather than in template includes: as templates they made the search pages
# a quarter to a third slower, and pushed two kinds over their target (the same-run A/B
# is in BENCHMARKS.md, "One clear house"). Every piece of text goes through text(); the
# markup is the reference templates' in tests/peaceplatform/fragments/, which
# tests/peaceplatform/test_fragments.py holds them to.


@register.simple_tag
def facet_fieldsets(facets):
    """The filter checkboxes of a list page: one fieldset per facet that has values,
    with the error of a value it could not use, and links that open a long facet in
    full ("Show all") or close it again (FacetedFilterSetMixin.facet_counts)."""
    parts = []
    for facet in facets:
        if not facet["values"]:
            continue
        name = text(facet["name"])
        label = text(facet["label"])
        about = (
            f'<abbr title="{text(pgettext("an estimated count", "about"))}">≈</abbr>'
            if facet["approximate"]
            else ""
        )
        error = facet.get("error")
        described = f' aria-describedby="facet-{name}-error"' if error else ""
        parts.append(
            f'<fieldset class="facet" id="facet-{name}"{described}>\n    <legend>{label}</legend>'
        )
        if error:
            parts.append(
                f'\n    <p class="field-error" id="facet-{name}-error">{text(error["message"])}'
                f' <a href="?{text(error["without"])}">'
                f"{text(gettext('Remove this filter'))}</a></p>"
            )
        parts.append("\n    <ul>")
        for n, value in enumerate(facet["values"], start=1):
            checked = " checked" if value["selected"] else ""
            parts.append(
                f'\n      <li>\n        <input type="checkbox" name="{name}"'
                f' value="{text(value["value"])}" id="f-{name}-{n}"{checked}>\n'
                f'        <label for="f-{name}-{n}">{text(value["label"])}'
                f' <span class="count">({about}{int(value["count"])})</span></label>\n      </li>'
            )
        parts.append("\n    </ul>")
        if facet.get("show_all") is not None:
            parts.append(
                f'\n    <p class="more"><a href="?{text(facet["show_all"])}#facet-{name}">'
                f'{text(gettext("Show all"))}<span class="visually-hidden"> {label}</span>'
                f" ({int(facet['total'])})"
                "</a></p>"
            )
        elif facet.get("show_fewer") is not None:
            parts.append(
                f'\n    <p class="more"><a href="?{text(facet["show_fewer"])}#facet-{name}">'
                f'{text(gettext("Show fewer"))}<span class="visually-hidden"> {label}</span>'
                "</a></p>"
            )
        parts.append("\n  </fieldset>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@functools.lru_cache(maxsize=256)
def choice_label(choices, value, language) -> str:
    """The label of a choice in the active language, worked out once: a model's
    get_FOO_display builds a dict of every choice and translates on each call."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@functools.lru_cache(maxsize=64)
def month_name(month: int, language) -> str:
    return str(MONTHS[month])


def day_month_year(day) -> str:
    """The date as `formats.date_format(day)` writes it in the active language ("17 June
    2015", "17 juin 2015", "2015年6月17日"); where the language writes it day, month's
    name, year, the name is translated once per language rather than once per card."""
    language = translation.get_language()
    if date_format_of(language) != "j F Y":
        return formats.date_format(day)
    return f"{day.day} {month_name(day.month, language)} {day.year:04d}"


@functools.lru_cache(maxsize=16)
def date_format_of(language) -> str:
    return formats.get_format("DATE_FORMAT", language)


@register.simple_tag
def event_card(event):
    """An event in a list: title, kind, date, city, series edition, the Chatham House
    note, and its snippet or summary. List the events with `Event.objects.for_listing()`:
    it gives the series."""
    meta = (
        f"{text(choice_label(EventKind, event.kind, translation.get_language()))} · "
        f'<time datetime="{event.starts_on:%Y-%m-%d}">{text(day_month_year(event.starts_on))}'
        "</time>"
    )
    if event.city:
        meta += f" · {text(event.city)}"
    if event.series_id and event.edition and event.series.is_published:
        meta += f" · {text(ordinal(event.edition))} {text(event.series.name)}"
    title = localized(event, "title")
    html = (
        f'<article class="card">\n  <h3{lang_attributes(title)}>'
        f'<a href="{text(event.get_absolute_url())}">{text(title)}</a></h3>\n'
        f'  <p class="meta">\n    {meta}\n  </p>\n'
    )
    if event.chatham_house_rule:
        note = gettext(
            "Held under the Chatham House rule: attendance is recorded, no statement is attributed."
        )
        html += f'  <p class="note">{text(note)}</p>\n'
    summary = localized(event, "summary")
    if event.snippet:
        # From the summary in the page's language when it has one (InLanguage).
        html += f'  <p class="snippet"{lang_attributes(summary)}>{highlight(event.snippet)}</p>\n'
    elif summary:
        shortened = Truncator(summary).words(45, truncate=" …")
        html += f"  <p{lang_attributes(summary)}>{text(shortened)}</p>\n"
    return mark_safe(html + "</article>\n")  # noqa: S308 - every value escaped above


@register.simple_tag
def report_card(report):
    """A report in a list: title, kind, date, symbols, and its snippet or summary.
    List the reports with `Report.objects.for_listing()`: it gives `listed_symbols`."""
    meta = text(choice_label(ReportKind, report.kind, translation.get_language()))
    if report.published_on:
        meta += (
            f' · <time datetime="{report.published_on:%Y-%m-%d}">'
            f"{text(day_month_year(report.published_on))}</time>"
        )
    symbols = [text(symbol) for symbol in report.listed_symbols]
    if symbols:
        meta += f' · <span class="symbols">{"–".join(symbols)}</span>'
    title = localized(report, "title")
    html = (
        f'<article class="card">\n  <h3{lang_attributes(title)}>'
        f'<a href="{text(report.get_absolute_url())}">{text(title)}</a></h3>\n'
        f'  <p class="meta">\n    {meta}\n  </p>\n'
    )
    subtitle = localized(report, "subtitle")
    if subtitle:
        html += f'  <p class="subtitle"{lang_attributes(subtitle)}>{text(subtitle)}</p>\n'
    snippet = getattr(report, "snippet", None)
    summary = localized(report, "summary")
    if snippet:
        # From the summary in the page's language when it has one (InLanguage).
        html += f'  <p class="snippet"{lang_attributes(summary)}>{highlight(snippet)}</p>\n'
    elif summary:
        shortened = Truncator(summary).words(45, truncate=" …")
        html += f"  <p{lang_attributes(summary)}>{text(shortened)}</p>\n"
    return mark_safe(html + "</article>\n")  # noqa: S308 - every value escaped above


@register.filter
def error_for(filter_errors, name):
    """The error usable_part gave the filter `name`, or None."""
    return next((error for error in filter_errors or () if error["name"] == name), None)


@register.simple_tag(takes_context=True)
def page_languages(context):
    """This page in each of the six languages, for the language switcher and the
    hreflang alternates: code, lang (BCP 47), name (in itself), path, url (absolute),
    current. Empty on a page that is not translated (admin, error pages)."""
    request = context.get("request")
    if request is None:
        return []
    names = dict(settings.LANGUAGES)
    current = translation.get_language()
    return [
        {
            "code": code,
            "lang": hreflang(code),
            "name": names[code],
            "path": path,
            "url": request.build_absolute_uri(path),
            "current": code == current,
        }
        for code, path in alternates(request)
    ]


@register.filter(name="hreflang")
def hreflang_filter(code):
    """A language code as lang and hreflang attributes spell it (zh-Hans)."""
    return hreflang(code or settings.LANGUAGE_CODE)
