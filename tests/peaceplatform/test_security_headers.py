"""Security headers on a page, the API and an error page, as a browser receives
them over HTTPS."""

import pytest

pytestmark = pytest.mark.django_db

ROUTES = {
    "/": 200,
    "/api/v1/reports/": 200,
    "/no-such-page/": 404,
    "/api/v1/no-such-endpoint/": 404,
    "/api/v1/docs/": 200,
}


@pytest.mark.parametrize("route", ROUTES)
def test_security_headers(client, route, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000  # production's default; tests run with DEBUG off
    response = client.get(route, secure=True)
    assert response.status_code == ROUTES[route]
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]:
        assert directive in csp, (directive, csp)
    assert "unsafe-inline" not in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/reports/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/reports/"


def test_api_docs_need_no_inline_script(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert "<script>" not in page
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_health_probes_are_not_redirected(client, settings):
    """Load balancers and container health checks probe over plain HTTP."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
