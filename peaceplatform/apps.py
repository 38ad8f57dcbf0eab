from django.apps import AppConfig


class PeacePlatformConfig(AppConfig):
    name = "peaceplatform"
    verbose_name = "Peace Operations Knowledge Platform"
