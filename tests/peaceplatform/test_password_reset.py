"""Staff password reset, and no user enumeration: neither the sign-in form nor the
reset form tells a stranger whether an account exists."""

import re

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
SIGN_IN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staffer", "staffer@example.org", "correct-horse-battery-staple", is_staff=True
    )


def page_text(response) -> str:
    """The page without what differs between any two requests (the CSRF token)."""
    return re.sub(r'value="[^"]{32,}"', 'value="…"', response.content.decode())


def test_the_sign_in_page_offers_the_reset(client):
    page = client.get(SIGN_IN).content.decode()
    assert f'href="{RESET}"' in page


def test_a_reset_for_an_unknown_address_looks_exactly_like_one_for_a_known_one(client, staff):
    known = client.post(RESET, {"email": "staffer@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/admin/password_reset/done/", 302)]
    assert page_text(known) == page_text(unknown)
    # Only the real account gets mail.
    assert [message.to for message in mail.outbox] == [["staffer@example.org"]]


def test_the_emailed_link_sets_a_new_password_once(client, staff):
    client.post(RESET, {"email": "staffer@example.org"})
    link = re.search(r"https?://[^/\s]+(/admin/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)  # Django swaps the token for a session marker
    assert form.status_code == 200
    new = "a-brand-new-long-password-7"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert done.url == "/admin/reset/done/"
    staff.refresh_from_db()
    assert staff.check_password(new)
    # The link is spent: the password it was made for has changed.
    again = Client().get(link, follow=True)
    assert "invalid" in again.content.decode().lower()


def test_sign_in_failure_is_the_same_for_an_unknown_user(staff):
    wrong_password = Client().post(SIGN_IN, {"username": "staffer", "password": "wrong"})
    unknown_user = Client().post(SIGN_IN, {"username": "nobody", "password": "wrong"})
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert page_text(wrong_password).replace("staffer", "X") == page_text(unknown_user).replace(
        "nobody", "X"
    )


def test_lockout_is_the_same_for_an_unknown_user(staff, settings):
    answers = {}
    for username in ["staffer", "nobody"]:
        visitor = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            last = visitor.post(SIGN_IN, {"username": username, "password": "wrong"})
        answers[username] = (last.status_code, page_text(last))
    assert answers["staffer"] == answers["nobody"]
    assert answers["staffer"][0] == 429


def test_the_reset_form_needs_its_csrf_token(staff):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(RESET, {"email": "staffer@example.org"}).status_code == 403
    assert mail.outbox == []


def test_past_the_hourly_limit_no_more_mail_goes_out_and_nothing_shows(client, staff, settings):
    settings.PASSWORD_RESET_LIMIT = 3
    pages = [
        page_text(client.post(RESET, {"email": "staffer@example.org"}, follow=True))
        for _ in range(5)
    ]
    assert len(mail.outbox) == 3
    assert len(set(pages)) == 1  # the same "sent" page every time


def test_the_limit_also_holds_per_client_across_addresses(client, staff, settings):
    settings.PASSWORD_RESET_LIMIT = 2
    for email in ["a@example.org", "b@example.org", "staffer@example.org"]:
        client.post(RESET, {"email": email})
    assert mail.outbox == []  # the third request from this address is over the limit
