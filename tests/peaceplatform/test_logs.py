"""Production logs are JSON lines on stdout, each with its request's id."""

import json
import logging

import pytest

from peaceplatform.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second
    assert client.get("/healthz", headers={"X-Request-ID": "proxy-abc.123"})["X-Request-ID"] == (
        "proxy-abc.123"
    )
    # A hostile id is replaced, not echoed into logs and headers.
    hostile = client.get("/healthz", headers={"X-Request-ID": "x\r\nSet-Cookie: a=b"})
    assert hostile["X-Request-ID"] != "x\r\nSet-Cookie: a=b"
    assert len(hostile["X-Request-ID"]) == 32


def test_log_lines_during_a_request_are_json_with_its_id(client, caplog):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logging.getLogger("django.request").addHandler(handler)
    try:
        response = client.get("/no-such-page/", headers={"X-Request-ID": "trace-42"})
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert response.status_code == 404
    [record] = [r for r in records if "Not Found" in r.getMessage()]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "trace-42"
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert "/no-such-page/" in line["message"]


def test_production_log_format_is_json():
    from django.conf import settings

    assert settings.LOG_FORMAT == "json"  # the tests run with DEBUG off, as production
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
