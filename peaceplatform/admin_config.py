"""Django's admin with our site: its start page and System group (admin_site.py). In
a module of its own: beside PeacePlatformConfig, Django could not tell which of the
two is the peaceplatform app's."""

from django.contrib.admin.apps import AdminConfig


class PlatformAdminConfig(AdminConfig):
    default_site = "peaceplatform.admin_site.PlatformAdminSite"
