"""Serializer pieces every endpoint shares: links to related things (slug, name and
both addresses), sparse fieldsets, and addresses built without a reverse() per row."""

from collections.abc import Mapping

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField, is_simple_callable
from rest_framework.relations import PKOnlyObject

PLACEHOLDER = "__key__"


def address(request, view_name: str, key, *, kwarg: str = "slug") -> str:
    """The absolute URL of `view_name` for `key`. reverse() runs once per view name per
    request and the result is reused as a template: a page of 100 reports carries
    about a thousand links, and reverse() would be a third of the time spent on it."""
    cache = request.__dict__.setdefault("_address_templates", {})
    template = cache.get(view_name)
    if template is None:
        template = request.build_absolute_uri(reverse(view_name, kwargs={kwarg: PLACEHOLDER}))
        cache[view_name] = template
    return template.replace(PLACEHOLDER, str(key))


def is_public(obj) -> bool:
    """Things without a workflow (member states) are always public."""
    return getattr(obj, "is_published", True)


class LinkSchema(serializers.Serializer):
    slug = serializers.CharField(help_text="The item's stable identifier.")
    name = serializers.CharField(help_text="How the item is named on the site.")
    url = serializers.URLField(help_text="The item in this API.")
    html_url = serializers.URLField(help_text="The item's public page.")


class ManyLinks(serializers.ManyRelatedField):
    def to_representation(self, iterable):
        # Prefetches already hold published rows only; this is the second lock on the door.
        return [self.child_relation.to_representation(obj) for obj in iterable if is_public(obj)]


@extend_schema_field(LinkSchema)
class Link(serializers.RelatedField):
    """A related item as {slug, name, url, html_url}; null (or left out of a list)
    when the item is not published."""

    def __init__(self, api_view: str, html_view: str, name_attr: str = "name", **kwargs):
        self.api_view = api_view
        self.html_view = html_view
        self.name_attr = name_attr
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        child = cls(*args, **{k: v for k, v in kwargs.items() if k != "many"})
        return ManyLinks(child_relation=child, read_only=True, source=kwargs.get("source"))

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, obj):
        return link_to(self.context["request"], obj, self.api_view, self.html_view, self.name_attr)


def link_to(request, obj, api_view: str, html_view: str, name_attr: str = "name"):
    if isinstance(obj, dict):  # from a JSON annotation, published by construction
        slug = obj["slug"]
        return {
            "slug": slug,
            "name": obj["name"],
            "url": address(request, api_view, slug),
            "html_url": address(request, html_view, slug),
        }
    if obj is None or not is_public(obj):
        return None
    return {
        "slug": obj.slug,
        "name": getattr(obj, name_attr),
        "url": address(request, api_view, obj.slug),
        "html_url": address(request, html_view, obj.slug),
    }


@extend_schema_field(LinkSchema(many=True))
class Links(serializers.Field):
    """Related items fetched with the row itself, as a JSON array of {slug, name}
    (see reports/api/views.py): no prefetch query, and no model instance or related
    manager built per row, which was most of a list's time."""

    def __init__(self, api_view: str, html_view: str, **kwargs):
        self.api_view = api_view
        self.html_view = html_view
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, values):
        request = self.context["request"]
        return [link_to(request, value, self.api_view, self.html_view) for value in values or ()]


def attribute_getter(field):
    """What field.get_attribute(instance) returns, for the plain case (one attribute,
    base Field.get_attribute) without DRF's per-call machinery; anything else (related
    fields, nested serializers, '*' and dotted sources) goes through DRF itself."""
    plain = (
        type(field).get_attribute is serializers.Field.get_attribute
        and len(field.source_attrs) == 1
    )
    if not plain:
        return field.get_attribute
    name = field.source_attrs[0]

    def get(instance):
        value = instance[name] if isinstance(instance, Mapping) else getattr(instance, name)
        return value() if callable(value) and is_simple_callable(value) else value

    return get


def representer(field):
    """field.to_representation, skipped where it would hand the value back unchanged."""
    kind = type(field)
    if kind in (serializers.CharField, serializers.SlugField, serializers.URLField):
        return lambda value: value if type(value) is str else field.to_representation(value)
    if kind is serializers.IntegerField:
        return lambda value: value if type(value) is int else field.to_representation(value)
    return field.to_representation


class ItemSerializer(serializers.Serializer):
    """Base of every item: sparse fieldsets from the request's `fields` / `exclude`,
    and a faster to_representation.

    DRF's Serializer.to_representation walks each field's source and checks for
    SkipField and PKOnlyObject for every field of every row: a third of a 20-report
    page's serialization. Here that work is planned once per serializer (a list reuses
    one for all its rows) and each row is a loop of plain calls. The output is DRF's
    own, byte for byte: tests/api/test_fast_representation.py compares every endpoint
    with FAST_REPRESENTATION off."""

    FAST_REPRESENTATION = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = self.context.get("fields")
        unwanted = self.context.get("exclude") or ()
        if wanted is not None:
            for name in list(self.fields):
                if name not in wanted:
                    self.fields.pop(name)
        for name in unwanted:
            self.fields.pop(name, None)

    def to_representation(self, instance):
        if not self.FAST_REPRESENTATION:
            return super().to_representation(instance)
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = self._plan = [
                (field.field_name, attribute_getter(field), representer(field))
                for field in self._readable_fields
            ]
        representation = {}
        for name, get, represent in plan:
            try:
                value = get(instance)
            except SkipField:
                continue
            value_for_none = value.pk if isinstance(value, PKOnlyObject) else value
            representation[name] = None if value_for_none is None else represent(value)
        return representation


@extend_schema_field({"type": "string", "format": "uri"})
class ApiUrl(serializers.Field):
    """The item's own address in the API."""

    def __init__(self, view_name: str, key: str = "slug", **kwargs):
        self.view_name = view_name
        self.key = key
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        request = self.context["request"]
        return address(request, self.view_name, getattr(obj, self.key), kwarg=self.key)


@extend_schema_field({"type": "string", "format": "uri"})
class HtmlUrl(serializers.Field):
    """The item's public page on the site."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return address(self.context["request"], self.view_name, obj.slug)


def list_address(request, view_name: str) -> str:
    """The absolute URL of a list endpoint, resolved once per request."""
    cache = request.__dict__.setdefault("_address_templates", {})
    if view_name not in cache:
        cache[view_name] = request.build_absolute_uri(reverse(view_name))
    return cache[view_name]
