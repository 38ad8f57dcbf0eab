"""The "Using the API" page: linked from every page's footer, and every curl example on
it runs against a live server and gets a good answer."""

import html
import json
import re
import shlex
import shutil
import subprocess

import pytest
from django.core.management import call_command

from peaceplatform.changes import record_changes
from peaceplatform.models import PartnerKey

pytestmark = pytest.mark.django_db

CURL_BINARY = shutil.which("curl") or "/usr/bin/curl"  # .ci/run installs it if missing
CURL = re.compile(r'<code class="curl">(.*?)</code>', re.S)


def test_the_guide_is_linked_from_the_footer(anonymous, demo):
    home = anonymous.get("/").content.decode()
    assert 'href="/api/"' in home
    guide = anonymous.get("/api/")
    assert guide.status_code == 200
    page = guide.content.decode()
    assert "Using the API" in page
    assert 'href="/api/v1/docs/"' in page
    assert len(CURL.findall(page)) >= 10


def test_every_curl_example_works(live_server, transactional_db, settings):
    call_command("load_demo", verbosity=0)
    record_changes()  # as the job queue does every minute: the feed's example has changes
    settings.API_ANONYMOUS_RATE = 1_000
    # The webhook example's address, which does not resolve here (it is an example).
    settings.WEBHOOK_ALLOWED_HOSTS = ["hooks.partner.example"]
    _key, secret = PartnerKey.objects.create_key(name="Guide", contact="guide@example.org")
    page = subprocess.run(
        [CURL_BINARY, "-s", "--fail", f"{live_server.url}/api/"],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout  # fmt: skip
    examples = [html.unescape(code) for code in CURL.findall(page)]
    assert examples
    for example in examples:
        assert example.startswith("curl -s "), example
        assert live_server.url in example, example
        arguments = [CURL_BINARY, *shlex.split(example.replace("YOUR_KEY", secret))[1:]]
        result = subprocess.run(
            [*arguments, "--fail", "--max-time", "30"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 0, (example, result.stdout[:500], result.stderr[:500])
        output = result.stdout
        if "format=csv" in example:
            assert output.startswith("id,slug,")
        elif "style=bibtex" in example:
            assert output.startswith("@techreport{")
        elif "-D -" in example:
            assert "ETag:" in output or "etag:" in output.lower()
        elif "/oai/" in example:
            assert "<record>" in output
            assert "<error" not in output
        elif "/api/v1/webhooks/" in example:
            body = json.loads(output)
            made = [body] if isinstance(body, dict) else body
            assert [e["url"] for e in made] == ["https://hooks.partner.example/peace"], output
            assert "-X POST" not in example or body["secret"].startswith("whsec_")
        else:
            body = json.loads(output)
            assert (
                body.get("results")
                or body.get("facets")
                or body.get("groups")
                or (body.get("slug"))
                or "<iframe" in body.get("html", "")  # oEmbed
            ), example


def test_the_guide_names_what_exists_here(anonymous, db):
    from tests.factories import ReportFactory, TopicFactory

    ReportFactory(slug="only-report")
    TopicFactory(slug="only-topic")
    page = anonymous.get("/api/").content.decode()
    assert "/api/v1/reports/only-report/" in page
    assert "topic=only-topic" in page
    assert "hippo-report" not in page
