"""Words for the admin's pages."""

from django import template
from django.apps import apps
from django.utils.text import get_text_list
from django.utils.translation import gettext

from core.publishing import CONTENT_APPS

register = template.Library()


@register.filter
def goes_to_trash(opts) -> bool:
    """Whether deleting rows of this model puts them in the Trash (the content's
    history keeps them: core/publishing/trash.py)."""
    return opts.app_label in CONTENT_APPS


@register.filter
def counted_in_words(model_count) -> str:
    """The admin's (plural name, count) pairs as a phrase: "1 report, 3 recommendations
    and 1 document"."""
    singular = {
        str(model._meta.verbose_name_plural): str(model._meta.verbose_name)
        for model in apps.get_models()
    }
    parts = [
        f"{count} {singular.get(str(name), str(name)) if count == 1 else name}"
        for name, count in model_count
        if count
    ]
    return get_text_list(parts, gettext("and"))
