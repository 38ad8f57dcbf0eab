from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alerts"

    def ready(self):
        # Staff notices are written by a receiver of the workflow's moves.
        from alerts import staff  # noqa: F401
