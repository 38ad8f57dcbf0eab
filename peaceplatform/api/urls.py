"""The one API router: /api/v1/<plural>/ for every kind of published item."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from directory.api.views import (
    MemberStateViewSet,
    OrganizationViewSet,
    PersonViewSet,
    TopicViewSet,
)
from events.api.views import EventViewSet, ParticipationViewSet
from operations.api.views import ContributionViewSet, MandateViewSet, OperationViewSet
from peaceplatform.api.changes import ChangesViewSet
from peaceplatform.api.corrections import CorrectionViewSet
from peaceplatform.api.index import ApiIndex
from peaceplatform.api.search import SearchViewSet
from peaceplatform.api.webhooks import WebhookEndpointViewSet
from reports.api.views import RecommendationViewSet, ReportViewSet

router = SimpleRouter()
router.register("reports", ReportViewSet, basename="report")
router.register("recommendations", RecommendationViewSet, basename="recommendation")
router.register("events", EventViewSet, basename="event")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("member-states", MemberStateViewSet, basename="member-state")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("people", PersonViewSet, basename="person")
router.register("topics", TopicViewSet, basename="topic")
router.register("operations", OperationViewSet, basename="operation")
router.register("mandates", MandateViewSet, basename="mandate")
router.register("contributions", ContributionViewSet, basename="contribution")
router.register("corrections", CorrectionViewSet, basename="correction")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")

app_name = "api"

urlpatterns = [
    path("search/", SearchViewSet.as_view({"get": "list"}), name="search"),
    path("changes/", ChangesViewSet.as_view({"get": "list"}), name="changes"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", ApiIndex.as_view(), name="index"),
    path("", include(router.urls)),
]
