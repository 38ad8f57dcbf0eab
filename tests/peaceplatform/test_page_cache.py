"""The public page cache: served while content is unchanged, dropped the moment any
write commits or scheduled content becomes due (peaceplatform/page_cache.py)."""

import datetime
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.publishing import workflow
from core.publishing.status import Status
from peaceplatform.page_cache import TRIGGER, content_tables, current_version
from reports.models import Report
from tests.factories import ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIST = "/reports/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def test_every_content_table_has_the_version_trigger():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [TRIGGER],
        )
        with_trigger = {row[0] for row in cursor.fetchall()}
    # A new content table needs install_version_triggers() in its migration.
    assert set(content_tables()) <= with_trigger
    assert {"reports_report", "reports_report_topics", "events_participation"} <= with_trigger
    assert not {t for t in with_trigger if t.endswith("event") and t != "events_event"}


def test_every_kind_of_write_moves_the_version():
    report = ReportFactory()
    topic = TopicFactory()
    seen = [current_version()]
    Report.objects.filter(pk=report.pk).update(title="Bulk update, no signals")
    seen.append(current_version())
    report.topics.add(topic)
    seen.append(current_version())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reports_report_topics")
    seen.append(current_version())
    assert len(set(seen)) == len(seen)


def test_a_page_is_served_from_the_cache_until_content_changes(
    page_cache, client, make_staff, django_assert_num_queries
):
    ReportFactory(title="Kigali Principles on the Protection of Civilians")
    first = client.get(LIST)
    assert cache_state(first) == "miss"
    with django_assert_num_queries(2):  # the version and the cache entry
        second = client.get(LIST)
    assert cache_state(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]

    draft = ReportFactory(status=Status.REVIEW, title="Newly published review")
    assert "Newly published review" not in client.get(LIST).text
    workflow.apply(
        workflow.TRANSITIONS["publish"], Report.objects.filter(pk=draft.pk), make_staff("publisher")
    )
    after = client.get(LIST)
    assert cache_state(after) == "miss"
    assert "Newly published review" in after.text


def test_an_edit_of_published_content_shows_at_once(page_cache, client):
    report = ReportFactory(title="Original wording")
    url = reverse("reports:detail", args=[report.slug])
    client.get(url)
    assert cache_state(client.get(url)) == "hit"
    Report.objects.filter(pk=report.pk).update(title="Corrected wording")
    response = client.get(url)
    assert cache_state(response) == "miss"
    assert "Corrected wording" in response.text


def test_scheduled_content_appears_when_its_time_comes(page_cache, client):
    due = timezone.now() + datetime.timedelta(seconds=2)
    ReportFactory(title="Scheduled synthesis on mandates", publish_at=due)
    assert "Scheduled synthesis" not in client.get(LIST).text
    assert cache_state(client.get(LIST)) == "hit"
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.2)
    response = client.get(LIST)
    assert cache_state(response) == "miss"
    assert "Scheduled synthesis" in response.text


def test_cached_answers_still_carry_security_headers_and_a_request_id(page_cache, client):
    client.get(LIST)
    hit = client.get(LIST)
    assert cache_state(hit) == "hit"
    assert "object-src 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["X-Request-ID"] != client.get(LIST)["X-Request-ID"]


@pytest.mark.parametrize(
    "url", ["/api/v1/reports/", "/healthz", "/reports/?page=not-a-number", "/admin/login/"]
)
def test_api_probes_errors_and_the_admin_are_never_cached(page_cache, client, url):
    for _ in range(2):
        assert cache_state(client.get(url)) is None


def test_signed_in_staff_always_get_a_fresh_page(page_cache, client, curator):
    client.get(LIST)
    client.force_login(curator)
    assert cache_state(client.get(LIST)) is None


def cached_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM platform_cache WHERE cache_key LIKE '%%:api:%%'")
        return cursor.fetchone()[0]


def test_api_answers_come_from_the_cache_but_still_count_against_the_quota(
    page_cache, client, django_assert_max_num_queries
):
    report = ReportFactory(title="Answer cached")
    url = f"/api/v1/reports/{report.slug}/"
    first = client.get(url)
    assert cached_answers() == 1
    with django_assert_max_num_queries(3):  # quota, version, cache entry
        second = client.get(url)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == "application/json"
    remaining = int(first["X-RateLimit-Remaining"])
    assert int(second["X-RateLimit-Remaining"]) == remaining - 1
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304

    Report.objects.filter(pk=report.pk).update(title="Answer refreshed")
    assert client.get(url).json()["title"] == "Answer refreshed"


def test_api_errors_and_csv_exports_are_not_cached(page_cache, client):
    ReportFactory()
    assert client.get("/api/v1/reports/?limit=5000").status_code == 400
    assert client.get("/api/v1/reports/?format=csv").status_code == 200
    assert client.get("/api/v1/reports/no-such-report/").status_code == 404
    assert cached_answers() == 0


def test_a_cache_outage_slows_pages_down_but_breaks_nothing(page_cache, settings, client):
    """Redis gone (nothing listens on port 1): pages and API answers are rendered as if
    there were no cache, and the API's rate limits are counted in the database."""
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }
    report = ReportFactory(title="Served without a cache")
    page = client.get(LIST)
    assert page.status_code == 200
    assert "Served without a cache" in page.text
    assert cache_state(page) is None
    answer = client.get(f"/api/v1/reports/{report.slug}/")
    assert answer.status_code == 200
    assert answer.json()["title"] == "Served without a cache"
    assert int(answer["X-RateLimit-Remaining"]) < int(answer["X-RateLimit-Limit"])


def test_each_host_and_scheme_has_its_own_copy_and_plain_http_is_still_redirected(
    page_cache, settings, client
):
    client.get(LIST, secure=True)
    assert cache_state(client.get(LIST, secure=True)) == "hit"
    assert cache_state(client.get(LIST, secure=True, headers={"Host": "localhost"})) == "miss"
    # A copy kept for plain HTTP while redirects were off is not served once they are on.
    client.get(LIST)
    assert cache_state(client.get(LIST)) == "hit"
    settings.SECURE_SSL_REDIRECT = True
    plain = Client().get(LIST)  # a new client: middleware reads the setting when loaded
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")


@pytest.mark.parametrize("seconds", [60, 0])
def test_an_unknown_host_gets_400_with_or_without_the_cache(settings, client, caplog, seconds):
    settings.PAGE_CACHE_SECONDS = seconds
    response = client.get(LIST, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert response.text == "This site does not answer to that host name."
    assert "page cache unavailable" not in caplog.text
