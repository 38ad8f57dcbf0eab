"""The six UN languages at their own addresses: English at the root (the addresses the
site has always had), the others under a prefix, /ar/, /zh/, /fr/, /ru/, /es/.

One address is one page in one language, so the public page cache, a CDN and a search
engine can each keep it as it is. The browser's language is used once, on a first
visit to an English address: the visitor is sent to the same page in their language and
a cookie remembers that it happened; whatever they choose afterwards with the language
switcher (plain links, nothing to submit) is what they read.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import LocalePrefixPattern, URLResolver, get_script_prefix, translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

# Django's code for Chinese is "zh-hans" (its catalogs and date formats are found
# under it); the address says /zh/, as the other five say their two letters.
URL_PREFIXES = {"zh-hans": "zh"}

# Addresses of a page that are not its address: English has no prefix, Chinese is /zh/.
ALIASES = re.compile(r"^/(en|zh-hans)(/.*)?$", re.IGNORECASE)


def url_prefix(language: str) -> str:
    return URL_PREFIXES.get(language, language)


class LanguagePrefixPattern(LocalePrefixPattern):
    """Django's prefix for `i18n_patterns`, but /zh/ for zh-hans."""

    @property
    def language_prefix(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE and not self.prefix_default_language:
            return ""
        return f"{url_prefix(language)}/"


def language_patterns(*urls):
    """The routes of pages in every language (Django's `i18n_patterns`, our prefixes)."""
    return [URLResolver(LanguagePrefixPattern(prefix_default_language=False), list(urls))]


def alternates(request) -> list[tuple[str, str]]:
    """(language code, path and query) of this page in each language, in the order of
    settings.LANGUAGES; empty for a page that has no translations (admin, API)."""
    full_path = request.get_full_path()
    match = getattr(request, "resolver_match", None)
    if match is None or not _in_language_patterns(match):
        return []
    return [(code, translate_url(full_path, code)) for code, _name in settings.LANGUAGES]


def _in_language_patterns(match) -> bool:
    # translate_url would answer an address outside the patterns with itself in
    # every language: the admin is not "in French" at the same address.
    # The last route tried is the one that matched, from the root down.
    return bool(match.tried) and isinstance(match.tried[-1][0].pattern, LanguagePrefixPattern)


class FirstVisitLanguageMiddleware:
    """Sends a first-time visitor from an English page to the same page in their
    browser's language, once; and /en/… or /zh-hans/… to the page's one address.

    Runs before the page cache: a cached English page must not stand in for the
    redirect a first visit needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A plain-HTTP request gets SecurityMiddleware's redirect to https first (the
        # cookie below is Secure: set over http, a browser would drop it).
        secure_enough = request.is_secure() or not settings.SECURE_SSL_REDIRECT
        if request.method in ("GET", "HEAD") and secure_enough:
            redirect = self.alias_redirect(request) or self.first_visit_redirect(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    @staticmethod
    def alias_redirect(request):
        match = ALIASES.match(request.path_info)
        if match is None:
            return None
        # One leading slash, whatever was asked: "/en//example.org/" must not become
        # the address "//example.org/", another site.
        code, rest = match.group(1).lower(), "/" + (match.group(2) or "/").lstrip("/")
        path = rest if code == settings.LANGUAGE_CODE else f"/{url_prefix(code)}{rest}"
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            get_script_prefix().rstrip("/") + path + (f"?{query}" if query else "")
        )

    @staticmethod
    def first_visit_redirect(request):
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return None
        # Browsers ask for pages; feed readers, crawlers and API clients keep their
        # address (a feed reader keeps no cookie and would be redirected every time).
        if "text/html" not in request.headers.get("Accept", ""):
            return None
        if translation.get_language_from_path(request.path_info):
            return None
        language = translation.get_language_from_request(request)
        if language == settings.LANGUAGE_CODE:
            return None
        full_path = request.get_full_path()
        with translation.override(settings.LANGUAGE_CODE):
            target = translate_url(full_path, language)
        if target == full_path:  # not a page that has translations
            return None
        response = HttpResponseRedirect(target)
        # Which way a first visit goes depends on these two; no shared cache keeps it.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        add_never_cache_headers(response)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response


# The staff's screens: one address in every language (the admin is not a public page).
STAFF_AREA = "/admin/"


class StaffLanguageMiddleware:
    """The admin speaks the language its user chose with the chooser at the top of its
    pages (the language cookie), else their browser's, else English.

    Django's LocaleMiddleware gives every address outside the language prefixes the
    default language, which is right for the public English pages (one address, one
    language) and wrong for the admin, whose one address serves six languages. Staff
    pages are never cached, so the language may come from the request here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(STAFF_AREA):
            return self.get_response(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
