"""/api/v1/changes/: every change to what is public, in order, deletions included
(recorded by peaceplatform/changes.py), for partners who keep a mirror."""

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api.errors import ParameterError
from core.api.fields import address, list_address
from core.api.listing import name_list, single, whole_number
from core.api.mixins import ConditionalGetMixin, JSONErrorsMixin, QuotaHeadersMixin
from core.api.schema import name_list_schema
from peaceplatform.api.corrections import ITEM_TYPES
from peaceplatform.changes import TRACKED, pruned_through
from peaceplatform.models import Change, ChangeAction

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
# Cursors are ids; a trillion changes is far beyond any mirror's life (and the largest
# number the shared parameter check reads, core/api/listing.py).
MAX_CURSOR = 10**12 - 1
PARAMETERS = {"since", "limit", "type"}


# The two serializers describe the answer for the schema; list() writes it directly, as
# a page is a few plain fields per row.
class ChangeSerializer(serializers.Serializer):
    change = serializers.IntegerField(
        source="id", help_text="This change's place in the feed: the cursor after it."
    )
    action = serializers.ChoiceField(
        choices=ChangeAction.values,
        help_text="published: now public (new, or back); updated: changed while public; "
        "withdrawn: unpublished or archived; deleted: gone for good (unless restored, "
        "which comes as published).",
    )
    type = serializers.ChoiceField(choices=list(TRACKED))
    id = serializers.IntegerField(source="item_id")
    slug = serializers.CharField(help_text="The item's address when it was last public.")
    at = serializers.DateTimeField(help_text="When the change was recorded.")
    url = serializers.URLField(
        allow_null=True,
        help_text="The item in this API, to fetch it again; null when it is not public "
        "any more (withdrawn, deleted).",
    )


@extend_schema_serializer(many=False)
class ChangesPageSerializer(serializers.Serializer):
    since = serializers.IntegerField(help_text="The cursor this page starts after.")
    next = serializers.URLField(
        help_text="Ask this next: the changes after this page. When results is empty, it "
        "is this very address: poll it later."
    )
    more = serializers.BooleanField(help_text="True when more changes wait beyond this page.")
    latest = serializers.IntegerField(
        help_text="The newest change's cursor now: where a mirror built from the lists "
        "starts following the feed."
    )
    results = ChangeSerializer(many=True)


class ChangesViewSet(QuotaHeadersMixin, ConditionalGetMixin, JSONErrorsMixin, viewsets.ViewSet):
    """Every change to what is public, oldest first: each item that became public,
    changed while public, was unpublished or archived, or was deleted. Follow `next`
    from `since=0`, or from `latest` after copying the lists. Changes are recorded
    within a minute and kept CHANGES_KEEP_DAYS (a year by default); a cursor older than
    that answers 410."""

    renderer_classes = [JSONRenderer]
    serializer_class = ChangesPageSerializer

    @extend_schema(
        summary="Changes to what is public, with deletions",
        parameters=[
            OpenApiParameter(
                "since",
                {"type": "integer", "minimum": 0, "maximum": MAX_CURSOR},
                description="The cursor to start after: 0 for the beginning, or a "
                "change's `change`, or a page's `latest`. Default 0.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                description=f"Changes per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
            ),
            OpenApiParameter(
                "type",
                name_list_schema(TRACKED),
                description=f"Comma-separated, from {', '.join(TRACKED)}. Default: all.",
            ),
        ],
        responses={200: ChangesPageSerializer},
    )
    def list(self, request, *args, **kwargs):
        problems = {}
        for name in request.GET:
            if name not in PARAMETERS:
                problems[name] = (
                    f"{name[:40]} is not a parameter of this endpoint; "
                    f"the parameters are: {', '.join(sorted(PARAMETERS))}."
                )
        since, limit, types = 0, DEFAULT_LIMIT, None
        raw = single(request, "since", problems)
        if raw is not None:
            since = whole_number(raw, "since", 0, MAX_CURSOR, problems)
        raw = single(request, "limit", problems)
        if raw is not None:
            limit = whole_number(raw, "limit", 1, MAX_LIMIT, problems)
        raw = single(request, "type", problems)
        if raw is not None:
            types = name_list(raw, "type", set(TRACKED), problems, "type")
        if problems:
            raise ParameterError(problems)
        if since < pruned_through():
            raise CursorExpired(settings.CHANGES_KEEP_DAYS)

        changes = Change.objects.filter(id__gt=since).order_by("id")
        if types:
            changes = changes.filter(type__in=types)
        rows = list(changes[: limit + 1])
        more, rows = len(rows) > limit, rows[:limit]
        latest = Change.objects.order_by("-id").values_list("id", flat=True).first() or 0
        after = rows[-1].id if rows else since
        query = f"since={after}&limit={limit}" + (f"&type={','.join(types)}" if types else "")
        body = {
            "since": since,
            "next": f"{list_address(request, 'api:changes')}?{query}",
            "more": more,
            "latest": latest,
            "results": [
                {
                    "change": row.id,
                    "action": row.action,
                    "type": row.type,
                    "id": row.item_id,
                    "slug": row.slug,
                    "at": serializers.DateTimeField().to_representation(row.at),
                    "url": item_address(request, row),
                }
                for row in rows
            ],
        }
        return Response(body)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code in (200, 304):
            # Always asked again (with If-None-Match): a shared cache must not hide a
            # change recorded a moment later.
            response["Cache-Control"] = "no-cache"
        return response


def item_address(request, change) -> str | None:
    """Where to fetch the item again: only while it is public. A later change in the
    feed says when it stopped; fetching an address from an older change may answer 404."""
    if change.action in (ChangeAction.WITHDRAWN, ChangeAction.DELETED):
        return None
    _label, api_view, key = ITEM_TYPES[change.type]
    return address(request, api_view, change.item_id if key == "pk" else change.slug, kwarg=key)


class CursorExpired(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_code = "cursor_expired"

    def __init__(self, keep_days: int):
        super().__init__(
            f"Changes are kept for {keep_days} days and this cursor is older: some changes "
            "after it are gone. Copy the lists again (cursor=* on each), then follow this "
            "feed from the `latest` it gives."
        )
