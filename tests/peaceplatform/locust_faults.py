"""The traffic of tests/peaceplatform/test_load_with_faults.py, run by locust.

Visitors read public pages and the API. Curators sign in to the admin and add reports,
each with one document symbol, and write down what the server told them about every
save: one JSON line per save in the file named by FAULTS_LEDGER ("saved" when the admin
redirected to the list, as it does after a successful save; "failed" otherwise). The
test then compares that ledger with the database.
"""

import json
import os
import re
import uuid

from locust import FastHttpUser, HttpUser, between, task

LEDGER = os.environ["FAULTS_LEDGER"]
USERNAME = os.environ["FAULTS_USERNAME"]
PASSWORD = os.environ["FAULTS_PASSWORD"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ADD = "/admin/reports/report/add/"


class Visitor(FastHttpUser):
    weight = 3
    wait_time = between(0.02, 0.1)

    @task(4)
    def home(self):
        self.client.get("/", name="page")

    @task(3)
    def reports(self):
        self.client.get("/reports/?q=peace", name="page")

    @task(3)
    def report(self):
        self.client.get("/reports/hippo-report-uniting-our-strengths-for-peace/", name="page")

    @task(4)
    def api(self):
        self.client.get("/api/v1/reports/?limit=5", name="api")

    @task(2)
    def api_search(self):
        self.client.get("/api/v1/search/?q=civilians", name="api")


class Curator(HttpUser):
    weight = 1
    wait_time = between(0.05, 0.2)

    def on_start(self):
        self.signed_in = False

    def token(self, path):
        with self.client.get(path, name="admin form", catch_response=True) as response:
            found = TOKEN.search(response.text or "") if response.status_code == 200 else None
            if not found:
                response.failure(f"no form: {response.status_code}")
            return found.group(1) if found else None

    def sign_in(self):
        token = self.token("/admin/login/")
        if token is None:
            return
        with self.client.post(
            "/admin/login/",
            data={"csrfmiddlewaretoken": token, "username": USERNAME, "password": PASSWORD},
            headers={"Referer": self.client.base_url + "/admin/login/"},
            allow_redirects=False,
            name="admin sign-in",
            catch_response=True,
        ) as response:
            self.signed_in = response.status_code == 302
            if not self.signed_in:
                response.failure(f"sign-in answered {response.status_code}")

    @task
    def add_report(self):
        if not self.signed_in:
            self.sign_in()
            return
        token = self.token(ADD)
        if token is None:
            return
        key = uuid.uuid4().hex[:12]
        title = f"Load {key}"
        data = {
            "csrfmiddlewaretoken": token,
            "title": title,
            "slug": f"load-{key}",
            "kind": "policy_paper",
            "summary": "Saved under load, with faults.",
            "symbols-TOTAL_FORMS": "1",
            "symbols-INITIAL_FORMS": "0",
            "symbols-0-symbol": f"LOAD/{key}",
            "symbols-0-order": "0",
        }
        for prefix in ("documents", "relations_out", "recommendations"):
            data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
        outcome, status = "failed", 0
        try:
            with self.client.post(
                ADD,
                data=data,
                headers={"Referer": self.client.base_url + ADD},
                allow_redirects=False,
                name="admin save",
                catch_response=True,
            ) as response:
                status = response.status_code
                if status == 302 and "/admin/reports/report/" in response.headers.get(
                    "Location", ""
                ):
                    outcome = "saved"
                else:
                    response.failure(f"save answered {status}")
        finally:
            with open(LEDGER, "a", encoding="utf-8") as ledger:
                ledger.write(json.dumps({"title": title, "outcome": outcome, "status": status}))
                ledger.write("\n")
