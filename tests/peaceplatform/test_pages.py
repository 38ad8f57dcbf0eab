import pytest
from django.urls import reverse

from core.publishing.status import Status
from tests.factories import DocumentSymbolFactory, EventFactory, ReportFactory

pytestmark = pytest.mark.django_db

HIPPO_TITLE = "Uniting our strengths for peace: politics, partnership and people"


def test_home_shows_latest_published_reports_and_events(anonymous, demo):
    response = anonymous.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert HIPPO_TITLE in page
    assert "A/70/95–S/2015/446" in page
    assert "Leaders&#x27; Summit on Peacekeeping" in page
    assert "Chatham House rule" in page
    assert "3rd High-Level Dialogue on United Nations Peacekeeping Operations" in page


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_home_never_shows_unpublished_content(anonymous, status):
    ReportFactory(title="Secret draft report", status=status)
    EventFactory(title="Secret draft event", status=status)
    ReportFactory(title="Public report")
    page = anonymous.get("/").content.decode()
    assert "Public report" in page
    assert "Secret draft" not in page


def test_home_empty_state(anonymous, db):
    page = anonymous.get("/").content.decode()
    assert "No reports have been published yet." in page
    assert "No events have been published yet." in page


def test_home_query_count_is_constant(anonymous, django_assert_max_num_queries, no_page_cache):
    for n in range(10):
        report = ReportFactory()
        DocumentSymbolFactory(report=report, symbol=f"A/70/{n}")
        EventFactory()
    # reports + their symbols + their authors, upcoming events, past events, topics.
    with django_assert_max_num_queries(6):
        assert anonymous.get("/").status_code == 200


def test_home_has_landmarks_and_a_skip_link(anonymous, db):
    page = anonymous.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert 'href="#main"' in page
    assert '<main id="main"' in page
    assert '<nav aria-label="Main">' in page


def test_home_refuses_unsafe_methods(anonymous, db):
    assert anonymous.post("/").status_code == 405
    assert anonymous.head("/").status_code == 200


def test_security_headers(anonymous, db):
    response = anonymous.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_healthz(anonymous):
    response = anonymous.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_when_the_database_answers(anonymous, db):
    response = anonymous.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "jobs": {"waiting": 0, "oldest_waiting_seconds": None},
    }
    assert "no-cache" in response["Cache-Control"]


def test_unknown_page_is_a_404(anonymous, db):
    assert anonymous.get("/no-such-page/").status_code == 404


def test_csrf_is_enforced_on_the_admin_login(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
