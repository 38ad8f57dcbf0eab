"""The project's public routes, read from its URL resolver, with parameters that name
published demo content: shared by the tests that walk every route (leaks, fuzzing),
so that a new route is covered as soon as it exists."""

from django.urls import URLPattern, URLResolver, get_resolver

from peaceplatform import demo_content

# Routes staff use: reachable only through a sign-in (checked below), not walked here;
# and a partner's own webhook endpoints, reachable only with its key (401 without:
# tests/api/test_webhook_api.py).
STAFF_PREFIXES = ("admin/", "api/v1/^webhooks/")

# The published demo object each URL parameter names, by the route's first segment.
PUBLIC_SLUGS = {
    "reports": demo_content.HIPPO_SLUG,
    "events": demo_content.DIALOGUE_SLUG,
    "topics": "protection-of-civilians",
    "member-states": "rwanda",
    "people": "herve-ladsous",
    "organizations": "ipi",
    "operations": "minusma",
}


# The query string a route needs to answer its page (by pattern name): a search, and
# oEmbed's `url` (the page whose iframe it hands out).
QUERIES = {
    "search": "?q=peacekeeping",
    "feed_search": "?q=peace",
    "feed_search_atom": "?q=peace",
    "oembed": "?url=/topics/protection-of-civilians/",
    "follow": "?list=reports&q=peacekeeping",
}

# Not pages: /favicon.ico only redirects to a static file, whatever is asked
# (tests/peaceplatform/test_site_mark.py).
REDIRECTS = {"favicon"}


def routes():
    """(route text, pattern name) of every URL pattern outside the admin, but the
    redirects."""
    return list(_walk(get_resolver().url_patterns))


def language_routes():
    """The same, of the routes that have an address in every language (inside
    `language_patterns`, peaceplatform/languages.py), without their prefix."""
    from peaceplatform.languages import LanguagePrefixPattern

    return [
        route
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LanguagePrefixPattern)
        for route in _walk(pattern.url_patterns)
    ]


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(STAFF_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and pattern.name not in REDIRECTS:
            yield route, pattern.name


def kind_of(route: str) -> str:
    """The first segment that names a kind of content: "reports" in
    "api/v1/^reports/(?P<slug>…)/$" and in "feeds/reports/<slug:slug>/"."""
    for segment in route.replace("^", "").split("/"):
        if segment in PUBLIC_SLUGS or segment in {
            "recommendations",
            "participations",
            "corrections",
            "contributions",
            "mandates",
        }:
            return segment
    return ""


def fill(route: str, values: dict) -> str:
    """The route with its parameters replaced, in either syntax (path() or DRF's regex)."""
    path = route
    for name, value in values.items():
        for placeholder in (
            f"<slug:{name}>",
            f"<str:{name}>",
            f"<int:{name}>",
            f"(?P<{name}>[^/]+)",
        ):
            path = path.replace(placeholder, str(value))
    path = path.replace("^", "").replace("$", "")
    assert "<" not in path, f"no value for a parameter of {route}"
    assert "(?P" not in path, f"no value for a parameter of {route}"
    return "/" + path


def published_ids() -> dict:
    """Ids of published rows for the routes addressed by id (from the demo content)."""
    from directory.models import Correction
    from events.models import Participation
    from operations.models import Contribution, Mandate
    from reports.models import Recommendation

    return {
        "recommendations": Recommendation.objects.published().first().pk,
        "participations": Participation.objects.published().first().pk,
        "corrections": Correction.objects.public().first().pk,
        "contributions": Contribution.objects.published().first().pk,
        "mandates": Mandate.objects.published().first().pk,
    }


def parameters_for(route: str, public: dict) -> dict:
    """Values naming published things, for every parameter the route has."""
    kind = kind_of(route)
    values = {}
    if "<slug:slug>" in route or "(?P<slug>" in route:
        assert kind in PUBLIC_SLUGS, f"add {route} to the leak walker's table"
        values["slug"] = PUBLIC_SLUGS[kind]
    if "label>" in route:
        values["label"] = "protection-of-civilians"
    if "(?P<pk>" in route or "<int:pk>" in route:
        assert kind in public, f"add {route} to the leak walker's table"
        values["pk"] = public[kind]
    if "<str:token>" in route:
        values["token"] = "not-a-signed-token"
    if "<str:language>" in route:
        values["language"] = "en"
    if "<str:section>" in route:
        values["section"] = "reports"  # tests/peaceplatform/test_public_site.py walks every section
    return values
