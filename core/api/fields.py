"""Serializer pieces every endpoint shares: links to related things (slug, name and
both addresses), sparse fieldsets, and addresses built without a reverse() per row."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.search import other_names
from core.translations import LANGUAGE_TAGS, hreflang, localized

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
    language = serializers.CharField(
        help_text="The language of `name` (BCP 47): the one asked for where the item has "
        "its name in it, else `en`."
    )
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

    # Attributes a link to this kind of item carries besides the four (a member
    # state's ISO code, which partners match on).
    also: tuple[str, ...] = ()

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
        return link_to(
            self.context["request"], obj, self.api_view, self.html_view, self.name_attr, self.also
        )


def link_to(request, obj, api_view: str, html_view: str, name_attr: str = "name", also=()):
    if isinstance(obj, dict):  # from a JSON annotation, published by construction
        slug = obj["slug"]
        return {
            "slug": slug,
            "name": obj["name"],
            "language": obj.get("language", "en"),
            "url": address(request, api_view, slug),
            "html_url": address(request, html_view, slug),
            **{attr: obj[attr] for attr in also},
        }
    if obj is None or not is_public(obj):
        return None
    # In the language asked for, where the item has it (core/api/mixins.LanguageMixin).
    name = localized(obj, name_attr)
    return {
        "slug": obj.slug,
        "name": str(name),
        "language": hreflang(name.language),
        "url": address(request, api_view, obj.slug),
        "html_url": address(request, html_view, obj.slug),
        **{attr: getattr(obj, attr) for attr in also},
    }


@extend_schema_field(LinkSchema(many=True))
class Links(serializers.Field):
    """Related items fetched with the row itself, as a JSON array of {slug, name}
    (see reports/api/views.py): no prefetch query, and no model instance or related
    manager built per row, which was most of a list's time."""

    also: tuple[str, ...] = ()  # as on Link

    def __init__(self, api_view: str, html_view: str, **kwargs):
        self.api_view = api_view
        self.html_view = html_view
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, values):
        request = self.context["request"]
        return [
            link_to(request, value, self.api_view, self.html_view, also=self.also)
            for value in values or ()
        ]


class ItemSerializer(serializers.Serializer):
    """Base of every item: sparse fieldsets from the request's `fields` / `exclude`."""

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


class OtherNames(serializers.ListField):
    """The item's "also known as" (declare it under that name), one name per line in
    the admin, as a list."""

    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.CharField(),
            read_only=True,
            help_text="Other names people use for it: nicknames, short titles, former names.",
            **kwargs,
        )

    def to_representation(self, data):
        return other_names(data)


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


class TranslatedText(serializers.CharField):
    """A translated field (core/translations.py) in the answer's language (`lang`, or
    Accept-Language): its translation, or its English text when it has none in that
    language; the item's `languages` says which."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item):
        return str(localized(item, self.field_name))


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "enum": LANGUAGE_TAGS},
        "description": "The language each translated text field is given in: the one asked "
        "for (lang or Accept-Language), or en where there is no translation in it.",
        "example": {"title": "fr", "summary": "en"},
    }
)
class TextLanguages(serializers.Field):
    """`languages`: {field: BCP 47 tag} for the item's translated fields."""

    def __init__(self, *fields: str, **kwargs):
        self.translated = fields
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item):
        return {field: hreflang(localized(item, field).language) for field in self.translated}
