"""/api/v1/webhooks/: a partner manages its own webhook endpoints with its key (the
admin manages everyone's). Each key sees and changes only its own; the secret is
shown once, when the endpoint is made. Deliveries work as for endpoints made in the
admin (peaceplatform/webhooks.py)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api.mixins import JSONErrorsMixin, QuotaHeadersMixin
from core.api.posted import FlatJSONParser
from peaceplatform import webhooks
from peaceplatform.changes import TRACKED
from peaceplatform.models import ChangeAction, PartnerKey, WebhookDelivery, WebhookEndpoint

# Enough for a partner's production, staging and a spare; more is a mistake or abuse,
# each endpoint being sent every change.
MAX_ENDPOINTS_PER_KEY = 5
RECENT_DELIVERIES = 50


class HasPartnerKey(permissions.BasePermission):
    message = "Managing webhooks needs your partner key: send `Authorization: Api-Key <key>`."

    def has_permission(self, request, view):
        if isinstance(request.auth, PartnerKey):
            return True
        # No key at all: 401, which tells the client to authenticate, not 403.
        raise exceptions.NotAuthenticated(self.message)


class WebhookEndpointSerializer(serializers.ModelSerializer):
    types = serializers.ListField(
        child=serializers.ChoiceField(choices=list(TRACKED)),
        required=False,
        allow_empty=True,
        max_length=len(TRACKED),
        help_text="Kinds of item to be told of; empty or left out: all of them.",
    )
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=ChangeAction.values),
        required=False,
        allow_empty=True,
        max_length=len(ChangeAction.values),
        help_text="Changes to be told of; empty or left out: all of them.",
    )
    active = serializers.BooleanField(
        required=False,
        help_text="false pauses deliveries; true again sends what waited, in order.",
    )
    waiting = serializers.SerializerMethodField(help_text="Events not delivered yet.")

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "types", "actions", "active", "disabled_reason", "created_at",
                  "waiting"]  # fmt: skip
        read_only_fields = ["id", "disabled_reason", "created_at"]
        extra_kwargs = {
            "url": {
                "help_text": "Where the events are POSTed: https, on your own server, "
                "reachable from the internet."
            },
            "disabled_reason": {
                "help_text": "Why deliveries were paused after failing for three days; "
                "empty while active."
            },
        }

    def get_waiting(self, endpoint) -> int:
        return endpoint.deliveries.filter(delivered_at=None).count()

    def validate_url(self, url):
        try:
            webhooks.check_destination(url)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return url

    def validate_types(self, types):
        return sorted(set(types))

    def validate_actions(self, actions):
        return sorted(set(actions))


class NewWebhookEndpointSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Verify each event's signature with it (Standard Webhooks). Shown only "
        "now: keep it. Lost, delete the endpoint and make another.",
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    webhook_id = serializers.CharField(source="message_id", help_text="The webhook-id header.")

    class Meta:
        model = WebhookDelivery
        fields = ["webhook_id", "event", "created_at", "attempts", "last_attempt_at",
                  "last_status", "last_response", "delivered_at"]  # fmt: skip


@extend_schema_view(
    list=extend_schema(summary="Your webhook endpoints"),
    retrieve=extend_schema(summary="One of your webhook endpoints"),
    create=extend_schema(
        summary="Add a webhook endpoint",
        request=WebhookEndpointSerializer,
        responses={201: NewWebhookEndpointSerializer},
    ),
    partial_update=extend_schema(summary="Change a webhook endpoint, pause or resume it"),
    destroy=extend_schema(summary="Remove a webhook endpoint and its deliveries"),
)
class WebhookEndpointViewSet(
    QuotaHeadersMixin,
    JSONErrorsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your key's webhook endpoints: each is told of every change to what is public
    that it asks for, signed, in order, with retries for three days (see the guide)."""

    serializer_class = WebhookEndpointSerializer
    permission_classes = [HasPartnerKey]
    renderer_classes = [JSONRenderer]
    parser_classes = [FlatJSONParser]
    pagination_class = None  # a handful per key (MAX_ENDPOINTS_PER_KEY)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = "[0-9]{1,12}"

    def get_queryset(self):
        return WebhookEndpoint.objects.filter(key=self.request.auth).order_by("id")

    def get_serializer_class(self):
        return (
            NewWebhookEndpointSerializer
            if self.action == "create"
            else super().get_serializer_class()
        )

    def perform_create(self, serializer):
        with transaction.atomic():
            # The key's row, locked: two requests at once cannot both pass the limit.
            key = PartnerKey.objects.select_for_update().get(pk=self.request.auth.pk)
            if key.webhooks.count() >= MAX_ENDPOINTS_PER_KEY:
                raise serializers.ValidationError(
                    {"url": f"A key may have {MAX_ENDPOINTS_PER_KEY} endpoints; remove one first."}
                )
            serializer.save(key=key)

    def perform_update(self, serializer):
        endpoint = serializer.save()
        if endpoint.active and endpoint.disabled_reason:
            endpoint.disabled_reason = ""
            endpoint.save(update_fields=["disabled_reason"])
        if endpoint.active:
            webhooks.resume(endpoint)

    @extend_schema(
        summary="Send a test event",
        request=None,
        responses={202: DeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    def test(self, request, pk=None):
        delivery = webhooks.send_test_event(self.get_object())
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="The endpoint's newest deliveries",
        responses={200: DeliverySerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        rows = self.get_object().deliveries.order_by("-id")[:RECENT_DELIVERIES]
        return Response(DeliverySerializer(rows, many=True).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # One partner's endpoints: no shared cache may keep them.
        response["Cache-Control"] = "private, no-store"
        return response
