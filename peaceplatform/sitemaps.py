from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from directory.models import MemberState, Organization, Person, Topic
from events.models import Event
from reports.models import Recommendation, Report


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ReportSitemap(PublishedSitemap):
    model = Report
    priority = 0.8


class EventSitemap(PublishedSitemap):
    model = Event


class PersonSitemap(PublishedSitemap):
    model = Person


class OrganizationSitemap(PublishedSitemap):
    model = Organization


class TopicSitemap(PublishedSitemap):
    model = Topic


class MemberStateSitemap(PublishedSitemap):
    model = MemberState


class RecommendationSitemap(PublishedSitemap):
    """Each recommendation's permalink (public with its report)."""

    model = Recommendation

    def items(self):
        return super().items().select_related("report")


class PageSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return [
            "home",
            "reports:list",
            "tracker:list",
            "events:list",
            "directory:member_state_list",
            "directory:topic_list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "reports": ReportSitemap,
    "recommendations": RecommendationSitemap,
    "events": EventSitemap,
    "member-states": MemberStateSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "topics": TopicSitemap,
}
