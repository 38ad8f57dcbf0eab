"""What partners' caches, quotas and browsers rely on: ETags and 304, rate limits with
their headers, keys (revocation at once), CORS, CSV and citation exports."""

import csv
import io
import json
import time

import pytest
from rest_framework.test import APIClient

from peaceplatform.api.quota import WINDOW
from peaceplatform.models import KeyUsage, PartnerKey
from tests.api.conftest import problems

pytestmark = pytest.mark.django_db

HIPPO = "hippo-report-uniting-our-strengths-for-peace"


def test_etag_and_304_on_revalidation(api, demo):
    first = api.get("/api/v1/reports/")
    etag = first["ETag"]
    assert etag.startswith('"')
    assert first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=60"
    again = api.get("/api/v1/reports/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["X-RateLimit-Remaining"]
    detail = api.get(f"/api/v1/reports/{HIPPO}/")
    assert (
        api.get(f"/api/v1/reports/{HIPPO}/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304
    )


def test_etag_changes_when_a_related_item_changes(api, demo):
    from directory.models import Topic

    before = api.get(f"/api/v1/reports/{HIPPO}/")["ETag"]
    Topic.objects.filter(slug="protection-of-civilians").update(name="Civilians' protection")
    response = api.get(f"/api/v1/reports/{HIPPO}/", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response["ETag"] != before


def within_one_quota_window():
    """Quotas count per clock minute (peaceplatform/api/quota.py). A test that counts a
    few requests starts early in a minute, so that they all fall in the same one."""
    into_window = time.time() % WINDOW
    if into_window > WINDOW - 10:
        time.sleep(WINDOW - into_window + 0.1)


def test_anonymous_quota_is_shared_across_connections(api, demo, settings):
    settings.API_ANONYMOUS_RATE = 3
    within_one_quota_window()
    other = APIClient(HTTP_HOST="localhost")  # a second connection from the same address
    seen = [api.get("/api/v1/topics/"), other.get("/api/v1/topics/"), api.get("/api/v1/topics/")]
    assert [int(r["X-RateLimit-Remaining"]) for r in seen] == [2, 1, 0]
    assert all(r["X-RateLimit-Limit"] == "3" for r in seen)
    refused = other.get("/api/v1/topics/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["X-RateLimit-Remaining"] == "0"
    assert int(refused["X-RateLimit-Reset"]) > time.time()
    assert refused.json()["detail"]
    # Another address has its own quota.
    elsewhere = APIClient(HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.9")
    assert elsewhere.get("/api/v1/topics/").status_code == 200


def test_a_key_has_its_own_quota_and_usage(api, demo, make_key, settings):
    settings.API_ANONYMOUS_RATE = 1
    key, secret = make_key(rate_limit=2)
    within_one_quota_window()
    first = APIClient(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    second = APIClient(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert first.get("/api/v1/topics/")["X-RateLimit-Limit"] == "2"
    assert second.get("/api/v1/topics/").status_code == 200
    assert first.get("/api/v1/topics/").status_code == 429
    assert KeyUsage.objects.get(key=key).requests == 3
    key.refresh_from_db()
    assert key.last_used_at is not None
    assert api.get("/api/v1/topics/").status_code == 200  # anonymous counts apart


def test_revoking_a_key_takes_effect_at_once(demo, make_key):
    key, secret = make_key()
    client = APIClient(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert client.get("/api/v1/topics/").status_code == 200
    PartnerKey.objects.filter(pk=key.pk).update(revoked=True)
    refused = client.get("/api/v1/topics/")
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert refused["WWW-Authenticate"] == "Api-Key"


@pytest.mark.parametrize(
    "header", ["Api-Key nonsense", "Api-Key abc.def", "Bearer token", "Api-Key ", "Api-Key a\x00b"]
)
def test_bad_credentials_are_refused_clearly(demo, header):
    client = APIClient(HTTP_HOST="localhost", HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/topics/")
    assert response.status_code == 401
    assert "Api-Key" in response.json()["detail"] or "not valid" in response.json()["detail"]


def test_cors_for_anonymous_reads_from_any_origin(api, demo):
    response = api.get("/api/v1/topics/", HTTP_ORIGIN="https://anywhere.example")
    assert response["Access-Control-Allow-Origin"] == "https://anywhere.example"
    assert "X-RateLimit-Remaining" in response["Access-Control-Expose-Headers"]
    assert "ETag" in response["Access-Control-Expose-Headers"]
    # The site itself is not opened to other origins.
    assert "Access-Control-Allow-Origin" not in api.get("/", HTTP_ORIGIN="https://x.example")


def preflight(origin, headers="authorization"):
    return APIClient(HTTP_HOST="localhost").options(
        "/api/v1/reports/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def test_cors_preflight_for_keyed_calls(demo, make_key):
    make_key(allowed_origins=["https://partner.example"])
    allowed = preflight("https://partner.example")
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "authorization" in allowed["Access-Control-Allow-Headers"]
    assert "GET" in allowed["Access-Control-Allow-Methods"]
    refused = preflight("https://stranger.example")
    assert "Access-Control-Allow-Origin" not in refused
    # Without credentials, any origin may read.
    anonymous = preflight("https://stranger.example", headers="accept")
    assert anonymous["Access-Control-Allow-Origin"] == "https://stranger.example"


def test_a_key_used_from_an_origin_it_does_not_allow(demo, make_key):
    _key, secret = make_key(allowed_origins=["https://partner.example"])
    client = APIClient(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert client.get("/api/v1/topics/", HTTP_ORIGIN="https://partner.example").status_code == 200
    refused = client.get("/api/v1/topics/", HTTP_ORIGIN="https://stranger.example")
    assert refused.status_code == 403
    assert "https://stranger.example" in refused.json()["detail"]


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_csv_export_revalidates_without_reading_a_row(api, demo):
    """CSV streams, so its ETag cannot hash the body: a weak one from the address and
    the content version, the same until something public changes, answered with 304
    before the export's query runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.models import Topic

    address = "/api/v1/reports/?format=csv&topic=protection-of-civilians"
    first = api.get(address)
    b"".join(first.streaming_content)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert first["Cache-Control"] == "public, max-age=60"
    assert api.get(address)["ETag"] == etag
    assert api.get(address.replace("csv", "csv&limit=1"))["ETag"] != etag  # another address
    with CaptureQueriesContext(connection) as queries:
        again = api.get(address, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not again.streaming
    assert not [q for q in queries.captured_queries if '"reports_report"' in q["sql"]]
    Topic.objects.filter(slug="protection-of-civilians").update(name="Civilians, protected")
    changed = api.get(address, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_csv_export_has_the_same_filters(api, demo):
    rows = read_csv(api.get("/api/v1/reports/?format=csv&topic=protection-of-civilians"))
    listed = api.get("/api/v1/reports/?topic=protection-of-civilians&limit=1000").json()
    assert [row["slug"] for row in rows] == [item["slug"] for item in listed["results"]]
    hippo = next(row for row in rows if row["slug"] == HIPPO)
    assert hippo["symbols"] == "A/70/95;S/2015/446"
    assert "protection-of-civilians" in hippo["topics"].split(";")
    few = read_csv(api.get("/api/v1/participations/?format=csv&limit=2&fields=id,role,event"))
    assert len(few) == 2
    assert set(few[0]) == {"id", "role", "event"}
    assert "cursor" in problems(api.get("/api/v1/reports/?format=csv&cursor=*"))


def test_citations_parse_back(api, demo):
    url = f"/api/v1/reports/{HIPPO}/citation/"
    csl = api.get(url)
    assert csl["Content-Type"] == "application/vnd.citationstyles.csl+json"
    [item] = json.loads(csl.content)
    assert item["type"] == "report"
    assert item["number"] == "A/70/95–S/2015/446"
    assert item["issued"] == {"date-parts": [[2015, 6, 17]]}
    bibtex = api.get(url, {"style": "bibtex"}).content.decode()
    assert bibtex.startswith("@techreport{")
    assert "year = {2015}" in bibtex
    assert bibtex.count("{") == bibtex.count("}")
    ris = api.get(url, {"style": "ris"}).content.decode()
    tags = dict(line.split("  - ", 1) for line in ris.strip().splitlines() if "  - " in line)
    assert tags["TY"] == "RPRT"
    assert tags["PY"] == "2015"
    assert ris.rstrip().endswith("ER  -")
