"""The OpenAPI description of the query language in core/api/listing.py: every
list parameter, the paged answer, the error body, and the headers of every answer."""

import copy
import re

import django_filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from core.api import listing
from core.api.mixins import API_LANGUAGES, LanguageMixin
from core.listing.filters import YEAR_SCHEMA, YEARS, ItemsFilter


class ProblemSerializer(serializers.Serializer):
    parameter = serializers.CharField(allow_null=True, help_text="The parameter to fix.")
    message = serializers.CharField(help_text="What is wrong and how to fix it.")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in one sentence.")
    errors = ProblemSerializer(many=True, help_text="One entry per offending parameter.")


class PastTheEndSerializer(ErrorSerializer):
    last = serializers.URLField(help_text="The address of the last page of this list.")


RATE_HEADERS = [
    OpenApiParameter(
        name,
        OpenApiTypes.INT,
        location=OpenApiParameter.HEADER,
        response=True,
        description=description,
    )
    for name, description in [
        ("X-RateLimit-Limit", "Requests allowed per minute (by key, or by client address)."),
        ("X-RateLimit-Remaining", "Requests left in the current minute."),
        ("X-RateLimit-Reset", "Unix time at which the current minute's window ends."),
    ]
]
CACHE_HEADERS = [
    OpenApiParameter(
        name,
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        response=[200],
        description=description,
    )
    for name, description in [
        ("ETag", "Send it back as If-None-Match: an unchanged answer comes back as 304."),
        ("Last-Modified", "The newest change among the items shown."),
        ("Cache-Control", "public, with a max-age."),
    ]
]
LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        "lang",
        OpenApiTypes.STR,
        enum=list(API_LANGUAGES),
        description="The language of the text fields (titles, summaries, bodies, names, "
        "descriptions): each in that language where it has a translation, in English "
        "otherwise; `languages` says which. `q` is read in it too. Without it, the "
        "Accept-Language header's first language the platform has, else en.",
    ),
    OpenApiParameter(
        "Content-Language",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        response=[200],
        description="The language asked for (lang or Accept-Language).",
    ),
]
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    location=OpenApiParameter.HEADER,
    response=[429],
    description="Seconds to wait before the quota allows another request.",
)


# No parameter value may hold a NUL character (PostgreSQL text cannot), and no filter
# but q may be given blank: said once, for every free-text parameter, by
# `free_text_patterns` below, and enforced by CatalogueViewSet.list_params.
NO_NUL = "^[^\\u0000]*$"
NOT_BLANK = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


def name_list_schema(names) -> dict:
    """A comma-separated list of known names, as core.api.listing.name_list reads
    it: commas and spaces around names are ignored, at least one name is needed."""
    if not all(re.fullmatch(r"[a-z0-9_-]+", name) for name in names):
        raise ValueError(f"names must be plain words to go into a pattern: {names}")
    one = "(?:" + "|".join(sorted(names)) + ")"
    return {"type": "string", "pattern": rf"^[\s,]*{one}(?:\s*,[\s,]*{one})*[\s,]*$"}


def orderings_schema(names, searchable: bool) -> dict:
    """One ordering, or several comma-separated (CatalogueViewSet.choose_ordering);
    relevance (with q) only alone."""
    if not all(re.fullmatch(r"-?[a-z_]+", name) for name in names):
        raise ValueError(f"ordering names must be plain words to go into a pattern: {names}")
    one = "(?:" + "|".join(sorted(names)) + ")"
    alone = f"{listing.RELEVANCE}|" if searchable else ""
    return {"type": "string", "pattern": f"^(?:{alone}{one}(?:,{one})*)$"}


def free_text_patterns(result, generator, request, public):
    """drf-spectacular postprocessing hook: free-text query parameters (and their
    items) get NO_NUL (q) or NOT_BLANK (the others), unless they already say what they
    accept."""
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                schema = parameter.get("schema", {})
                if schema.get("type") == "array":
                    schema = schema.get("items", {})
                if schema.get("type") == "string" and not (
                    {"enum", "format", "pattern"} & set(schema)
                ):
                    schema["pattern"] = NO_NUL if parameter["name"] == "q" else NOT_BLANK
    return result


def posted_queries(result, generator, request, public):
    """drf-spectacular postprocessing hook, after free_text_patterns: the POST of a
    list (CatalogueViewSet.create) takes the GET list's query parameters as a JSON
    object, with the same schemas (a parameter GET repeats as one value or a list),
    and answers as the GET list does. Built from the GET operation, so the two cannot
    drift apart; core/api/posted.py reads the body the same way."""
    for methods in result.get("paths", {}).values():
        get, post = methods.get("get"), methods.get("post")
        if not get or not post:
            continue
        properties = {}
        for parameter in get.get("parameters", []):
            if parameter.get("in") != "query":
                continue
            schema = copy.deepcopy(parameter["schema"])
            if schema.get("type") == "array":
                schema = {"anyOf": [schema["items"], schema]}
            if parameter.get("description"):
                schema["description"] = parameter["description"]
            properties[parameter["name"]] = schema
        post["requestBody"] = {
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": properties,
                        "additionalProperties": False,
                    }
                }
            }
        }
        post["responses"] = copy.deepcopy(get["responses"])
    return result


class LabelledFilters(DjangoFilterExtension):
    """Every filter parameter described by its label. drf-spectacular reads a filter's
    description from the schema that @extend_schema_field gives its class, and ours
    (the search text, slugs and codes of related items) give a type only: `q`,
    `topic`, `member_state` and the rest went undocumented."""

    priority = 1  # before drf-spectacular's own extension for the same backend

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            # An ItemsFilter's own model names the field: its verbose name is no help.
            own_items = isinstance(filter_field, ItemsFilter)
            if (own_items or not parameter.get("description")) and filter_field.label:
                parameter["description"] = described(filter_field)
            if filter_field.extra.get("choices") is YEARS:
                # Years, not dates, nor strings that merely look like numbers.
                parameter["schema"]["items"] = YEAR_SCHEMA
            if getattr(filter_field, "requires", None):
                # For clients and the schemathesis hooks: refused without it.
                parameter["x-requires"] = [filter_field.requires]
        return parameters


# What a filter naming other items takes, by its to_field_name.
FILTER_KEYS = {
    "slug": "slug",
    "iso3": "ISO alpha-3 code (FIN), alpha-2 code (FI) or slug (finland), in any case",
}


def described(filter_field) -> str:
    """A filter's label, with what to send for related items and how to ask for
    several."""
    text = str(filter_field.label)
    key = FILTER_KEYS.get(filter_field.extra.get("to_field_name"))
    if isinstance(filter_field, ItemsFilter):
        key = "id"
    if key and "ISO" not in text:
        text += f": its {key}"
    if getattr(filter_field, "requires", None):
        text += f" (with {filter_field.requires} only). Repeat the parameter for several."
    elif not isinstance(filter_field, django_filters.MultipleChoiceFilter):
        pass
    elif filter_field.exclude:
        text += ". Leaves out every item with any of them; repeat the parameter for several."
    elif getattr(filter_field, "conjoined", False):
        text += ". Keeps the items with all of them; repeat the parameter for each."
    else:
        text += ". Repeat the parameter for any of several."
    return text


def error(description):
    return OpenApiResponse(ErrorSerializer, description=description)


class CatalogueSchema(AutoSchema):
    def _view_attr(self, name, default=None):
        return getattr(self.view, name, default)

    def _resolve_path_parameters(self, variables):
        """An item addressed by its id (a recommendation, a participation, a
        correction) takes an integer: the address accepts any text and answers 404 for
        what is not an id of a published item."""
        parameters = super()._resolve_path_parameters(variables)
        if self._view_attr("lookup_field") == "pk":
            for parameter in parameters:
                if parameter["name"] == "id":
                    parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), *RATE_HEADERS, *CACHE_HEADERS]
        parameters.append(RETRY_AFTER)
        # A POSTed query names `lang` in its body, as its GET form does in the address.
        if isinstance(self.view, LanguageMixin) and self.method == "GET":
            parameters += LANGUAGE_PARAMETERS
        orderings = self._view_attr("orderings")
        if not orderings:
            return parameters
        fields = sorted(self.view.field_names()) if self.view.serializer_class else []
        shaping = [
            OpenApiParameter(
                "fields",
                name_list_schema(fields),
                description="Comma-separated: only these fields of each item. One of "
                + ", ".join(fields)
                + ". Not with exclude.",
                extensions={"x-conflicts-with": ["exclude"]},
            ),
            OpenApiParameter(
                "exclude",
                name_list_schema(fields),
                description="Comma-separated: every field of each item but these. Not with fields.",
                extensions={"x-conflicts-with": ["fields"]},
            ),
        ]
        if not self._is_list_view() or self.view.action != "list":
            return parameters + (shaping if self.view.action == "retrieve" else [])
        names = [ordering.name for ordering in orderings]
        described = "; ".join(
            f"`{ordering.name}`: {ordering.description}" for ordering in orderings
        )
        searchable = "q" in self.view.filter_names()
        parameters += [
            *shaping,
            OpenApiParameter(
                "ordering",
                orderings_schema(names, searchable),
                description=f"Default `{self.view.default_ordering}`"
                + (" (`relevance` when q is given)" if searchable else "")
                + f". {described}. Several, comma-separated without spaces, sort by the "
                "first, then the next among equals (`-published,title`)"
                + ("; relevance goes alone." if searchable else "."),
                extensions={"x-value-requires": {listing.RELEVANCE: "q"}} if searchable else None,
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 0, "maximum": listing.MAX_LIMIT},
                description=f"Items per page, 0 to {listing.MAX_LIMIT} (default "
                f"{listing.DEFAULT_LIMIT}). 0 answers the count (and facets) only.",
            ),
            OpenApiParameter(
                "offset",
                {"type": "integer", "minimum": 0, "maximum": listing.MAX_OFFSET},
                description=f"Items to skip, 0 to {listing.MAX_OFFSET}. Deeper, use cursor.",
            ),
            OpenApiParameter(
                "cursor",
                {"type": "string", "pattern": NOT_BLANK},
                description="Keyset paging for deep, stable iteration: `*` for the first "
                "page, then the cursor in `next` (any other value is refused). Not with "
                "offset, format=csv or ordering=relevance"
                + (
                    "; with q, give an ordering (relevance is the default there)."
                    if searchable
                    else "."
                ),
                extensions={
                    "x-conflicts-with": ["offset", "format=csv", "ordering=relevance"],
                    "x-issued-by-server": True,
                    **({"x-needs-with": {"q": "ordering"}} if searchable else {}),
                },
            ),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["json", "csv"],
                description="csv streams every match (or limit of them) as CSV.",
            ),
        ]
        facets = sorted(self.view.facet_names())
        if facets:
            parameters.append(
                OpenApiParameter(
                    "facets",
                    name_list_schema(facets),
                    description="Comma-separated facets to count beside the results, from "
                    + ", ".join(facets),
                )
            )
            parameters += [
                OpenApiParameter(
                    "facet_limit",
                    {"type": "integer", "minimum": 1, "maximum": listing.MAX_FACET_LIMIT},
                    description="With facets: at most this many values per facet (each "
                    "facet's `total` says how many it has). Default: every value.",
                    extensions={"x-requires": ["facets"]},
                ),
                OpenApiParameter(
                    "facet_sort",
                    OpenApiTypes.STR,
                    enum=list(listing.FACET_SORTS),
                    description="With facets: `count` (the default: largest first, then A "
                    "to Z) or `label` (A to Z).",
                    extensions={"x-requires": ["facets"]},
                ),
            ]
        return parameters

    def get_response_serializers(self):
        serializer = super().get_response_serializers()
        if getattr(self.view, "action", None) != "list" or not self._view_attr("orderings"):
            return serializer
        responses = dict(serializer) if isinstance(serializer, dict) else {200: serializer}
        responses[(200, "text/csv")] = OpenApiResponse(
            OpenApiTypes.STR, description="With format=csv."
        )
        return responses

    def _get_response_bodies(self, direction="response"):
        # Here rather than in get_response_serializers, which @extend_schema replaces.
        responses = super()._get_response_bodies(direction)
        action = getattr(self.view, "action", None)
        errors = {
            "304": OpenApiResponse(description="Not modified: the If-None-Match matched."),
            "400": error("A parameter is unknown or has a bad value; each is named."),
            "401": error("The API key is not valid, revoked or expired."),
            "403": error("The API key does not allow calls from this browser origin."),
            "429": error("The quota for this minute is spent; see Retry-After."),
            # Answered by the web server before the API sees the request.
            "414": OpenApiResponse(
                description="The address is too long (the server takes about 4,000 "
                "characters); send fewer or shorter parameters."
            ),
        }
        if action not in {"list", None}:
            errors["404"] = error("Nothing published at this address.")
        elif action == "list":
            errors["404"] = OpenApiResponse(
                PastTheEndSerializer,
                description="The offset is past the last item; `last` is the last page.",
            )
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, None, direction)
        return dict(sorted(responses.items()))
