"""/readyz answers 503 when the database is unreachable.

Run in a separate process whose DATABASE_URL points at a socket directory where no
server listens: a real unreachable database, the connection pool included."""

import json
import os

import pytest

from tests.processes import run_django


def answer_in(tmp_path):
    """What the child wrote to its answer file. Not its stdout: the pool's threads log
    JSON lines there too, and one once landed in the middle of the answer's line."""
    return json.loads((tmp_path / "answer.json").read_text(encoding="utf-8"))


PROBE = """
import json
import os

import pytest
from django.test import Client
response = Client().get("/readyz")
answer = {"status": response.status_code, "body": response.json(),
          "retry": response.get("Retry-After")}
open(os.environ["ANSWER_FILE"], "w").write(json.dumps(answer))
"""


def test_readyz_answers_503_when_the_database_is_unreachable(tmp_path):
    result = run_django(
        PROBE,
        DJANGO_SECRET_KEY="readyz-outage",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"postgres://nobody@/peaceplatform?host={tmp_path}",
        DATABASE_POOL_TIMEOUT="1",
        ANSWER_FILE=str(tmp_path / "answer.json"),
    )
    assert result.returncode == 0, result.stderr
    answer = answer_in(tmp_path)
    assert answer["status"] == 503
    assert answer["body"] == {
        "status": "unavailable",
        "reason": "database 'default' is unreachable",
    }
    assert answer["retry"] == "30"


PAGES = """
import json
import os

import pytest
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for url in ["/", "/reports/", "/search/?q=peace", "/api/v1/reports/"]:
    response = client.get(url)
    answers[url] = {"status": response.status_code, "type": response["Content-Type"],
                    "retry": response.get("Retry-After"), "body": response.content.decode()}
open(os.environ["ANSWER_FILE"], "w").write(json.dumps(answers))
"""


@pytest.mark.parametrize("page_cache", ["60", "0"])
def test_pages_and_the_api_answer_503_while_the_database_is_down(tmp_path, page_cache):
    result = run_django(
        PAGES,
        DJANGO_SECRET_KEY="outage",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SSL_REDIRECT="0",
        DJANGO_PAGE_CACHE_SECONDS=page_cache,
        # Pages name hashed static files: the manifest `make test` built.
        DJANGO_STATIC_ROOT=os.environ.get("DJANGO_STATIC_ROOT", "var/test-static"),
        DATABASE_URL=f"postgres://nobody@/peaceplatform?host={tmp_path}",
        DATABASE_POOL_TIMEOUT="1",
        ANSWER_FILE=str(tmp_path / "answer.json"),
    )
    assert result.returncode == 0, result.stderr
    answers = answer_in(tmp_path)
    for url, answer in answers.items():
        assert answer["status"] == 503, url
        assert answer["retry"] == "30", url
        assert "Traceback" not in answer["body"]
        assert "psycopg" not in answer["body"]
    assert "briefly unavailable" in answers["/"]["body"]
    assert answers["/"]["type"].startswith("text/html")
    api = answers["/api/v1/reports/"]
    assert api["type"] == "application/json"
    assert json.loads(api["body"]) == {
        "detail": "The catalogue is briefly unavailable; try again in a minute.",
        "errors": [],
    }
