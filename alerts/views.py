"""Following a list by e-mail: sign up (the same answer whether or not the address is
known), confirm through the mailed link, stop with one click (RFC 8058) or from the
page that lists every subscription of the address. No page here is cached."""

from datetime import timedelta
from urllib.parse import parse_qsl

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import BadRequest
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import staff, tokens
from alerts.lists import LISTS, NotFollowable, describe, saved_search
from alerts.models import Rhythm, StaffPreference, Subscriber, Subscription
from alerts.tasks import send_confirmation
from core.caching import over_hourly_limit
from core.client import client_address
from core.publishing import workflow

# Confirmation mails one address may be sent in a day: enough to follow a few lists,
# too few for the form to flood someone else's inbox.
CONFIRMATIONS_PER_DAY = 5
# A lost confirmation mail may be asked for again, not more often than this.
CONFIRMATION_AGAIN_AFTER = timedelta(minutes=10)


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        max_length=254,
        help_text=gettext_lazy("Kept only while you follow something."),
    )
    rhythm = forms.ChoiceField(
        label=gettext_lazy("How often"),
        choices=Rhythm.choices,
        initial=Rhythm.DAILY,
        widget=forms.RadioSelect,
    )


def followed_list(data):
    name = data.get("list", "")
    if name not in LISTS:
        raise BadRequest(
            gettext(
                "Say which list to follow: list= one of %(lists)s (the Follow link of a list "
                "page gives it)."
            )
            % {"lists": ", ".join(LISTS)}
        )
    return LISTS[name]


# Sign-ups one client may send in an hour: a person follows a few lists; a script
# sending thousands is refused before anything is written or mailed.
SIGN_UPS_PER_HOUR = 20


def over_sign_up_limit(request) -> bool:
    return over_hourly_limit("alerts-sign-up", client_address(request), SIGN_UPS_PER_HOUR)


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request):
    data = request.GET if request.method == "GET" else request.POST
    followed = followed_list(data)
    try:
        query, filterset = saved_search(followed, data)
    except NotFollowable as reason:
        raise BadRequest(str(reason)) from None
    label = describe(followed, filterset)
    form = FollowForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "label": label,
        "list_name": followed.name,
        "query": query,
        "hidden_pairs": parse_qsl(query),
        "list_url": followed.url(query),
    }
    if request.method == "GET":
        return render(request, "alerts/follow.html", context)
    if not form.is_valid():
        return render(request, "alerts/follow.html", context, status=400)
    if over_sign_up_limit(request):
        return render(request, "alerts/too_many.html", context, status=429)
    sign_up(request, followed.name, query, label, form.cleaned_data)
    # The same answer whether the address is new, pending or following already.
    return render(request, "alerts/check_inbox.html", context)


def sign_up(request, list_name, query, label, data):
    email = data["email"].strip().lower()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email)
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            list_name=list_name,
            query=query,
            defaults={
                "label": label,
                "rhythm": data["rhythm"],
                "site": request.build_absolute_uri("/").rstrip("/"),
                "language": translation.get_language() or settings.LANGUAGE_CODE,
            },
        )
        if subscription.confirmed_at:
            return  # following already: nothing to confirm, nothing said
        if not created:
            # Asked again, perhaps from a page in another language: its mails follow.
            subscription.rhythm = data["rhythm"]
            subscription.language = translation.get_language() or settings.LANGUAGE_CODE
            subscription.save(update_fields=["rhythm", "language"])
        now = timezone.now()
        if subscription.confirmation_sent_at and (
            subscription.confirmation_sent_at > now - CONFIRMATION_AGAIN_AFTER
        ):
            return  # one was sent a moment ago: the same form sent twice sends one mail
        sent_today = Subscription.objects.filter(
            subscriber=subscriber, confirmation_sent_at__gte=now - timedelta(days=1)
        ).count()
        if sent_today < CONFIRMATIONS_PER_DAY:
            subscription.confirmation_sent_at = now
            subscription.save(update_fields=["confirmation_sent_at"])
            send_confirmation.defer(subscription_id=subscription.pk)


def subscription_from(token, salt, max_age=None):
    """The subscription a link names, or None: a link not ours, too old, or stopped."""
    content = tokens.read(token, salt, max_age=max_age)
    if not content:
        return None
    return Subscription.objects.select_related("subscriber").filter(pk=content["s"]).first()


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: a mail scanner that opens every link must
    not subscribe anyone."""
    subscription = subscription_from(token, "alerts.confirm", max_age=tokens.CONFIRM_DAYS * 86400)
    if subscription is None:
        return render(request, "alerts/invalid_link.html")
    if request.method == "POST" and not subscription.confirmed_at:
        with transaction.atomic():
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
            # Confirming shows the address works again: mail resumes.
            Subscriber.objects.filter(pk=subscription.subscriber_id).update(
                refusals=0, paused_reason=""
            )
    return render(
        request,
        "alerts/confirm.html",
        {
            "subscription": subscription,
            "manage_url": reverse(
                "alerts:manage", args=[tokens.manage_token(subscription.subscriber)]
            ),
        },
    )


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", no token
@never_cache
@require_http_methods(["GET", "POST"])
def stop(request, token):
    subscription = subscription_from(token, "alerts.stop")
    if request.method == "POST":
        if subscription:
            forget(subscription)
        return render(
            request, "alerts/stopped.html", {"label": subscription.label if subscription else None}
        )
    if not subscription:
        return render(request, "alerts/stopped.html", {"label": None})
    return render(request, "alerts/stop.html", {"subscription": subscription})


def forget(subscription):
    """The subscription, and the address with its last one."""
    with transaction.atomic():
        subscriber = subscription.subscriber
        subscription.delete()
        if not subscriber.subscriptions.exists():
            subscriber.delete()


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    content = tokens.read(token, "alerts.manage")
    subscriber = content and Subscriber.objects.filter(pk=content["a"], email=content["e"]).first()
    if not subscriber:
        return render(request, "alerts/stopped.html", {"label": None})
    if request.method == "POST":
        chosen = request.POST.get("stop", "")
        if chosen == "all":
            subscriber.delete()
            return render(request, "alerts/stopped.html", {"label": "everything"})
        subscription = subscriber.subscriptions.filter(
            pk=int(chosen) if chosen.isdigit() and len(chosen) < 12 else 0
        ).first()
        if subscription:
            forget(subscription)
        return redirect(request.path)
    subscriptions = [
        {
            "subscription": s,
            "list_url": LISTS[s.list_name].url(s.query) if s.list_name in LISTS else None,
        }
        for s in subscriber.subscriptions.order_by("created_at")
    ]
    return render(
        request, "alerts/manage.html", {"subscriber": subscriber, "subscriptions": subscriptions}
    )


class StaffPreferenceForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form sent without it (an older page) keeps the language chosen before.
        self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data["language"] or self.instance.language

    class Meta:
        model = StaffPreference
        fields = ["waiting_for_review", "my_items", "weekly_schedule", "language"]
        widgets = {
            "waiting_for_review": forms.RadioSelect,
            "my_items": forms.RadioSelect,
        }


def notification_preferences(request):
    """A staff member's choice of what the workflow tells them by e-mail (alerts/staff.py);
    reached through the admin, which checks the sign-in and its second factor."""
    user = request.user
    # Never chosen: the mails' language is first offered as the admin's.
    admin_language = translation.get_language()
    if admin_language not in dict(settings.LANGUAGES):
        admin_language = settings.LANGUAGE_CODE
    chosen = StaffPreference.objects.filter(user=user).first() or StaffPreference(
        user=user, language=admin_language
    )
    form = StaffPreferenceForm(request.POST or None, instance=chosen)
    publishes = any(workflow.can_publish(user, model) for model in staff.publishable_models())
    if not publishes:
        # Nothing to review and nothing scheduled to hear of: only their own items.
        del form.fields["waiting_for_review"], form.fields["weekly_schedule"]
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your notification choices are saved."))
        return redirect("notification-preferences")
    context = {
        **admin.site.each_context(request),
        "title": gettext("Your notifications"),
        "form": form,
        "email": user.email,
    }
    return TemplateResponse(request, "admin/notification_preferences.html", context)
