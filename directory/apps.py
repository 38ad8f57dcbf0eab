from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory: states, organizations, people, topics")

    def ready(self):
        from core import search

        search.ABBREVIATION_SOURCES.append(acronyms)


def acronyms() -> dict[str, str]:
    """The published bodies' acronyms and names: "HIPPO" also finds reports that
    write the panel's name out (core/search.py, expanded)."""
    from directory.models import Organization

    rows = Organization.objects.published().exclude(acronym="").values_list("acronym", "name")
    # A name with a double quote cannot sit in a quoted phrase; such a body is rare.
    return {acronym: name for acronym, name in rows if '"' not in name}
