"""/api/v1/ itself: where everything is, for a partner who starts at the top."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import ParameterError

ENDPOINTS = [
    ("reports", "api:report-list"),
    ("recommendations", "api:recommendation-list"),
    ("events", "api:event-list"),
    ("participations", "api:participation-list"),
    ("member_states", "api:member-state-list"),
    ("organizations", "api:organization-list"),
    ("people", "api:person-list"),
    ("topics", "api:topic-list"),
    ("operations", "api:operation-list"),
    ("mandates", "api:mandate-list"),
    ("contributions", "api:contribution-list"),
    ("corrections", "api:correction-list"),
    ("search", "api:search"),
    ("changes", "api:changes"),
]


class ApiIndex(APIView):
    @extend_schema(exclude=True)
    def get(self, request):
        unknown = sorted(request.GET)
        if unknown:
            raise ParameterError(
                {
                    name: "The index takes no parameters; send them to an endpoint."
                    for name in unknown
                }
            )
        absolute = request.build_absolute_uri
        return Response(
            {
                "guide": absolute(reverse("api_guide")),
                "schema": absolute(reverse("api:schema")),
                "docs": absolute(reverse("api:docs")),
                "endpoints": {name: absolute(reverse(route)) for name, route in ENDPOINTS},
            }
        )
