from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeacePlatformConfig(AppConfig):
    name = "peaceplatform"
    verbose_name = _("Peace Operations Knowledge Platform")

    def ready(self):
        # psycopg_pool doubles its reconnect delay after every failed attempt, with no
        # ceiling (1, 2, 4 … 256 s). After a minute-long database outage the pool could
        # wait another half minute before trying again, while every request waited out
        # DATABASE_POOL_TIMEOUT and answered 503. One attempt a second (with the pool's
        # jitter) finds the database back within about a second; a refused connection
        # costs next to nothing. Pinned by tests/peaceplatform/test_outage_recovery.py.
        from psycopg_pool.base import AttemptWithBackoff

        AttemptWithBackoff.DELAY_BACKOFF = 1.0
