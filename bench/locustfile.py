"""The traffic mix of bench/load.py: what visitors and partner sites request.

Popularity is skewed as on a real site: a few reports (a flagship report, the latest
ones) get most of the visits, the long tail the rest. Targets (slugs, queries) come
from the JSON file named by LOAD_TARGETS, written by bench/load.py.
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, between, task

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text(encoding="utf-8"))


def popular(items):
    """Zipf-like: the first items are picked far more often than the last."""
    index = min(len(items) - 1, int(random.paretovariate(1.2)) - 1)
    return items[index]


class Visitor(FastHttpUser):
    """A public visitor or a partner's server; no session, no key."""

    wait_time = between(0.05, 0.25)

    @task(10)
    def home(self):
        self.client.get("/", name="home")

    @task(15)
    def search(self):
        query = popular(TARGETS["queries"])
        self.client.get(f"/search/?q={query}", name="search page")

    @task(8)
    def report_list(self):
        self.client.get(f"/reports/?topic={popular(TARGETS['topics'])}", name="report list")

    @task(20)
    def report(self):
        self.client.get(f"/reports/{popular(TARGETS['reports'])}/", name="report page")

    @task(10)
    def event(self):
        self.client.get(f"/events/{popular(TARGETS['events'])}/", name="event page")

    @task(10)
    def api_list(self):
        self.client.get("/api/v1/reports/?limit=20", name="API list")

    @task(10)
    def api_search(self):
        query = popular(TARGETS["queries"])
        self.client.get(f"/api/v1/search/?q={query}", name="API search")

    @task(12)
    def api_detail(self):
        self.client.get(f"/api/v1/reports/{popular(TARGETS['reports'])}/", name="API detail")
