from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")

    def ready(self):
        # Staff notices are written by a receiver of the workflow's moves.
        from alerts import staff  # noqa: F401
