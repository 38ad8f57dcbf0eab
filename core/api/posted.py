"""POST on a list: the same query as GET, its parameters in a JSON object, for queries
too long for an address (a thousand symbols, a long search). The body is typed as the
schema says (a whole number, a string, or a list of either where GET repeats the
parameter), turned into the parameters GET would send, and checked by the same code,
so the two cannot drift apart: `{"topic": ["poc", "wps"], "limit": 5}` is
`?topic=poc&topic=wps&limit=5`."""

import json

import django_filters
from django.http import QueryDict
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.parsers import JSONParser

from core.api import listing
from core.api.errors import ParameterError
from core.listing.filters import YEARS, ItemsFilter, TextListFilter, YearBoundFilter


class FlatJSONParser(JSONParser):
    """JSON, refusing bodies nested too deeply for Python's decoder (`[[[[…]]]]` a
    hundred thousand deep raised RecursionError: a 500) with a 400 like any bad JSON."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            # JSON may escape a lone surrogate (`"\ud800"`), which is no text: it cannot
            # be written back out in UTF-8, in a query string or in an error message.
            json.dumps(data, ensure_ascii=False).encode()
        except RecursionError:
            raise ParseError(
                "JSON parse error - the body nests lists or objects too deeply; send a "
                "flat JSON object."
            ) from None
        except UnicodeEncodeError:
            raise ParseError(
                "JSON parse error - the body holds an escaped lone surrogate (such as "
                "\\ud800), which is not text; send valid Unicode."
            ) from None
        return data


# A long query is a few thousand characters; a body this size is not a query.
MAX_BODY_BYTES = 256 * 1024
INTEGER, STRING = "integer", "string"
INTEGER_PARAMETERS = {"limit", "offset", "facet_limit"}


def kind_of(filter_) -> tuple[str, bool]:
    """(the JSON type of one value, whether a list of them is taken) for a filter, as
    the schema describes its query parameter."""
    if isinstance(filter_, YearBoundFilter):
        return INTEGER, False
    if isinstance(filter_, ItemsFilter):
        return INTEGER, True
    if isinstance(filter_, django_filters.MultipleChoiceFilter):
        return (INTEGER if filter_.extra.get("choices") is YEARS else STRING), True
    return STRING, isinstance(filter_, TextListFilter)


def parameter_kinds(view) -> dict[str, tuple[str, bool]]:
    kinds = {
        name: (INTEGER if name in INTEGER_PARAMETERS else STRING, False)
        for name in (*listing.PAGING_PARAMETERS, *listing.SHAPING_PARAMETERS)
    }
    filterset = view.filterset_class
    for name, filter_ in (filterset.base_filters if filterset else {}).items():
        kinds[name] = kind_of(filter_)
    return kinds


def described(kind: str, many: bool) -> str:
    one = "a whole number" if kind == INTEGER else "a string"
    if not many:
        return one
    return f"{one} or a list of {'whole numbers' if kind == INTEGER else 'strings'}"


def of_kind(value, kind: str) -> bool:
    if kind == INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)


def posted_parameters(request, view) -> QueryDict:
    """The query a POSTed body asks, as the query string GET would carry: the body's
    parameters beside any in the address (a name in both is refused)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        raise ParameterError(
            {"body": f"the body is {length:,} bytes; a query fits in {MAX_BODY_BYTES:,}."}
        )
    if length and not request.content_type.startswith("application/json"):
        raise UnsupportedMediaType(
            request.content_type or "(none)",
            detail="Send the query as JSON, with Content-Type: application/json.",
        )
    body = request.data if length else {}
    if not isinstance(body, dict):
        raise ParameterError(
            {"body": 'the body must be a JSON object of parameters, e.g. {"q": "mandates"}.'}
        )
    kinds = parameter_kinds(view)
    merged = request._request.GET.copy()
    problems = {}
    for name, value in body.items():
        if name in merged:
            problems[name] = f"{name[:40]} is both in the body and in the address; give it once."
            continue
        kind, many = kinds.get(name, (None, True))
        values = value if isinstance(value, list) and many else [value]
        if kind is not None and not all(of_kind(one, kind) for one in values):
            problems[name] = f"{name} must be {described(kind, many)}."
            continue
        if values:  # an empty list asks nothing, as a parameter left out
            merged.setlist(name, [str(one) for one in values])
    if problems:
        raise ParameterError(problems)
    return merged


def read_posted_query(request, view):
    """The POSTed query in place of the address's: what the list reads (request.GET)
    and the address its `next` and `previous` links are built from, which are then
    the GET addresses of those pages."""
    query = posted_parameters(request, view)
    request._request.GET = query
    request._request.META["QUERY_STRING"] = query.urlencode()
