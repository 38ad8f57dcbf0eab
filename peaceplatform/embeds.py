"""Embeds: small pages a partner site shows in an iframe (the latest reports on a topic
or concerning a member state, a recommendation's status, a report's tracker chart),
and the oEmbed endpoint that hands out their iframe.

Light HTML, our own stylesheet, no JavaScript. Framing is refused by default, as on
every page (CSP `frame-ancestors 'none'`, X-Frame-Options DENY); an embed asked for
with `?partner=<key prefix>` may be framed by the origins that partner key lists, and
by nothing else. The prefix is the public half of a key: it names the partner and
grants nothing but the framing its owner registered.
"""

import re
from urllib.parse import urlencode, urlsplit

from csp.constants import NONE
from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from directory.models import MemberState, Topic
from peaceplatform.models import PartnerKey
from reports.models import Recommendation, Report
from reports.tracker import progress
from reports.views import tracked_recommendations

EMBED_REPORTS = 5
# The iframe oEmbed hands out, per kind of embed: tall enough for what each shows.
EMBED_HEIGHTS = {"reports": 420, "recommendation": 220, "tracker": 620}
EMBED_WIDTH = 480
PREFIX = re.compile(r"[A-Za-z0-9]{1,16}")
PROVIDER = "Peace Operations Knowledge Platform"


def on_topic(topic) -> str:
    return f"Latest reports on {topic.name}"


def concerning(state) -> str:
    return f"Latest reports concerning {state.short_name}"


def framing_origins(request) -> list[str]:
    """The origins allowed to frame this answer: those of the usable partner key whose
    prefix `partner` gives; none without one (or for a revoked or unknown key)."""
    prefix = request.GET.get("partner")
    if prefix is None:
        return []
    if not PREFIX.fullmatch(prefix):
        raise BadRequest(
            "partner must be the prefix of a partner API key (the letters and digits "
            "before its dot), as the API guide's embed snippet shows."
        )
    keys = PartnerKey.objects.usable().filter(prefix=prefix)
    return keys.values_list("allowed_origins", flat=True).first() or []


def embed(request, template: str, context: dict):
    origins = framing_origins(request)
    response = render(request, f"embeds/{template}", context)
    # django-csp writes the policy with this directive replaced.
    response._csp_replace = {"frame-ancestors": origins or [NONE]}
    response.xframe_options_exempt = bool(origins)
    return response


def latest_reports(request, heading: str, key: str, row, filter_value: str):
    """The newest published reports linked to `row` (a topic, a member state) through
    the facet key `key`, and the address of the report list filtered the same way."""
    reports = Report.objects.published().linked_to(key, row).for_listing().newest_first()
    return embed(
        request,
        "reports.html",
        {
            "heading": heading,
            "reports": reports[:EMBED_REPORTS],
            "more": f"{reverse('reports:list')}?{urlencode({key: filter_value})}",
        },
    )


@require_safe
def topic_reports(request, slug):
    topic = get_object_or_404(Topic.objects.published(), slug=slug)
    return latest_reports(request, on_topic(topic), "topic", topic, topic.slug)


@require_safe
def member_state_reports(request, slug):
    state = get_object_or_404(MemberState, slug=slug)
    return latest_reports(request, concerning(state), "member_state", state, state.iso3)


@require_safe
def recommendation_status(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.published().with_current_status().select_related("report"),
        pk=pk,
    )
    return embed(
        request,
        "recommendation.html",
        {"recommendation": recommendation},
    )


@require_safe
def report_tracker(request, slug):
    report = get_object_or_404(Report.objects.published(), slug=slug)
    figures = progress(tracked_recommendations().filter(report=report))
    return embed(
        request,
        "tracker.html",
        {"report": report, "progress": figures},
    )


def embed_for(path: str):
    """(embed address, title, kind) for a public page's path that has an embed, or
    None: a topic or member state (their latest reports), a recommendation, a report's
    tracker."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    kwargs = match.kwargs
    if name == "directory:topic_detail":
        topic = Topic.objects.published().filter(slug=kwargs["slug"]).first()
        if topic:
            address = reverse("embed_topic_reports", args=[topic.slug])
            return address, on_topic(topic), "reports"
    elif name == "directory:member_state_detail":
        state = MemberState.objects.filter(slug=kwargs["slug"]).first()
        if state:
            address = reverse("embed_member_state_reports", args=[state.slug])
            return address, concerning(state), "reports"
    elif name == "reports:recommendation":
        recommendation = (
            Recommendation.objects.published()
            .filter(report__slug=kwargs["slug"], slug=kwargs["label"])
            .select_related("report")
            .first()
        )
        if recommendation:
            address = reverse("embed_recommendation", args=[recommendation.pk])
            title = f"{recommendation.report.title}: {recommendation.label}"
            return address, title, "recommendation"
    elif name == "reports:tracker":
        report = Report.objects.published().filter(slug=kwargs["slug"]).first()
        if report:
            address = reverse("embed_report_tracker", args=[report.slug])
            return address, f"What became of the recommendations of {report.title}", "tracker"
    return None


def oembed_error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


@require_safe
def oembed(request):
    """oEmbed 1.0 (https://oembed.com/): the iframe for a page that has an embed.
    `url` (required), `maxwidth`, `maxheight`, `format` (json only), `partner`. Errors
    answer in JSON, with the status codes the specification names."""
    url = request.GET.get("url", "")
    if not url or "\x00" in url or len(url) > 2000:
        return oembed_error(400, "url is needed: the address of a page of this site.")
    if request.GET.get("format", "json") != "json":
        return oembed_error(501, "Only format=json is offered.")
    sizes = {}
    for name in ("maxwidth", "maxheight"):
        raw = request.GET.get(name)
        if raw is not None and not (raw.isascii() and raw.isdigit() and 0 < int(raw) < 10_000):
            return oembed_error(400, f"{name} must be a whole number of pixels, 1 to 9999.")
        sizes[name] = int(raw) if raw is not None else None
    partner = request.GET.get("partner")
    if partner is not None and not PREFIX.fullmatch(partner):
        return oembed_error(400, "partner must be the prefix of a partner API key.")
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.get_host():
        return oembed_error(404, "That page is not on this site.")
    found = embed_for(parts.path or "/")
    if found is None:
        return oembed_error(
            404,
            "That page has no embed: topics, member states, "
            "recommendations and report trackers have one.",
        )
    address, title, kind = found
    if partner is not None:
        address += "?" + urlencode({"partner": partner})
    width = min(EMBED_WIDTH, sizes["maxwidth"] or EMBED_WIDTH)
    height = min(EMBED_HEIGHTS[kind], sizes["maxheight"] or EMBED_HEIGHTS[kind])
    src = request.build_absolute_uri(address)
    html = (
        f'<iframe src="{escape(src)}" width="{width}" height="{height}" '
        f'title="{escape(title)}" loading="lazy" style="border:0"></iframe>'
    )
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "provider_name": PROVIDER,
            "provider_url": request.build_absolute_uri("/"),
            "title": title,
            "html": html,
            "width": width,
            "height": height,
        }
    )
