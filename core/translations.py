"""Content in the six UN languages, kept in the row (issue 28).

English is the source: `title` holds it, as it always has, and every index, ordering,
unique constraint, known name and report card reads it unchanged. Each translation is
a column beside it, `title_fr`, `title_zh_hans`, …, added by `@translatable("title", …)`,
empty until a curator writes it. Because the translations are in the row, the
generated search vector can take them in (each with its own language's text search
configuration, core/search.py) and the facet keys stay where they are.

Why not django-modeltranslation, which stores translations the same way: it also
rewrites every lookup, ordering and `only()` on `title` to the active language's
column (a French list sorted by title would sort by a half-empty column and leave our
title indexes unused), swaps our QuerySet managers' classes, patches the models'
constructors, and on save writes the active language's text into `title` itself, so a
French curator would put French into the column the English search configuration
reads. Its tabbed admin also loads jQuery UI from a CDN, which our CSP and the offline
laptop rule exclude. What we need of it is the columns and a reader with a fallback;
both are below (docs/developers/translations.md).

Reading: `localized(row, "title")` gives the text in the active language, or the
English text when there is no translation, as a `Localized` string that knows its
language; `row.local.title` is the same for templates, and the `lang_attrs` template
filter marks a fallback with `lang="en"` (and `dir="ltr"` on right-to-left pages) so
that screen readers switch voice.
"""

from django.conf import settings
from django.core.exceptions import FieldError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Concat
from django.utils.text import format_lazy
from django.utils.translation import get_language

SOURCE_LANGUAGE = "en"
# The languages content is translated into, in the order of settings.LANGUAGES.
LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
RIGHT_TO_LEFT = {"ar"}


def hreflang(code: str) -> str:
    """BCP 47, as hreflang and lang attributes spell it: zh-Hans, not zh-hans."""
    language, _, script = code.partition("-")
    return f"{language}-{script.title()}" if script else language


# Every language as lang attributes and the API spell it.
LANGUAGE_TAGS = [hreflang(code) for code, _name in settings.LANGUAGES]


def column(field: str, language: str) -> str:
    """The column of a field's translation: `title_fr`, `title_zh_hans`."""
    return f"{field}_{language.replace('-', '_')}"


def translation_columns(model, language: str | None = None) -> list[str]:
    """Every translation column of the model (or only those of one language)."""
    languages = LANGUAGE_CODES if language is None else [language]
    return [
        column(field, code)
        for field in getattr(model, "translated_fields", ())
        for code in languages
        if code != SOURCE_LANGUAGE
    ]


def translatable(*fields: str):
    """A class decorator adding a column per translated language for each field:
    the field's own kind and length, optional, empty by default (in the database
    too, so rows written in bulk without them stay valid). Put it below `@tracked`,
    so that the history keeps translations too."""

    def decorate(model):
        for name in fields:
            field = model._meta.get_field(name)
            _name, _path, args, kwargs = field.deconstruct()
            for code, language_name in LANGUAGES:
                options = {
                    **kwargs,
                    "blank": True,
                    "default": "",
                    "db_default": "",
                    "verbose_name": format_lazy("{} ({})", field.verbose_name, language_name),
                    "help_text": "",
                }
                options.pop("unique", None)
                options.pop("db_index", None)
                model.add_to_class(column(name, code), field.__class__(*args, **options))
        model.translated_fields = tuple(fields)
        model.local = property(LocalizedRow)
        return model

    return decorate


class Localized(str):
    """A text with the language it is written in."""

    language: str

    def __new__(cls, text, language: str):
        value = super().__new__(cls, text or "")
        value.language = language
        return value


def active_language() -> str:
    return get_language() or SOURCE_LANGUAGE


def localized(row, field: str, language: str | None = None) -> Localized:
    """The field's text in `language` (the active one by default), or the English
    text when it has no translation in that language."""
    language = language or active_language()
    if language != SOURCE_LANGUAGE and field in getattr(row, "translated_fields", ()):
        translated = getattr(row, column(field, language), "")
        if translated:
            return Localized(translated, language)
    return Localized(getattr(row, field), SOURCE_LANGUAGE)


class LocalizedRow:
    """`row.local.title`: localized(row, "title"), for templates."""

    __slots__ = ("_row",)

    def __init__(self, row):
        self._row = row

    def __getattr__(self, field):
        if field not in getattr(self._row, "translated_fields", ()):
            raise AttributeError(field)
        return localized(self._row, field)


def lang_attributes(text) -> str:
    """` lang="en" dir="ltr"` for a text not in the page's language, else nothing:
    what an element holding a fallback needs."""
    language = getattr(text, "language", None)
    page = active_language()
    if language is None or language == page:
        return ""
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    tag = hreflang(language)
    if (page in RIGHT_TO_LEFT) == (direction == "rtl"):
        return f' lang="{tag}"'
    return f' lang="{tag}" dir="{direction}"'


class InLanguage(models.Expression):
    """The fields' text, joined by spaces, in the active language: the translation's
    columns when the first field has a translation in that language, the English
    ones otherwise, as `localized` reads a row. A search snippet's source: worked out
    when a query is built, so that one constant serves every language (compiled
    queries are kept per language: core/compiled.py). A field without translations
    reads its English text in every language."""

    def __init__(self, *fields: str):
        super().__init__(output_field=models.TextField())
        self.fields = fields

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        arguments = (query, allow_joins, reuse, summarize, for_save)
        english = joined(self.fields)
        language = active_language()
        if language == SOURCE_LANGUAGE or query is None:
            return english.resolve_expression(*arguments)
        columns = [column(field, language) for field in self.fields]
        try:
            F(columns[0]).resolve_expression(*arguments)
        except FieldError:  # a field that is not translated
            return english.resolve_expression(*arguments)
        chosen = models.Case(
            models.When(Q(**{columns[0]: ""}), then=english),
            default=joined(columns),
            output_field=models.TextField(),
        )
        return chosen.resolve_expression(*arguments)


def joined(fields):
    if len(fields) == 1:
        return F(fields[0])
    parts = [F(fields[0])]
    for field in fields[1:]:
        parts += [models.Value(" "), F(field)]
    return Concat(*parts, output_field=models.TextField())
