"""The OpenAPI schema is valid, and the live API keeps to it: schemathesis generates
requests from the schema for every operation and checks every answer."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from core.api import listing
from core.api.schema import NOT_BLANK, name_list_schema

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for plural in ["reports", "recommendations", "events", "participations", "member-states",
                   "organizations", "people", "topics", "corrections"]:  # fmt: skip
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


def test_years_and_ids_are_typed_as_integers(api):
    """A year is a number a partner writes as one (year=2015), not a date; an item
    addressed by id takes an integer. A schema-driven client builds requests from
    these types."""
    paths = api.get("/api/v1/schema/").json()["paths"]
    year = {"type": "integer", "minimum": 1945, "maximum": 2100}
    for plural in ["reports", "events", "participations", "recommendations"]:
        (parameter,) = [
            p for p in paths[f"/api/v1/{plural}/"]["get"]["parameters"] if p["name"] == "year"
        ]
        assert parameter["schema"] == {"type": "array", "items": year}, plural
    for plural in ["recommendations", "participations", "corrections"]:
        (parameter,) = [
            p for p in paths[f"/api/v1/{plural}/{{id}}/"]["get"]["parameters"] if p["in"] == "path"
        ]
        assert parameter["schema"] == {"type": "integer", "minimum": 1}, plural
    # What the types promise, the API keeps: a year as written, an id, and not text.
    assert api.get("/api/v1/reports/?year=2015").status_code == 200
    assert api.get("/api/v1/reports/?year=1944").status_code == 400
    assert api.get("/api/v1/reports/?year=twenty").status_code == 400
    assert api.get("/api/v1/recommendations/x/").status_code == 404


def test_every_query_parameter_is_described(api):
    paths = api.get("/api/v1/schema/").json()["paths"]
    undescribed = [
        (path, parameter["name"])
        for path, methods in paths.items()
        for operation in methods.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and not parameter.get("description")
    ]
    assert undescribed == []
    events = {p["name"]: p["description"] for p in paths["/api/v1/events/"]["get"]["parameters"]}
    assert events["topic"] == "Topic: its slug. Repeat the parameter for any of several."
    assert events["host"] == (
        "Member state hosting: its ISO alpha-3 code (FIN), alpha-2 code (FI) or slug (finland), "
        "in any case. Repeat the parameter for any of several."
    )
    assert events["q"] == "Search events"


NAMES = ["title", "slug", "published_on", "m49"]


PIECES = [*NAMES, "titl", ",", " ", "\t", "\n", "x", "\x00"]


@hypothesis_settings(max_examples=300, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_the_name_list_pattern_accepts_what_the_api_accepts(raw):
    """The schema's pattern for fields/exclude/facets/types and the API's reading of
    them agree on every string: schemathesis relies on it both ways."""
    pattern = name_list_schema(NAMES)["pattern"]
    accepted = listing.name_list(raw, "fields", set(NAMES), {}) is not None
    assert bool(re.fullmatch(pattern, raw)) == accepted, repr(raw)


@hypothesis_settings(max_examples=200, derandomize=True)
@given(st.text(alphabet=["a", " ", "\t", "\n", "\u3000", "\x00", "é"], max_size=6))
def test_the_not_blank_pattern_matches_what_filters_accept(raw):
    accepted = bool(raw.strip()) and "\x00" not in raw
    assert bool(re.fullmatch(NOT_BLANK, raw)) == accepted, repr(raw)


def test_interactive_docs_use_our_own_static_files(api):
    page = api.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()
    assert "/static/drf_spectacular_sidecar/" in page


def published_references() -> dict:
    """For the hooks in schemathesis_hooks.py: per list path, the values each filter
    naming other items accepts (slugs or codes of published items)."""
    from peaceplatform.api.urls import router

    references = {}
    for _prefix, viewset, basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        for name, spec in (filterset.base_filters if filterset else {}).items():
            queryset = spec.extra.get("queryset")
            if queryset is None:
                continue
            field = spec.extra.get("to_field_name", "pk")
            values = sorted(str(value) for value in queryset.values_list(field, flat=True))
            references.setdefault(reverse(f"api:{basename}-list"), {})[name] = values
    return references


def test_schemathesis_all_checks_positive_negative_and_stateful(
    live_server, transactional_db, settings, tmp_path, reliability
):
    """Every check schemathesis has, on schema-valid requests (which must succeed) and
    schema-invalid ones (which must be refused with a 4xx), then stateful sequences
    that follow links between operations (list -> item)."""
    call_command("load_demo", verbosity=0)
    settings.API_ANONYMOUS_RATE = 1_000_000
    references = published_references()
    assert references["/api/v1/reports/"]["topic"], "the demo has published topics"
    report = tmp_path / "report.json"
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{live_server.url}/api/v1/schema/",
        "--checks",
        "all",
        "--mode",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "15"),
        "--seed",
        "2015",
        "--workers",
        "2",  # the live server answers in threads
        "--no-color",
        "--request-timeout",
        "30",
        "--generation-database",
        ":memory:",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
    ]
    environment = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "PEACE_SCHEMATHESIS_REFERENCES": json.dumps(references),
    }
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    generated = re.search(r"(\d+) generated", result.stdout)
    links = re.search(r"API Links:\s+(\d+) covered", result.stdout)
    assert generated, result.stdout[-3000:]
    assert links, "the stateful phase ran and followed links between operations"
    reliability(
        "API against its schema (schemathesis)",
        cases=f"{generated.group(1)} generated, positive and negative, every check",
        phases="examples, coverage, fuzzing, stateful "
        f"({links.group(1)} links between operations followed)",
        failures=0,
    )
