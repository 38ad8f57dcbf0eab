"""The OpenAPI schema is valid, and the live API keeps to it: schemathesis generates
requests from the schema for every operation and checks every answer."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for plural in ["reports", "recommendations", "events", "participations", "member-states",
                   "organizations", "people", "topics"]:  # fmt: skip
        assert f"/api/v1/{plural}/" in paths
        listing = paths[f"/api/v1/{plural}/"]["get"]
        names = {parameter["name"] for parameter in listing["parameters"]}
        assert {"limit", "offset", "cursor", "ordering", "fields", "exclude", "format"} <= names
        assert {"200", "304", "400", "429"} <= set(listing["responses"])
        headers = listing["responses"]["200"]["headers"]
        assert {"ETag", "X-RateLimit-Limit", "X-RateLimit-Remaining"} <= set(headers)
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"detail", "errors"}
    assert "ApiKey" in schema["components"]["securitySchemes"]


def test_interactive_docs_use_our_own_static_files(api):
    page = api.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()
    assert "/static/drf_spectacular_sidecar/" in page


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    live_server, transactional_db, settings, tmp_path
):
    call_command("load_demo", verbosity=0)
    settings.API_ANONYMOUS_RATE = 1_000_000
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{live_server.url}/api/v1/schema/",
        "--checks",
        "not_a_server_error,response_schema_conformance,status_code_conformance,"
        "content_type_conformance",
        "--max-examples",
        os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15"),
        "--seed",
        "2015",
        "--workers",
        "1",
        "--phases",
        "examples,coverage,fuzzing",
        "--no-color",
        "--request-timeout",
        "30",
        "--generation-database",
        ":memory:",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=900, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
