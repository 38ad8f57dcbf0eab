"""What visitors follow, for staff: the lists and searches and how many follow each.
The addresses are personal data: only Administrators see them."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from alerts.models import Subscription


def may_see_addresses(user) -> bool:
    return user.is_superuser or user.groups.filter(name="Administrator").exists()


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["label", "list_name", "rhythm", "confirmed", "created_at"]
    list_filter = ["list_name", "rhythm", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["label"]
    date_hierarchy = "created_at"

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return [*shown, "address"] if may_see_addresses(request.user) else shown

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return [*fields, "subscriber__email"] if may_see_addresses(request.user) else fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscriber")

    def get_fields(self, request, obj=None):
        fields = ["label", "list_name", "query", "rhythm", "confirmed_at", "last_sent_at"]
        return [*fields, "address"] if may_see_addresses(request.user) else fields

    readonly_fields = ["label", "list_name", "query", "rhythm", "confirmed_at", "last_sent_at",
                       "address"]  # fmt: skip

    @admin.display(boolean=True, description=_("confirmed"), ordering="confirmed_at")
    def confirmed(self, subscription):
        return subscription.confirmed_at is not None

    @admin.display(description=_("address"))
    def address(self, subscription):
        return subscription.subscriber.email

    def has_add_permission(self, request):
        return False  # visitors sign up themselves, and confirm

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # Counts per list and rhythm, above the rows: what staff need, no address in it.
        totals = (
            Subscription.objects.filter(confirmed_at__isnull=False)
            .values("list_name", "rhythm")
            .annotate(followers=Count("pk"))
            .order_by("list_name", "rhythm")
        )
        extra_context = {**(extra_context or {}), "totals": list(totals)}
        return super().changelist_view(request, extra_context)
