"""The baseline for bench/api.py: the API as DRF's tutorial would write it.

ModelViewSet, a ModelSerializer with default nested serializers (depth=1), DRF's
SearchFilter (icontains on title, summary and body) and LimitOffsetPagination. It is
measured in the same run as our API, on the same data, and is never served."""

from django.urls import include, path
from rest_framework import filters, pagination, routers, serializers, viewsets

from peaceplatform.urls import urlpatterns as platform_urlpatterns
from reports.models import Report


class NaiveReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Report
        exclude = ["search_vector", "search_symbols", "search_documents"]
        depth = 1


class NaiveReportViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Report.objects.published().order_by("-published_on", "-id")
    serializer_class = NaiveReportSerializer
    filter_backends = [filters.SearchFilter]
    search_fields = ["title", "summary", "body"]
    pagination_class = pagination.LimitOffsetPagination
    lookup_field = "slug"
    authentication_classes = []
    throttle_classes = []


router = routers.SimpleRouter()
router.register("reports", NaiveReportViewSet, basename="naive-report")

urlpatterns = [path("naive/", include(router.urls)), *platform_urlpatterns]
