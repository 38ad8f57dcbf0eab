"""peaceplatform/templatetags/routes.py: {% url %} reverses constant names once and
writes what Django's own tag writes, whatever the script prefix."""

import pytest
from django.template import Context, Engine, engines
from django.urls import NoReverseMatch, set_script_prefix

from peaceplatform.templatetags.routes import RouteNode

ours = engines["django"].engine
# Django's own tag: an engine with the default builtins only.
djangos = Engine(builtins=[])

TEMPLATES = [
    "{% url 'reports:list' %}",
    "{% url 'feed_reports' %} {% url 'home' %}",
    "{% url 'reports:detail' 'the-kigali-principles' %}",
    "{% url 'reports:detail' slug=slug %}",
    "{% url name %}",
    "{% url 'search' as address %}[{{ address }}]",
    "{% url 'no-such-route' as address %}[{{ address }}]",
]


def render(engine, source, **context):
    return engine.from_string(source).render(Context({"slug": "a-b", "name": "home", **context}))


@pytest.fixture
def prefix():
    yield set_script_prefix
    set_script_prefix("/")


def test_the_builtin_url_tag_is_ours():
    node = ours.from_string("{% url 'home' %}").nodelist[0]
    assert isinstance(node, RouteNode)


@pytest.mark.parametrize("source", TEMPLATES)
@pytest.mark.parametrize("script_prefix", ["/", "/platform/"])
def test_it_writes_what_djangos_tag_writes(source, script_prefix, prefix):
    prefix(script_prefix)
    for _ in range(2):  # the second time from what it kept
        assert render(ours, source) == render(djangos, source)
    assert script_prefix in render(ours, "{% url 'home' %}")


def test_a_change_of_script_prefix_is_not_served_from_what_it_kept(prefix):
    assert render(ours, "{% url 'reports:list' %}") == "/reports/"
    prefix("/platform/")
    assert render(ours, "{% url 'reports:list' %}") == "/platform/reports/"
    prefix("/")
    assert render(ours, "{% url 'reports:list' %}") == "/reports/"


def test_an_unknown_name_still_raises():
    with pytest.raises(NoReverseMatch):
        render(ours, "{% url 'no-such-route' %}")
