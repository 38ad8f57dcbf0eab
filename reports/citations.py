"""A report's citation as plain text, BibTeX and RIS, in the active language: the
report's title as published in it where the platform has it (core/translations.py),
else the English."""

import re

from django.utils import formats
from django.utils.translation import gettext

from core.translations import hreflang, localized


def _authors(report) -> list[str]:
    # Checked here, whatever the caller prefetched: a draft body is never cited.
    names = [str(localized(a, "name")) for a in report.authors.all() if a.is_published]
    return names or ["United Nations"]


def _symbols(report) -> str:
    return "–".join(symbol.symbol for symbol in report.symbols.all())


def _url(report, request) -> str:
    return request.build_absolute_uri(report.get_absolute_url())


def _title(report) -> str:
    title, subtitle = localized(report, "title"), localized(report, "subtitle")
    return title + (f": {subtitle}" if subtitle else "")


def plain_text(report, request) -> str:
    parts = [", ".join(_authors(report)) + "."]
    parts.append(f"{_title(report)}.")
    if report.symbols.all():
        parts.append(gettext("UN document %(symbols)s.") % {"symbols": _symbols(report)})
    if report.published_on:
        parts.append(f"{formats.date_format(report.published_on)}.")
    parts.append(gettext("Available at %(url)s.") % {"url": _url(report, request)})
    return " ".join(parts)


def _bibtex_escape(value: str) -> str:
    # Braces and backslashes would end or break a BibTeX field.
    return re.sub(r"([{}\\%&$#_])", r"\\\1", value)


def bibtex(report, request) -> str:
    key = re.sub(r"[^A-Za-z0-9]", "", report.slug.title())[:40] or f"report{report.pk}"
    fields = {
        "title": _title(report),
        "author": " and ".join("{" + _bibtex_escape(a) + "}" for a in _authors(report)),
        "institution": ", ".join(_authors(report)),
        "number": _symbols(report),
        "year": str(report.published_on.year) if report.published_on else "",
        "month": report.published_on.strftime("%b").lower() if report.published_on else "",
        "url": _url(report, request),
    }
    lines = [f"@techreport{{{key},"]
    for name, value in fields.items():
        if not value:
            continue
        if name == "author":
            lines.append(f"  {name} = {{{value}}},")
        elif name == "month":
            lines.append(f"  {name} = {value},")
        else:
            lines.append(f"  {name} = {{{_bibtex_escape(value)}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris(report, request) -> str:
    lines = ["TY  - RPRT"]
    lines += [f"AU  - {author}" for author in _authors(report)]
    lines.append(f"TI  - {localized(report, 'title')}")
    if report.subtitle:
        lines.append(f"T2  - {localized(report, 'subtitle')}")
    if report.symbols.all():
        lines.append(f"SN  - {_symbols(report)}")
    if report.published_on:
        lines.append(f"PY  - {report.published_on.year}")
        lines.append(f"DA  - {report.published_on:%Y/%m/%d}")
    lines.append(f"UR  - {_url(report, request)}")
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def csl_json(report, request) -> dict:
    """CSL-JSON, the format of Zotero, Mendeley and citeproc processors."""
    item = {
        "id": report.slug,
        "type": "report",
        "title": _title(report),
        "language": hreflang(localized(report, "title").language),
        "author": [{"literal": author} for author in _authors(report)],
        "publisher": ", ".join(_authors(report)),
        "URL": _url(report, request),
    }
    if report.symbols.all():
        item["number"] = _symbols(report)
    if report.published_on:
        day = report.published_on
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    return item
