"""/readyz answers 503 when the database is unreachable.

Run in a separate process whose DATABASE_URL points at a socket directory where no
server listens: a real unreachable database, the connection pool included."""

import json

from tests.processes import run_django

PROBE = """
import json
from django.test import Client
response = Client().get("/readyz")
print(json.dumps({"status": response.status_code, "body": response.json(),
                  "retry": response.get("Retry-After")}))
"""


def test_readyz_answers_503_when_the_database_is_unreachable(tmp_path):
    result = run_django(
        PROBE,
        DJANGO_SECRET_KEY="readyz-outage",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"postgres://nobody@/peaceplatform?host={tmp_path}",
        DATABASE_POOL_TIMEOUT="1",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"] == {
        "status": "unavailable",
        "reason": "database 'default' is unreachable",
    }
    assert answer["retry"] == "30"
