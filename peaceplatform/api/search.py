"""/api/v1/search/: one query across every kind of item, grouped by kind."""

from urllib.parse import quote

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api.errors import ParameterError
from core.api.fields import address, list_address
from core.api.listing import name_list, single, whole_number
from core.api.schema import NOT_BLANK, name_list_schema
from core.api.viewsets import CatalogueViewSet
from core.search import MAX_QUERY_LENGTH, InvalidQuery, clean_query
from core.translations import hreflang, localized
from peaceplatform.search import best_match, corrected_groups
from peaceplatform.templatetags.platform_tags import highlight

# API type name: (group key on the site, API detail view, list view, title attribute)
TYPES = {
    "reports": ("reports", "api:report-detail", "api:report-list", "title"),
    "recommendations": (
        "recommendations",
        "api:recommendation-detail",
        "api:recommendation-list",
        "title",
    ),
    "events": ("events", "api:event-detail", "api:event-list", "title"),
    "member-states": (
        "member_states",
        "api:member-state-detail",
        "api:member-state-list",
        "short_name",
    ),
    "people": ("people", "api:person-detail", "api:person-list", "name"),
    "organizations": ("organizations", "api:organization-detail", "api:organization-list", "name"),
    "topics": ("topics", "api:topic-detail", "api:topic-list", "name"),
    "operations": ("operations", "api:operation-detail", "api:operation-list", "name"),
}
GROUP_TYPES = {spec[0]: name for name, spec in TYPES.items()}
TYPE_NAMES = list(TYPES)  # the schema's TypeEnum (settings.SPECTACULAR_SETTINGS)


def hit_address(request, type_name: str, detail_view: str, item) -> str:
    """An item's API address: a recommendation's by id (its slug is unique within its
    report only), the others' by slug."""
    if type_name == "recommendations":
        return address(request, detail_view, item.pk, kwarg="pk")
    return address(request, detail_view, item.slug)


def hit(request, type_name: str, item) -> dict:
    """What the answer says of an item found: its id, slug, title and addresses."""
    _key, detail_view, _list_view, title_attr = TYPES[type_name]
    title = localized(item, title_attr)
    return {
        "id": item.pk,
        "slug": item.slug,
        "title": str(title),
        "language": hreflang(title.language),
        "url": hit_address(request, type_name, detail_view, item),
        "html_url": request.build_absolute_uri(item.get_absolute_url()),
    }


MAX_PER_TYPE = 50


class HitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    language = serializers.CharField(
        help_text="The language of `title` (BCP 47): the one asked for where the item has "
        "its title in it, else `en`."
    )
    url = serializers.URLField()
    html_url = serializers.URLField()
    snippet = serializers.CharField(
        help_text="HTML: the text is escaped, and the words that matched are in <mark>."
    )


class GroupSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(TYPES))
    label = serializers.CharField()
    count = serializers.IntegerField()
    count_exact = serializers.BooleanField()
    results_url = serializers.URLField(help_text="Every match of this type, with filters.")
    results = HitSerializer(many=True)


class BestMatchSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(TYPES))
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    language = serializers.CharField(
        help_text="The language of `title` (BCP 47): the one asked for where the item has "
        "its title in it, else `en`."
    )
    url = serializers.URLField()
    html_url = serializers.URLField()


# One object for the whole search, not a page of them: tell the schema generator so.
@extend_schema_serializer(many=False)
class SearchSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    corrected_query = serializers.CharField(
        allow_null=True,
        help_text="When the words found nothing and the catalogue's own words corrected "
        "them (“strenghts”: “strengths”), the corrected words, whose results these are; "
        "else null.",
    )
    best_match = BestMatchSerializer(
        allow_null=True,
        help_text="The item the words name exactly (its title, a nickname such as "
        "“HIPPO”, an acronym or a document symbol), or null. It is also in its group.",
    )
    groups = GroupSerializer(many=True)


class SearchViewSet(CatalogueViewSet):
    """Search every kind of published item at once; results grouped by kind."""

    filter_backends = []
    pagination_class = None
    renderer_classes = [JSONRenderer]
    serializer_class = SearchSerializer

    def check_parameters(self, request):
        """q, types and limit are this view's own, checked by list() itself."""

    @extend_schema(
        summary="Search across all types",
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": NOT_BLANK},
                required=True,
                description='Words, "quoted phrases", OR, -exclusions, or a document symbol '
                "such as A/70/95 or the prefix A/70/.",
            ),
            OpenApiParameter(
                "types",
                name_list_schema(TYPES),
                description=f"Comma-separated, from {', '.join(TYPES)}. Default: all.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_PER_TYPE},
                description=f"Results per type, 1 to {MAX_PER_TYPE} (default 5).",
            ),
        ],
        responses={200: SearchSerializer},
    )
    def list(self, request, *args, **kwargs):
        problems = {}
        self.check_unknown(request, {"q", "types", "limit", "lang"}, problems)
        raw_query = single(request, "q", problems)
        query = ""
        try:
            query = clean_query(raw_query)
        except InvalidQuery as error:
            problems["q"] = f"q: {error}"
        if not query and "q" not in problems:
            problems["q"] = "q is required: give the words to search for, e.g. q=peacekeeping."
        raw_types = single(request, "types", problems)
        types = list(TYPES)
        if raw_types is not None:
            types = name_list(raw_types, "types", set(TYPES), problems, "type") or types
        raw_limit = single(request, "limit", problems)
        per_type = 5
        if raw_limit is not None:
            per_type = whole_number(raw_limit, "limit", 1, MAX_PER_TYPE, problems)
        if problems:
            raise ParameterError(problems)
        groups, corrected = corrected_groups(
            query, per_group=per_type, only={TYPES[t][0] for t in types}
        )
        body = {
            "query": query,
            "corrected_query": corrected,
            "total": sum(g["count"] for g in groups),
            "best_match": None,
            "groups": [],
        }
        named = best_match(corrected or query, groups)
        if named is not None:
            type_name = GROUP_TYPES[named["group"]["key"]]
            body["best_match"] = {"type": type_name, **hit(request, type_name, named["item"])}
        for group in groups:
            type_name = GROUP_TYPES[group["key"]]
            list_view = TYPES[type_name][2]
            body["groups"].append(
                {
                    "type": type_name,
                    "label": group["label"],
                    "count": group["count"],
                    "count_exact": not group["approximate"],
                    "results_url": f"{list_address(request, list_view)}?q={quote(query, safe='')}",
                    "results": [
                        {**hit(request, type_name, item), "snippet": str(highlight(item.snippet))}
                        for item in group["items"]
                    ],
                }
            )
        self.last_modified = None
        return Response(body)
