"""Staff accounts: a second factor at the admin sign-in, and sessions that end.

- **Second factor.** After the password, staff give a time-based one-time code from an
  authenticator app (TOTP, RFC 6238, through django-otp), or one of ten recovery
  codes, each good once. Publishers and Administrators (and superusers) must set one
  up at their first sign-in; Editors may, and must when
  DJANGO_SECOND_FACTOR_FOR_ALL_STAFF is on. Until a session has given its code,
  nothing under /admin/ opens but the sign-in pages themselves.
- **Sessions end.** A staff session ends after DJANGO_STAFF_IDLE_MINUTES without a
  request (default 120) and DJANGO_STAFF_SESSION_HOURS after signing in (default 12),
  whatever happens in between.

A lost phone: an Administrator deletes the person's devices under "OTP_TOTP" and
"OTP_STATIC" in the admin; the next sign-in asks them to set up a new one.
"""

import math
import time
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy, ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from peaceplatform import roles

SIGNED_IN_AT = "staff_signed_in_at"
SEEN_AT = "staff_seen_at"
# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION = 60
RECOVERY_CODES = 10

# Pages a session reaches before its second factor: signing in and out, the reset
# of a forgotten password, and the second factor's own pages.
OPEN_BEFORE_SECOND_FACTOR = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/reset/",
    "/admin/second-factor/",
)


def needs_second_factor(user) -> bool:
    return (
        settings.SECOND_FACTOR_FOR_ALL_STAFF
        or user.is_superuser
        or user.groups.filter(name__in=(roles.PUBLISHER, roles.ADMINISTRATOR)).exists()
    )


def totp_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def staff_access(request) -> bool:
    """A signed-in staff member who has passed the admin's door: the second factor
    given, or not needed. What drafts (documents, previews) are shown to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return False
    if user.is_verified():
        return True
    return not needs_second_factor(user) and totp_device(user) is None


@receiver(user_logged_in)
def start_staff_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


class StaffSessionMiddleware:
    """After OTPMiddleware: ends staff sessions that are idle or too old, keeps the
    admin shut until the session has given its second factor, and sets
    ``request.staff_access`` (see staff_access)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # What drafts' documents are shown to, read by views below the project
        # (reports.views) without importing it; asked only when a view needs it.
        request.staff_access = SimpleLazyObject(lambda: staff_access(request))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            expired = self.expired(request)
            if expired:
                logout(request)
                messages.info(request, expired)
            elif request.path_info.startswith("/admin/") and not request.path_info.startswith(
                OPEN_BEFORE_SECOND_FACTOR
            ):
                gate = self.second_factor_gate(request, user)
                if gate is not None:
                    return gate
        return self.get_response(request)

    @staticmethod
    def expired(request) -> str | None:
        session = request.session
        now = time.time()
        started = session.setdefault(SIGNED_IN_AT, now)
        seen = session.get(SEEN_AT, now)
        if now - seen > settings.STAFF_IDLE_MINUTES * 60:
            return gettext(
                "You were signed out after %(minutes)s minutes without activity. Sign in "
                "again to go on."
            ) % {"minutes": settings.STAFF_IDLE_MINUTES}
        if now - started > settings.STAFF_SESSION_HOURS * 3600:
            return gettext(
                "You were signed out %(hours)s hours after signing in. Sign in again to go on."
            ) % {"hours": settings.STAFF_SESSION_HOURS}
        if now - seen > SEEN_RESOLUTION or SEEN_AT not in session:
            session[SEEN_AT] = now
        return None

    @staticmethod
    def second_factor_gate(request, user):
        if user.is_verified():
            return None
        if totp_device(user) is not None:
            return redirect_with_next("second-factor", request)
        if needs_second_factor(user):
            return redirect_with_next("second-factor-setup", request)
        return None


def redirect_with_next(name, request):
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def next_address(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and wanted.startswith("/admin/"):
        return wanted
    return reverse("admin:index")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def page(request, template, context):
    from django.contrib import admin

    response = TemplateResponse(
        request,
        template,
        {**admin.site.each_context(request), "next": next_address(request), **context},
    )
    patch_cache_control(response, no_store=True, private=True)
    return response


def staff_only(request):
    user = request.user
    return user.is_authenticated and user.is_staff


def must_wait(devices) -> str | None:
    """The error to show while wrong codes have a device throttled (django-otp waits
    1, 2, 4 … seconds after each wrong code in a row), rather than "wrong code"
    for a right one given too soon."""
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            seconds = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
            return ngettext(
                "Too many wrong codes in a row: wait %(seconds)s second before the next try.",
                "Too many wrong codes in a row: wait %(seconds)s seconds before the next try.",
                seconds,
            ) % {"seconds": seconds}
    return None


def verify_view(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    if not staff_only(request):
        return redirect_with_next("admin:login", request)
    if request.user.is_verified():
        return HttpResponseRedirect(next_address(request))
    device = totp_device(request.user)
    if device is None:
        return redirect_with_next("second-factor-setup", request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "")
        candidates = (
            [device]
            if code.isdigit()
            else list(StaticDevice.objects.filter(user=request.user, confirmed=True))
        )
        wait = must_wait(candidates)
        if wait:
            form.add_error("code", wait)
            return page(
                request, "admin/second_factor.html", {"title": gettext("Second step"), "form": form}
            )
        for candidate in candidates:
            matched = django_otp.verify_token(request.user, candidate.persistent_id, code)
            if matched is not None:
                django_otp.login(request, matched)
                request.session.cycle_key()
                if isinstance(matched, StaticDevice):
                    left = matched.token_set.count()
                    messages.warning(
                        request,
                        gettext(
                            "You signed in with a recovery code; %(left)s left. Set up new "
                            "ones on the second-factor page if you are running out."
                        )
                        % {"left": left},
                    )
                return HttpResponseRedirect(next_address(request))
        form.add_error(
            "code",
            gettext(
                "That code did not work. Give the current six-digit code from your app (codes "
                "change every 30 seconds), or one of your recovery codes. After several wrong "
                "codes you must wait a little before the next try."
            ),
        )
    return page(
        request, "admin/second_factor.html", {"title": gettext("Second step"), "form": form}
    )


def setup_view(request):
    """Set up the authenticator app: scan the code (or type the key), confirm with a
    first code, and receive the recovery codes, shown once."""
    if not staff_only(request):
        return redirect_with_next("admin:login", request)
    user = request.user
    if totp_device(user) is not None and not user.is_verified():
        return redirect_with_next("second-factor", request)
    # The key being set up lives in an unconfirmed device until a code confirms it.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, confirmed=False, name="Authenticator app")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "")
        wait = must_wait([device])
        if wait:
            form.add_error("code", wait)
        elif device.verify_token(code):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save()
                codes = replace_recovery_codes(user)
            django_otp.login(request, device)
            request.session.cycle_key()
            return page(
                request,
                "admin/second_factor_codes.html",
                {"title": gettext("Your recovery codes"), "codes": codes},
            )
        else:
            form.add_error(
                "code",
                gettext(
                    "That code did not match. Check that your phone's clock is right, and "
                    "give the code the app shows now."
                ),
            )
    qr = segno.make(device.config_url, error="m")
    context = {
        "title": gettext("Set up your second factor"),
        "form": form,
        "qr": qr.svg_data_uri(scale=4, border=2),
        "secret": device_secret(device),
        "required": needs_second_factor(user),
    }
    return page(request, "admin/second_factor_setup.html", context)


def device_secret(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def recovery_codes_view(request):
    """New recovery codes, for a session that has given its second factor."""
    if not staff_only(request):
        return redirect_with_next("admin:login", request)
    if not request.user.is_verified():
        return redirect_with_next("second-factor", request)
    if request.method == "POST":
        codes = replace_recovery_codes(request.user)
        return page(
            request,
            "admin/second_factor_codes.html",
            {"title": gettext("Your new recovery codes"), "codes": codes},
        )
    return redirect("admin:index")
