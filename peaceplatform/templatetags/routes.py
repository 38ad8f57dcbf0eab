"""{% url %}, reversing a constant route name without arguments once.

Loaded as a builtin (settings.TEMPLATES), so it replaces Django's {% url %} in every
template. Every page's header, menu and footer reverse the same dozen names: Django's
tag took 75 µs each here, about 1.5 ms of a page, for strings that only change with
the URLconf, the script prefix, the language or the admin site asked for. Those are
the cache key; anything else (arguments, a name from a variable) goes to Django's tag
unchanged."""

from django import template
from django.conf import settings
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape

register = template.Library()

# Bounded all the same: a server that took its script prefix from requests could
# otherwise grow it without end.
MAX_ENTRIES = 1000


class RouteNode(defaulttags.URLNode):
    reversed_urls: dict = {}

    def render(self, context):
        view_name = self.view_name
        if self.args or self.kwargs or view_name.is_var or view_name.filters:
            return super().render(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        key = (
            view_name.var,
            current_app,
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            translation.get_language(),
        )
        url = self.reversed_urls.get(key)
        if url is None:
            try:
                url = reverse(view_name.var, current_app=current_app)
            except NoReverseMatch:
                if self.asvar is None:
                    raise
                url = ""  # as Django's tag does with "as var"; not kept
            else:
                if len(self.reversed_urls) >= MAX_ENTRIES:
                    self.reversed_urls.clear()
                self.reversed_urls[key] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return RouteNode(node.view_name, node.args, node.kwargs, node.asvar)
