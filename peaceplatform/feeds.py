"""RSS 2.0 and Atom feeds: latest reports and events, per topic, per member state,
and for any report search (the feed link on a results page carries its filters)."""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import markup
from core.listing.filtersets import form_errors
from core.translations import localized
from directory.models import Correction, MemberState, Topic
from events.models import Event
from operations.models import Operation
from reports.filters import ReportFilter
from reports.models import Recommendation, RecommendationUpdate, Report

FEED_SIZE = 30

# Feed readers show an item's description as HTML: staff's Markdown goes through the
# same renderer and sanitizer as the pages, and plain text is escaped.


# Characters XML 1.0 forbids: the C0 controls but tab, newline and carriage return.
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(value):
    """`value` without the characters XML 1.0 forbids (in strings, and in the strings of
    a list such as an item's categories); anything else as it is."""
    if isinstance(value, str):
        return XML_FORBIDDEN.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(part) for part in value)
    return value


class PlatformFeed(Feed):
    """Every feed of the site. Django's XML writer refuses a control character with an
    exception, so one vertical tab pasted into a title, or typed into a search, would
    make a feed answer 500: the feed's and its items' values are cleaned first."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = {key: xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed


def markdown_description(text: str) -> str:
    return str(markup.render(text))


def plain_description(text: str) -> str:
    """Markdown reduced to its text, still HTML-safe: for a channel's description."""
    return strip_tags(markup.render(text))


def as_datetime(day):
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


class ReportItems:
    """How a report reads as a feed item."""

    def item_title(self, item):
        symbols = " – ".join(s.symbol for s in item.symbols.all())
        title = localized(item, "title")
        return f"{title} ({symbols})" if symbols else title

    def item_description(self, item):
        return markdown_description(localized(item, "summary"))

    def item_pubdate(self, item):
        return as_datetime(item.published_on)

    def item_updateddate(self, item):
        return item.updated_at


def report_items(queryset):
    return queryset.prefetch_related("symbols")[:FEED_SIZE]


class LatestReportsFeed(ReportItems, PlatformFeed):
    title = _("Peace Operations Knowledge Platform: latest reports")
    description = _("Reports on UN peace operations, newest first.")

    def link(self):
        return reverse("reports:list")

    def items(self):
        return report_items(Report.objects.published().newest_first())


class LatestEventsFeed(PlatformFeed):
    title = _("Peace Operations Knowledge Platform: events")
    description = _("Events on UN peace operations, most recent first.")

    def link(self):
        return reverse("events:list")

    def items(self):
        return Event.objects.published().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return f"{localized(item, 'title')} ({formats.date_format(item.starts_on)})"

    def item_description(self, item):
        return markdown_description(localized(item, "summary"))

    def item_pubdate(self, item):
        return as_datetime(item.starts_on)


class TopicFeed(ReportItems, PlatformFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.published(), slug=slug)

    def title(self, topic):
        return gettext("Reports on %(name)s") % {"name": localized(topic, "name")}

    def description(self, topic):
        return plain_description(localized(topic, "description")) or (
            gettext("Reports on %(name)s, newest first.") % {"name": localized(topic, "name")}
        )

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        return report_items(Report.objects.published().linked_to("topic", topic).newest_first())


class MemberStateFeed(ReportItems, PlatformFeed):
    def get_object(self, request, slug):
        return get_object_or_404(MemberState, slug=slug)

    def title(self, state):
        return gettext("Reports concerning %(name)s") % {"name": state.short_name}

    def description(self, state):
        return gettext("Reports concerning %(name)s, newest first.") % {"name": state.name}

    def link(self, state):
        return state.get_absolute_url()

    def items(self, state):
        return report_items(
            Report.objects.published().linked_to("member_state", state).newest_first()
        )


class OperationFeed(ReportItems, PlatformFeed):
    """The reports that name a peace operation, newest first."""

    def get_object(self, request, slug):
        return get_object_or_404(Operation.objects.published(), slug=slug)

    def title(self, operation):
        return gettext("Reports concerning %(acronym)s") % {"acronym": operation.acronym}

    def description(self, operation):
        return gettext("Reports concerning the %(name)s, newest first.") % {
            "name": localized(operation, "name")
        }

    def link(self, operation):
        return operation.get_absolute_url()

    def items(self, operation):
        return report_items(operation.reports.published().newest_first())


class SearchFeed(ReportItems, PlatformFeed):
    """The reports a search finds, newest first, with the same filters as the page."""

    def get_object(self, request):
        filterset = ReportFilter(request.GET, queryset=Report.objects.published())
        if not filterset.is_valid():
            raise BadRequest(f"Some filters could not be used. {form_errors(filterset)}")
        self.request_query = request.GET.urlencode()
        return filterset

    def title(self, filterset):
        query = filterset.form.cleaned_data.get("q")
        if query:
            return gettext("Reports matching “%(query)s”") % {"query": query}
        return gettext("Reports matching your filters")

    def description(self, filterset):
        return gettext("New reports matching a search on the Peace Operations Knowledge Platform.")

    def link(self, filterset):
        return f"{reverse('reports:list')}?{self.request_query}"

    def items(self, filterset):
        return report_items(filterset.qs.order_by("-published_on", "-pk"))


class StatusChangeItems:
    """The tracker's feeds: one item per public implementation update, newest public
    first, so a subscriber hears of a status change when it is published."""

    feed_type = Atom1Feed

    def item_title(self, update):
        recommendation = update.recommendation
        return (
            f"{localized(recommendation.report, 'title')}, {recommendation.label}: "
            f"{update.get_implementation_status_display()} ({formats.date_format(update.dated)})"
        )

    def item_description(self, update):
        # Plain text, as on the recommendation's page.
        return escape(localized(update, "summary"))

    def item_link(self, update):
        return f"{update.recommendation.get_absolute_url()}#update-{update.pk}"

    def item_guid(self, update):
        return f"recommendation-update-{update.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, update):
        return update.publish_at

    def item_updateddate(self, update):
        return max(update.updated_at, update.publish_at)


def status_changes(**filters):
    return (
        RecommendationUpdate.objects.published()
        .filter(**filters)
        .select_related("recommendation__report")
        .order_by("-publish_at", "-id")[:FEED_SIZE]
    )


class RecommendationFeed(StatusChangeItems, PlatformFeed):
    def get_object(self, request, slug, label):
        return get_object_or_404(
            Recommendation.objects.published().select_related("report"),
            report__slug=slug,
            slug=label,
        )

    def title(self, recommendation):
        return gettext("Status of %(title)s, %(label)s") % {
            "title": localized(recommendation.report, "title"),
            "label": recommendation.label,
        }

    def subtitle(self, recommendation):
        return gettext("Implementation updates of “%(title)s”.") % {
            "title": localized(recommendation, "title")
        }

    def link(self, recommendation):
        return recommendation.get_absolute_url()

    def items(self, recommendation):
        return status_changes(recommendation=recommendation)


class ReportTrackerFeed(StatusChangeItems, PlatformFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Report.objects.published(), slug=slug)

    def title(self, report):
        return gettext("Status changes: %(title)s") % {"title": localized(report, "title")}

    def subtitle(self, report):
        return gettext("Implementation updates of the report's recommendations.")

    def link(self, report):
        return reverse("reports:tracker", kwargs={"slug": report.slug})

    def items(self, report):
        return status_changes(recommendation__report=report)


class TopicTrackerFeed(StatusChangeItems, PlatformFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.published(), slug=slug)

    def title(self, topic):
        return gettext("Status changes of recommendations on %(name)s") % {
            "name": localized(topic, "name")
        }

    def subtitle(self, topic):
        return gettext("Implementation updates of recommendations on %(name)s, across reports.") % {
            "name": localized(topic, "name")
        }

    def link(self, topic):
        return reverse("tracker:topic", kwargs={"slug": topic.slug})

    def items(self, topic):
        return status_changes(
            recommendation__in=Recommendation.topics.through.objects.filter(topic=topic).values(
                "recommendation_id"
            )
        )


class CorrectionsFeed(PlatformFeed):
    """Every public correction, newest first: what was wrong, on which item."""

    title = _("Peace Operations Knowledge Platform: corrections")
    description = _("Facts we published and then corrected, newest correction first.")

    def link(self):
        return reverse("corrections")

    def items(self):
        return Correction.objects.public().with_items()[:FEED_SIZE]

    def item_title(self, correction):
        return gettext("Corrected: %(item)s") % {"item": correction.item}

    def item_description(self, correction):
        return escape(correction.note)  # plain text, as on the item's page

    def item_link(self, correction):
        return f"{correction.item.get_absolute_url()}#correction-{correction.pk}"

    def item_guid(self, correction):
        return f"correction-{correction.pk}"

    def item_guid_is_permalink(self, correction):
        return False

    def item_pubdate(self, correction):
        return correction.corrected_at


def atom(feed_class):
    """The same feed in Atom 1.0."""
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )
