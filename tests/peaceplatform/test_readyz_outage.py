"""/readyz answers 503 when the database is unreachable.

Run in a separate process whose DATABASE_URL points at a socket directory where no
server listens: a real unreachable database, the connection pool included."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/readyz")
print(json.dumps({"status": response.status_code, "body": response.json(),
                  "retry": response.get("Retry-After")}))
"""


def test_readyz_answers_503_when_the_database_is_unreachable(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peaceplatform.settings",
        "DATABASE_URL": f"postgres://nobody@/peaceplatform?host={tmp_path}",
        "DATABASE_POOL_TIMEOUT": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"] == {
        "status": "unavailable",
        "reason": "database 'default' is unreachable",
    }
    assert answer["retry"] == "30"
