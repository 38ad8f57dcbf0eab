"""Partner keys: `Authorization: Api-Key <key>` identifies a partner, whose quota
and allowed browser origins then apply. No key is needed to read."""

from contextlib import suppress

from corsheaders.signals import check_request_enabled
from django.contrib.auth.models import AnonymousUser
from django.dispatch import receiver
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from peaceplatform.api.quota import count_failed_authentication
from peaceplatform.models import PartnerKey

KEYWORD = "Api-Key"


def key_from(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    keyword, _space, key = header.partition(" ")
    if keyword.lower() != KEYWORD.lower() or not key.strip():
        raise exceptions.AuthenticationFailed(
            "Send your key as `Authorization: Api-Key <key>`, or no Authorization "
            "header at all to read without a key."
        )
    return key.strip()


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Checked on every request, against the database: revoking a key in the admin
    takes effect on the very next call."""

    def authenticate(self, request):
        try:
            key = key_from(request)
        except exceptions.AuthenticationFailed:
            count_failed_authentication(request)
            raise
        if key is None:
            return None
        partner_key = None
        if "\x00" not in key and len(key) <= 200:
            with suppress(PartnerKey.DoesNotExist):
                partner_key = PartnerKey.objects.get_from_key(key)
        if partner_key is None or partner_key.has_expired:
            count_failed_authentication(request)
            raise exceptions.AuthenticationFailed(
                "This API key has expired."
                if partner_key is not None
                else "This API key is not valid or has been revoked. Check it, or ask the "
                "platform team for a new one; reads without a key still work."
            )
        origin = request.META.get("HTTP_ORIGIN")
        if origin and origin not in partner_key.allowed_origins:
            raise exceptions.PermissionDenied(
                f"This key does not allow calls from the origin {origin[:100]}. Add the "
                "origin to the key's allowed origins, or call without the key."
            )
        return AnonymousUser(), partner_key

    def authenticate_header(self, request):
        return KEYWORD


@receiver(check_request_enabled)
def cors_allowed(sender, request, **kwargs):
    """Which browser origins may call the API. Anonymous reads: any origin. A preflight
    for a keyed call (it asks to send Authorization) carries no key, so it is allowed
    from the origins some usable key lists; the key itself is checked on the call."""
    if not request.path_info.startswith("/api/v1/"):
        return False
    origin = request.headers.get("origin", "")
    requested = request.headers.get("access-control-request-headers", "").lower()
    is_preflight = request.method == "OPTIONS" and "access-control-request-method" in (
        request.headers
    )
    if is_preflight and "authorization" in requested:
        return PartnerKey.objects.allowing_origin(origin).exists()
    return True


class ApiKeySchema(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "ApiKey"
    # A key is optional: without one, reads are allowed at the anonymous rate.
    optional = True

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Send `Authorization: Api-Key <key>`. Without a key, reads are "
            "allowed at a modest rate per client address.",
        }
