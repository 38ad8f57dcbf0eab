"""Run Django in a fresh process with exactly the environment a test gives it:
for what only start-up shows (settings errors, an unreachable database)."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def run_django(code: str, **env: str | None) -> subprocess.CompletedProcess:
    """Run `code` after django.setup(). Variables set to None are removed;
    DJANGO_* and DATABASE_* from the test run are not inherited."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    environment["DJANGO_SETTINGS_MODULE"] = "peaceplatform.settings"
    for key, value in env.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return subprocess.run(
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
