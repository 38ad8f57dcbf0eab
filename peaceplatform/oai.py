"""OAI-PMH 2.0 at /oai/: the published reports, for digital libraries and aggregators
that harvest (the UN Digital Library, university repositories, BASE).

- Records: one per published report, identified `oai:<host>:report/<id>`, datestamped
  with its last change (`updated_at`, to the second, UTC).
- Formats: `oai_dc` (Dublin Core, as every harvester reads) and `peace`, our own, with
  what Dublin Core has no place for: document symbols, each language version with its
  address, the kind, topics and member states (schema at /oai/peace.xsd).
- Sets: `kind:<kind>` (UN report, panel report …) and `topic:<slug>`.
- Deleted records: `transient`. A report unpublished, archived or deleted is given as a
  deleted record (header status="deleted") from the changes feed's tombstones, for as
  long as they are kept (CHANGES_KEEP_DAYS); only in harvests without a set, since a
  tombstone does not keep the report's sets.
- Lists come 100 at a time with a signed resumption token (it carries the harvest's
  arguments and the last (datestamp, id) given, so the next page is a keyset range:
  as fast at the end of a million reports as at the start); a token that was altered
  or comes from elsewhere is a badResumptionToken.
- Errors are the specification's codes, in a 200 answer as it requires.
"""

import datetime
import html
import re
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Greatest, Trunc
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core import markup
from directory.models import MemberState, Organization, Topic
from peaceplatform.models import Change, ChangeAction
from reports.models import DocumentSymbol, Report, ReportDocument, ReportKind

PAGE_SIZE = 100
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PEACE = "https://peaceplatform.org/oai/peace/1.0/"
ET.register_namespace("", OAI)
ET.register_namespace("oai_dc", OAI_DC)
ET.register_namespace("dc", DC)
ET.register_namespace("xsi", XSI)
ET.register_namespace("peace", PEACE)

VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
TOKEN_SALT = "oai-resumption"  # noqa: S105 (a salt naming the use, not a secret)
# Control characters XML 1.0 cannot carry at all.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message


def clean(text) -> str:
    return NOT_IN_XML.sub("", str(text))


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def metadata_formats():
    return {
        "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
        "peace": (None, PEACE),  # schema address filled from the request
    }


# --- The view ---------------------------------------------------------------------------


@csrf_exempt  # OAI-PMH allows POST; nothing is changed by it
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    arguments = request.POST if request.method == "POST" else request.GET
    root = ET.Element(f"{{{OAI}}}OAI-PMH")
    root.set(
        f"{{{XSI}}}schemaLocation",
        f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
    )
    ET.SubElement(root, f"{{{OAI}}}responseDate").text = stamp(timezone.now())
    base = request.build_absolute_uri(reverse("oai"))
    request_element = ET.SubElement(root, f"{{{OAI}}}request")
    request_element.text = base
    try:
        verb, given = check_arguments(arguments)
        for name, value in given.items():
            request_element.set(name, clean(value))
        request_element.set("verb", verb)
        HANDLERS[verb](request, root, given)
    except OAIError as error:
        if error.code in ("badVerb", "badArgument"):
            request_element.attrib.clear()  # the specification: the base URL only
        element = ET.SubElement(root, f"{{{OAI}}}error", code=error.code)
        element.text = error.message
    body = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
    response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response


def check_arguments(arguments) -> tuple[str, dict]:
    verbs = arguments.getlist("verb")
    if len(verbs) != 1:
        raise OAIError("badVerb", "Give exactly one verb, e.g. verb=Identify.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError(
            "badVerb", f"{clean(verb)[:40]!r} is not an OAI-PMH verb: use {', '.join(VERBS)}."
        )
    required, optional = VERBS[verb]
    given = {}
    for name in arguments:
        if name == "verb":
            continue
        values = arguments.getlist(name)
        if name not in required | optional:
            raise OAIError("badArgument", f"{clean(name)[:40]} is not an argument of {verb}.")
        if len(values) > 1:
            raise OAIError("badArgument", f"Give {name} once.")
        given[name] = values[0]
    if "resumptionToken" in given:
        if len(given) > 1:
            raise OAIError("badArgument", "A resumptionToken goes alone, with the verb.")
        return verb, given
    missing = sorted(required - set(given))
    if missing:
        raise OAIError("badArgument", f"{verb} needs {', '.join(missing)}.")
    return verb, given


# --- Identify, formats, sets -----------------------------------------------------------


def identify(request, root, given):
    element = ET.SubElement(root, f"{{{OAI}}}Identify")
    earliest = (
        Report.objects.published().annotate(stamp=datestamp()).order_by("stamp")
    ).values_list("stamp", flat=True).first() or timezone.now()
    for name, value in [
        ("repositoryName", "Peace Operations Knowledge Platform"),
        ("baseURL", request.build_absolute_uri(reverse("oai"))),
        ("protocolVersion", "2.0"),
        ("adminEmail", settings.DEFAULT_FROM_EMAIL),
        ("earliestDatestamp", stamp(earliest)),
        ("deletedRecord", "transient"),
        ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
    ]:
        ET.SubElement(element, f"{{{OAI}}}{name}").text = value


def list_metadata_formats(request, root, given):
    if "identifier" in given:
        find_report(request, given["identifier"])  # idDoesNotExist when it is not ours
    element = ET.SubElement(root, f"{{{OAI}}}ListMetadataFormats")
    for prefix, (schema, namespace) in metadata_formats().items():
        entry = ET.SubElement(element, f"{{{OAI}}}metadataFormat")
        ET.SubElement(entry, f"{{{OAI}}}metadataPrefix").text = prefix
        ET.SubElement(entry, f"{{{OAI}}}schema").text = schema or request.build_absolute_uri(
            reverse("oai_peace_schema")
        )
        ET.SubElement(entry, f"{{{OAI}}}metadataNamespace").text = namespace


def all_sets():
    sets = [(f"kind:{value}", str(label)) for value, label in ReportKind.choices]
    sets += [
        (f"topic:{slug}", f"Topic: {name}")
        for slug, name in Topic.objects.published().order_by("name").values_list("slug", "name")
    ]
    return sets


def list_sets(request, root, given):
    if "resumptionToken" in given:
        raise OAIError("badResumptionToken", "The list of sets comes whole: there is no next page.")
    element = ET.SubElement(root, f"{{{OAI}}}ListSets")
    for spec, name in all_sets():
        entry = ET.SubElement(element, f"{{{OAI}}}set")
        ET.SubElement(entry, f"{{{OAI}}}setSpec").text = spec
        ET.SubElement(entry, f"{{{OAI}}}setName").text = clean(name)


# --- Records --------------------------------------------------------------------------


def identifier_of(request, report_id: int) -> str:
    return f"oai:{request.get_host().split(':')[0]}:report/{report_id}"


def report_id_of(request, identifier: str) -> int | None:
    prefix = identifier_of(request, 0)[:-1]
    number = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    return int(number) if number.isascii() and number.isdigit() and len(number) < 19 else None


def records():
    return (
        Report.objects.published()
        .annotate(stamp=datestamp())
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.published().order_by("name")),
            Prefetch("authors", queryset=Organization.objects.published().order_by("name")),
            Prefetch("member_states", queryset=MemberState.objects.order_by("name")),
            Prefetch("symbols", queryset=DocumentSymbol.objects.order_by("order")),
            Prefetch("documents", queryset=ReportDocument.objects.order_by("language")),
        )
    )


def find_report(request, identifier: str):
    """(the public report, None) or (None, its tombstone); idDoesNotExist otherwise."""
    report_id = report_id_of(request, identifier)
    report = records().filter(pk=report_id).first() if report_id else None
    if report is not None:
        return report, None
    gone = tombstone(report_id) if report_id else None
    if gone is None:
        raise OAIError("idDoesNotExist", f"No record has the identifier {clean(identifier)[:80]}.")
    return None, gone


def tombstone(report_id: int):
    """The latest change of a report that is not public now, if the feed keeps it."""
    latest = Change.objects.filter(type="report", item_id=report_id).order_by("-id").first()
    if latest is None or latest.action not in (ChangeAction.WITHDRAWN, ChangeAction.DELETED):
        return None
    return latest


def get_record(request, root, given):
    prefix = check_prefix(given["metadataPrefix"])
    report, gone = find_report(request, given["identifier"])
    element = ET.SubElement(root, f"{{{OAI}}}GetRecord")
    if report is None:
        deleted_record(request, element, gone.item_id, gone.at)
        return
    write_record(request, element, report, prefix)


def check_prefix(prefix: str) -> str:
    if prefix not in metadata_formats():
        raise OAIError(
            "cannotDisseminateFormat",
            f"{clean(prefix)[:40]!r} is not offered: use {', '.join(metadata_formats())}.",
        )
    return prefix


def parse_date(value: str, name: str) -> tuple[datetime.datetime, bool]:
    """(moment, whether it was a day only)."""
    for pattern, day in (("%Y-%m-%d", True), ("%Y-%m-%dT%H:%M:%SZ", False)):
        try:
            moment = datetime.datetime.strptime(value, pattern).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        return moment, day
    raise OAIError(
        "badArgument",
        f"{name} must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, not {clean(value)[:40]!r}.",
    )


def harvest_arguments(given) -> dict:
    """The arguments of a list request, from the request or from its token."""
    if "resumptionToken" in given:
        try:
            state = signing.loads(given["resumptionToken"], salt=TOKEN_SALT, max_age=86400)
        except signing.BadSignature:
            raise OAIError(
                "badResumptionToken", "This resumptionToken is not one we gave, or it expired."
            ) from None
        return state
    state = {"prefix": check_prefix(given["metadataPrefix"]), "after": None}
    lower = upper = None
    if "from" in given:
        lower, lower_day = parse_date(given["from"], "from")
    if "until" in given:
        upper, upper_day = parse_date(given["until"], "until")
        if upper_day:
            upper += datetime.timedelta(days=1) - datetime.timedelta(seconds=1)
    if "from" in given and "until" in given:
        if lower_day != upper_day:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if lower > upper:
            raise OAIError("badArgument", "from is later than until.")
    state["from"] = lower.isoformat() if lower else None
    state["until"] = upper.isoformat() if upper else None
    spec = given.get("set")
    if spec is not None and spec not in dict(all_sets()):
        raise OAIError("badArgument", f"There is no set {clean(spec)[:60]!r}: see ListSets.")
    state["set"] = spec
    return state


def page_of(state):
    """The next page: up to PAGE_SIZE (datestamp, id, report or None) in order, public
    reports and (in harvests without a set) tombstones merged; and whether more follow."""
    reports = records()
    # Tombstones: a report's latest change, when it took the report out of the public
    # set and the report is not back (restored or republished) since.
    later = Change.objects.filter(type="report", item_id=OuterRef("item_id"), id__gt=OuterRef("id"))
    gone = (
        Change.objects.filter(
            type="report", action__in=[ChangeAction.WITHDRAWN, ChangeAction.DELETED]
        )
        .filter(~Exists(later))
        .exclude(item_id__in=Report.objects.published().values("pk"))
        .annotate(stamp=_second("at"))
    )
    if state["from"]:
        lower = datetime.datetime.fromisoformat(state["from"])
        reports, gone = reports.filter(stamp__gte=lower), gone.filter(stamp__gte=lower)
    if state["until"]:
        upper = datetime.datetime.fromisoformat(state["until"])
        reports, gone = reports.filter(stamp__lte=upper), gone.filter(stamp__lte=upper)
    spec = state["set"]
    if spec:
        kind, _sep, value = spec.partition(":")
        reports = (
            reports.filter(kind=value) if kind == "kind" else reports.filter(topics__slug=value)
        )
    if state["after"]:
        moment, last_id = datetime.datetime.fromisoformat(state["after"][0]), state["after"][1]
        reports = reports.filter(Q(stamp__gt=moment) | Q(stamp=moment, pk__gt=last_id))
        gone = gone.filter(Q(stamp__gt=moment) | Q(stamp=moment, item_id__gt=last_id))
    found = [(r.stamp, r.pk, r) for r in reports.order_by("stamp", "pk")[: PAGE_SIZE + 1]]
    if not spec:
        found += [
            (g.stamp, g.item_id, None) for g in gone.order_by("stamp", "item_id")[: PAGE_SIZE + 1]
        ]
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return found[:PAGE_SIZE], len(found) > PAGE_SIZE


def _second(expression):
    return Trunc(expression, "second", tzinfo=datetime.UTC)


def datestamp():
    """A record's datestamp: when it last changed or went public, whichever is later (a
    scheduled report reaches an incremental harvest when it appears), to the second,
    as the repository's granularity says."""
    return _second(Greatest("updated_at", "publish_at"))


def list_items(request, root, given, *, with_metadata: bool):
    state = harvest_arguments(given)
    entries, more = page_of(state)
    if not entries:
        if "resumptionToken" in given:
            raise OAIError("badResumptionToken", "This resumptionToken has nothing after it.")
        raise OAIError("noRecordsMatch", "No record matches these arguments.")
    element = ET.SubElement(
        root, f"{{{OAI}}}{'ListRecords' if with_metadata else 'ListIdentifiers'}"
    )
    for moment, item_id, report in entries:
        if report is None:
            deleted_record(request, element, item_id, moment, header_only=not with_metadata)
        elif with_metadata:
            write_record(request, element, report, state["prefix"])
        else:
            write_header(request, element, report)
    token = ET.SubElement(element, f"{{{OAI}}}resumptionToken")
    if more:
        last_moment, last_id, _report = entries[-1]
        token.text = signing.dumps(
            {**state, "after": [last_moment.isoformat(), last_id]}, salt=TOKEN_SALT
        )
        expires = timezone.now() + datetime.timedelta(days=1)
        token.set("expirationDate", stamp(expires))
    elif "resumptionToken" not in given:
        element.remove(token)  # a complete list in one answer has no token at all


def list_records(request, root, given):
    list_items(request, root, given, with_metadata=True)


def list_identifiers(request, root, given):
    list_items(request, root, given, with_metadata=False)


# --- Writing records -------------------------------------------------------------------


def write_header(request, parent, report):
    header = ET.SubElement(parent, f"{{{OAI}}}header")
    ET.SubElement(header, f"{{{OAI}}}identifier").text = identifier_of(request, report.pk)
    ET.SubElement(header, f"{{{OAI}}}datestamp").text = stamp(report.stamp)
    ET.SubElement(header, f"{{{OAI}}}setSpec").text = f"kind:{report.kind}"
    for topic in report.topics.all():
        ET.SubElement(header, f"{{{OAI}}}setSpec").text = f"topic:{topic.slug}"
    return header


def deleted_record(request, parent, report_id, moment, *, header_only=False):
    target = parent if header_only else ET.SubElement(parent, f"{{{OAI}}}record")
    header = ET.SubElement(target, f"{{{OAI}}}header", status="deleted")
    ET.SubElement(header, f"{{{OAI}}}identifier").text = identifier_of(request, report_id)
    ET.SubElement(header, f"{{{OAI}}}datestamp").text = stamp(moment)


def plain(text: str) -> str:
    return clean(html.unescape(strip_tags(markup.render(text))).strip())


def document_url(request, report, document) -> str:
    if document.file:
        return request.build_absolute_uri(
            reverse("reports:document", args=[report.slug, document.language])
        )
    return document.source_url


def write_record(request, parent, report, prefix):
    record = ET.SubElement(parent, f"{{{OAI}}}record")
    write_header(request, record, report)
    metadata = ET.SubElement(record, f"{{{OAI}}}metadata")
    page = request.build_absolute_uri(report.get_absolute_url())
    if prefix == "oai_dc":
        dc = ET.SubElement(metadata, f"{{{OAI_DC}}}dc")
        dc.set(
            f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        )

        def add(name, value):
            if value:
                ET.SubElement(dc, f"{{{DC}}}{name}").text = clean(value)

        add("title", report.title + (f": {report.subtitle}" if report.subtitle else ""))
        for author in report.authors.all():
            add("creator", author.name)
        for topic in report.topics.all():
            add("subject", topic.name)
        add("description", plain(report.summary))
        add("date", report.published_on.isoformat() if report.published_on else "")
        add("type", "Text")
        add("type", report.get_kind_display())
        add("identifier", page)
        for symbol in report.symbols.all():
            add("identifier", symbol.symbol)
        for document in report.documents.all():
            add("language", document.language)
        for state in report.member_states.all():
            add("coverage", state.name)
        add("publisher", "Peace Operations Knowledge Platform")
        return
    peace = ET.SubElement(metadata, f"{{{PEACE}}}report")

    def put(name, value, **attributes):
        if value:
            element = ET.SubElement(peace, f"{{{PEACE}}}{name}", **attributes)
            element.text = clean(value)

    put("title", report.title)
    put("subtitle", report.subtitle)
    put("kind", report.kind)
    put("publishedOn", report.published_on.isoformat() if report.published_on else "")
    for symbol in report.symbols.all():
        put("symbol", symbol.symbol)
    for author in report.authors.all():
        put("author", author.name, slug=author.slug)
    for topic in report.topics.all():
        put("topic", topic.name, slug=topic.slug)
    for state in report.member_states.all():
        put("memberState", state.name, iso3=state.iso3)
    for document in report.documents.all():
        put("document", document_url(request, report, document), language=document.language)
    put("summary", plain(report.summary))
    put("page", page)
    put("api", request.build_absolute_uri(reverse("api:report-detail", args=[report.slug])))


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}

PEACE_XSD = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{PEACE}"
           xmlns="{PEACE}" elementFormDefault="qualified">
  <xs:element name="report">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="title" type="xs:string"/>
        <xs:element name="subtitle" type="xs:string" minOccurs="0"/>
        <xs:element name="kind" type="xs:string"/>
        <xs:element name="publishedOn" type="xs:date" minOccurs="0"/>
        <xs:element name="symbol" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element name="author" type="named" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element name="topic" type="named" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element name="memberState" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType><xs:simpleContent><xs:extension base="xs:string">
            <xs:attribute name="iso3" type="xs:string"/>
          </xs:extension></xs:simpleContent></xs:complexType>
        </xs:element>
        <xs:element name="document" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType><xs:simpleContent><xs:extension base="xs:anyURI">
            <xs:attribute name="language" type="xs:language"/>
          </xs:extension></xs:simpleContent></xs:complexType>
        </xs:element>
        <xs:element name="summary" type="xs:string" minOccurs="0"/>
        <xs:element name="page" type="xs:anyURI"/>
        <xs:element name="api" type="xs:anyURI"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:complexType name="named"><xs:simpleContent><xs:extension base="xs:string">
    <xs:attribute name="slug" type="xs:string"/>
  </xs:extension></xs:simpleContent></xs:complexType>
</xs:schema>
"""


@require_http_methods(["GET", "HEAD"])
def peace_schema(request):
    return HttpResponse(PEACE_XSD, content_type="text/xml; charset=utf-8")
