"""What every API answer gets besides its body, as view mixins: the answer kept in the
cache, conditional GET (ETag, Last-Modified, 304), the quota's headers, and errors in
JSON whatever format was asked for."""

import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    parse_accept_lang_header,
)
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core import caching
from core.api.errors import ParameterError
from core.translations import hreflang

# `lang` values: the site's address prefixes (zh for Simplified Chinese).
API_LANGUAGES = {code.partition("-")[0]: code for code, _name in settings.LANGUAGES}


class LanguageMixin:
    """The answer's language: `lang=fr` in the address, else the Accept-Language
    header's first language the platform has, else English (a session's language
    cookie, which the site's switcher sets, is not the API's business). Translated
    text fields come in it, with `languages` saying which did (core/api/fields.py),
    and `q` reads the words in it too (core/search.websearch). The answer says its
    language in Content-Language, and varies with Accept-Language when the address
    does not name one. Before the answer cache, whose key holds the language."""

    def initial(self, request, *args, **kwargs):
        if request.method == "POST":
            # A query POSTed as JSON becomes request.GET in super().initial()
            # (core/api/posted.py), `lang` with it; it is never an answer kept in cache.
            super().initial(request, *args, **kwargs)
            self.refuse(self.choose_language(request))
            return
        problem = self.choose_language(request)
        # Refused after the quota has counted the request and set its headers, as
        # any other bad parameter is (English meanwhile).
        super().initial(request, *args, **kwargs)
        self.refuse(problem)

    def choose_language(self, request) -> str | None:
        """Activate the answer's language; what is wrong with `lang`, if anything."""
        given = request.GET.getlist("lang")
        problem, language = None, None
        if len(given) > 1:
            problem = "lang is given more than once; give it once."
        elif given:
            language = API_LANGUAGES.get(given[0])
            if language is None:
                problem = f"lang must be one of {', '.join(API_LANGUAGES)}, not {given[0][:20]!r}."
        else:
            language = header_language(request)
        language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return problem

    @staticmethod
    def refuse(problem: str | None) -> None:
        if problem:
            raise ParameterError({"lang": problem})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = hreflang(translation.get_language() or "en")
        if "lang" not in request.GET:
            patch_vary_headers(response, ["Accept-Language"])
        return response


def header_language(request) -> str:
    """The first language of Accept-Language the platform has (fr-CA: fr), or en."""
    for tag, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if tag == "*":
            break
        try:
            return get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class CachedAnswerMixin:
    """After the key and the quota (every request is counted), an answer kept in the
    cache under the current content version replaces the handler. A CSV export
    streams and is never kept."""

    answer_key = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if settings.PAGE_CACHE_SECONDS and request.method == "GET" and "format" not in request.GET:
            self.answer_key = caching.answer_key(request)
            answer = caching.cached_answer(self.answer_key)
            if answer is not None:
                self.answer_key = None
                self.get = lambda *args, **kwargs: answer
                return
        self.check_parameters(request)

    def check_parameters(self, request):
        """Where a view validates its parameters, once it is to answer itself."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.answer_key and response.status_code == 200 and not response.streaming:
            if isinstance(response, Response):  # citations answer plain responses
                response.render()
            caching.keep_answer(self.answer_key, response, settings.PAGE_CACHE_SECONDS)
        return response


class ConditionalGetMixin:
    """An ETag from the body itself, so it changes with anything shown (a renamed
    topic, a removed report) and never otherwise, and a 304 for a matching
    If-None-Match. If-Modified-Since alone is not honoured: a list's newest
    `updated_at` says nothing of items that left it. A view sets `last_modified`.

    A CSV export streams: its body is not known before it is sent. Its ETag is weak,
    made of the address and the content version (core/caching.py), which moves with
    every change to what is public and only then; a matching If-None-Match answers 304
    before a row is read."""

    last_modified = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code != 200 or request.method not in {"GET", "HEAD"}:
            return response
        if response.streaming:
            address = f"{caching.current_version()}:{request.build_absolute_uri()}"
            etag = "W/" + quote_etag(hashlib.blake2b(address.encode(), digest_size=16).hexdigest())
        else:
            if isinstance(response, Response):
                response.render()
            etag = quote_etag(hashlib.blake2b(response.content, digest_size=16).hexdigest())
        response["ETag"] = etag
        if self.last_modified is not None:
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
        if "HTTP_IF_NONE_MATCH" not in request.META:
            return response
        return get_conditional_response(request, etag=etag, response=response)


class QuotaHeadersMixin:
    """X-RateLimit-* from the quota the throttle counted (peaceplatform/api/quota.py),
    and Vary: Authorization, since the key decides the quota."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        quota = getattr(request, "quota", None)
        if quota is not None:
            response["X-RateLimit-Limit"] = str(quota.limit)
            response["X-RateLimit-Remaining"] = str(quota.remaining)
            response["X-RateLimit-Reset"] = str(quota.reset)
        patch_vary_headers(response, ["Authorization"])
        return response


class JSONErrorsMixin:
    """An error is answered in JSON even when the request asked for CSV: a partner's
    script reads one error body, whatever it asked for."""

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
