"""The deployed proxy's own configuration (deploy/nginx/default.conf.template), run by a real
nginx in front of a live server: documents reach readers only through the app's
publication check and X-Accel-Redirect; /media/ asked for directly is refused.
(.ci/run installs nginx-light; on 127.0.0.1, with a port of its own.)"""

import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.publishing.status import Status
from reports.models import Report, ReportDocument
from tests.factories import ReportFactory
from tests.faults import free_port
from tests.pdfs import make_pdf

BASE_DIR = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PDF = make_pdf("A document behind the proxy")


def proxy_configuration(folder: Path, listen: int, upstream: str, media: Path) -> Path:
    """The deployed server block, pointed at this test's app, port and media folder,
    inside the few main-context lines a standalone nginx needs."""
    server = (BASE_DIR / "deploy" / "nginx" / "default.conf.template").read_text()
    replacements = {
        "set $web web:8000;": f"set $web {upstream};",
        "resolver ${NGINX_LOCAL_RESOLVERS} valid=5s ipv6=off;": "",
        "listen 80 default_server;": f"listen 127.0.0.1:{listen};",
        "alias /srv/media/;": f"alias {media}/;",
    }
    for deployed, here in replacements.items():
        assert deployed in server, f"deploy/nginx/default.conf.template no longer has {deployed!r}"
        server = server.replace(deployed, here)
    temp = folder / "temp"
    temp.mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""
user root;
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    {server}
}}
"""
    )
    return conf


@pytest.fixture
def proxy(live_server, settings, tmp_path):
    """(address of nginx, media folder): the app behind the deployed proxy config."""
    assert Path(NGINX).exists(), "nginx is needed: apt-get install nginx-light (.ci/run does)"
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    settings.DOCUMENTS_ACCEL_REDIRECT = "/media/"
    port = free_port()
    # An address: the configuration's resolver is dropped here, nothing to look up.
    upstream = live_server.url.removeprefix("http://").replace("localhost", "127.0.0.1")
    conf = proxy_configuration(tmp_path, port, upstream, media)
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if nginx.poll() is not None:
            raise AssertionError(f"nginx did not start: {nginx.stderr.read().decode()}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 (127.0.0.1)
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield base, media
    finally:
        nginx.send_signal(signal.SIGQUIT)  # nginx's graceful stop
        try:
            nginx.wait(timeout=10)
        except subprocess.TimeoutExpired:
            nginx.kill()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def document_of(status):
    report = ReportFactory(status=status)
    document = ReportDocument.objects.create(
        report=report, language="en", file=SimpleUploadedFile("x.pdf", PDF)
    )
    return report, document


@pytest.mark.django_db(transaction=True)
def test_nginx_sends_a_public_document_and_nothing_else(proxy):
    base, media = proxy
    report, document = document_of(Status.PUBLISHED)
    assert (media / document.file.name).read_bytes() == PDF
    address = f"{base}/reports/{report.slug}/documents/en.pdf"

    status, headers, body = fetch(address)
    assert status == 200
    assert body == PDF
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == f'inline; filename="{report.slug}-en.pdf"'
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert "X-Accel-Redirect" not in headers  # nginx's own business, never the reader's

    # The stored file's own address is internal: asked for directly, nginx refuses it.
    assert fetch(f"{base}/media/{document.file.name}")[0] == 404

    # Withdrawn, the same link leads nowhere.
    Report.objects.filter(pk=report.pk).update(status=Status.DRAFT)
    status, headers, body = fetch(address)
    assert status == 404
    assert PDF not in body


@pytest.mark.django_db(transaction=True)
def test_nginx_never_sends_a_draft_s_document(proxy):
    base, _media = proxy
    report, document = document_of(Status.DRAFT)
    assert fetch(f"{base}/reports/{report.slug}/documents/en.pdf")[0] == 404
    assert fetch(f"{base}/media/{document.file.name}")[0] == 404


@pytest.mark.django_db(transaction=True)
def test_every_request_carries_the_proxy_s_own_id(proxy):
    """nginx gives each request its id (a client's is replaced: it could be anything);
    the app logs it and returns it, and gunicorn's access line ends with it, so a
    request is followed to the container that served it (make deploy-test does)."""
    base, _media = proxy
    request = urllib.request.Request(  # noqa: S310 (127.0.0.1)
        base + "/healthz", headers={"X-Request-ID": "mine"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (127.0.0.1)
        first = answer.headers["X-Request-ID"]
    with urllib.request.urlopen(base + "/healthz", timeout=10) as answer:  # noqa: S310
        second = answer.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert re.fullmatch(r"[0-9a-f]{32}", second)
    assert first != second
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "id=%({x-request-id}i)s" in dockerfile
