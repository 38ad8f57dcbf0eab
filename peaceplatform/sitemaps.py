from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps_views
from django.core.exceptions import BadRequest
from django.db.models import Max
from django.urls import reverse
from django.views.decorators.http import require_safe

from directory.models import MemberState, Organization, Person, Topic
from events.models import Event
from operations.models import Operation
from reports.models import Recommendation, Report


class PublishedSitemap(Sitemap):
    """One section of the sitemap: /sitemap.xml is an index of the sections' pages
    (`django.contrib.sitemaps.views.index`). At 100,000 reports one sitemap of every
    address took 20 s, and held more than the protocol's 50,000 addresses a file."""

    model = None
    limit = 2_000  # addresses per page of a section: about 0.3 s to build here
    columns = None  # what an address and its date need, for the large tables

    def items(self):
        items = self.model.objects.published().order_by("pk")
        return items.only(*self.columns) if self.columns else items

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's would call lastmod() on every item of the section, for the index.
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ReportSitemap(PublishedSitemap):
    model = Report
    columns = ("slug", "updated_at")
    priority = 0.8


class EventSitemap(PublishedSitemap):
    model = Event
    columns = ("slug", "updated_at")


class PersonSitemap(PublishedSitemap):
    model = Person


class OrganizationSitemap(PublishedSitemap):
    model = Organization


class TopicSitemap(PublishedSitemap):
    model = Topic


class OperationSitemap(PublishedSitemap):
    model = Operation


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
            "operations:list",
            "directory:member_state_list",
            "directory:topic_list",
            "methodology",
            "corrections",
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
    "operations": OperationSitemap,
}


@require_safe
def section(request, section):
    """One page of one section of the sitemap. Django's view answers a page number
    that is not a number with a 404; it is a malformed request, and says so."""
    page = request.GET.get("p", "1")
    if not page.isascii() or not page.isdigit() or int(page) < 1:
        raise BadRequest("p must be a page number: 1, 2, 3 … (as the index at /sitemap.xml lists).")
    return sitemaps_views.sitemap(request, sitemaps=SITEMAPS, section=section)
