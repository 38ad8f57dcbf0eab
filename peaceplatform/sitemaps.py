import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps_views
from django.core.exceptions import BadRequest
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from core.translations import hreflang
from directory.models import MemberState, Organization, Person, Topic
from events.models import Event
from operations.models import Operation
from peaceplatform.languages import url_prefix
from reports.models import Recommendation, Report


class InLanguage:
    """A section's addresses in one language (`language`), each listing the page in
    every language as an alternate (xhtml:link hreflang, and x-default: English).

    One section per language, rather than Django's `i18n = True`: that builds the list
    of every (item, language) pair of a section before taking one page of it, which at
    a million reports is six million pairs for each page asked for."""

    language = settings.LANGUAGE_CODE

    def _urls(self, page, protocol, domain):
        with translation.override(self.language):
            urls = super()._urls(page, protocol, domain)
        own = url_prefix(self.language)
        for url in urls:
            address = urlsplit(url["location"])
            path = address.path
            if self.language != settings.LANGUAGE_CODE:
                path = path.removeprefix(f"/{own}")
            origin = f"{address.scheme}://{address.netloc}"
            url["alternates"] = [
                {"lang_code": hreflang(code), "location": origin + _prefixed(code, path)}
                for code, _name in settings.LANGUAGES
            ] + [{"lang_code": "x-default", "location": origin + path}]
        return urls


def _prefixed(code: str, path: str) -> str:
    return path if code == settings.LANGUAGE_CODE else f"/{url_prefix(code)}{path}"


class PublishedSitemap(InLanguage, Sitemap):
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


class PageSitemap(InLanguage, Sitemap):
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


SECTIONS = {
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


def in_language(section: type[Sitemap], language: str) -> type[Sitemap]:
    return type(f"{section.__name__}_{language}", (section,), {"language": language})


# English under the sections' names as they always were (/sitemap-reports.xml), the
# other languages after them (/sitemap-reports-fr.xml, /sitemap-reports-zh.xml).
SITEMAPS = {
    (name if code == settings.LANGUAGE_CODE else f"{name}-{url_prefix(code)}"): (
        section if code == settings.LANGUAGE_CODE else in_language(section, code)
    )
    for name, section in SECTIONS.items()
    for code, _name in sorted(settings.LANGUAGES, key=lambda pair: pair[0] != "en")
}


@require_safe
def index(request):
    """/sitemap.xml: Django's index of the English sections, each followed by the same
    pages in the other languages (a translated section has the English one's pages and
    latest change: worked out once, not six times)."""
    response = sitemaps_views.index(request, sitemaps=SECTIONS, sitemap_url_name="sitemap_section")
    items = []
    for item in response.context_data["sitemaps"]:
        items.append(item)
        name = SECTION_IN_ADDRESS.search(item.location).group(1)
        for code, _name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE:
                location = item.location.replace(
                    f"/sitemap-{name}.xml", f"/sitemap-{name}-{url_prefix(code)}.xml"
                )
                items.append(type(item)(location, item.last_mod))
    response.context_data["sitemaps"] = items
    return response


SECTION_IN_ADDRESS = re.compile(r"/sitemap-([\w-]+)\.xml")


@require_safe
def section(request, section):
    """One page of one section of the sitemap. Django's view answers a page number
    that is not a number with a 404; it is a malformed request, and says so."""
    page = request.GET.get("p", "1")
    if not page.isascii() or not page.isdigit() or int(page) < 1:
        raise BadRequest("p must be a page number: 1, 2, 3 … (as the index at /sitemap.xml lists).")
    return sitemaps_views.sitemap(request, sitemaps=SITEMAPS, section=section)
