"""Staff sign-in (peaceplatform/staff.py): a second factor, with real codes computed by
pyotp from the key the setup page shows, and sessions that end."""

import re
import time
from base64 import b32encode

import pyotp
import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from peaceplatform import staff
from tests.conftest import STAFF_PASSWORD

SIGN_IN = "/admin/login/?next=/admin/reports/report/"
REPORTS = "/admin/reports/report/"


def password_step(client, username):
    response = client.post(SIGN_IN, {"username": username, "password": STAFF_PASSWORD})
    assert response.status_code == 302, "the password was refused"
    return client.get(REPORTS)


def totp(device, steps_ahead=0) -> str:
    """The code an authenticator app holding this device's key shows now (or one
    step of 30 seconds later: a code is good once, and the device accepts the next)."""
    generator = pyotp.TOTP(b32encode(device.bin_key).decode())
    return generator.at(time.time() + 30 * steps_ahead)


def shown_secret(page: str) -> str:
    return re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")


def end_throttling(user):
    """As if the wait after a wrong code had passed (rather than sleeping through it)."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=None)


@pytest.fixture
def publisher(make_staff):
    return make_staff("Publisher")


@pytest.fixture
def editor(make_staff):
    return make_staff("Editor")


def test_a_publisher_must_set_up_a_second_factor_before_the_admin_opens(client, publisher):
    gate = password_step(client, "publisher")
    assert gate.status_code == 302
    assert gate["Location"].startswith(reverse("second-factor-setup"))
    # Every admin page, the Markdown preview included, leads to the same place.
    for url in ["/admin/", "/admin/auth/user/", "/admin/markdown-preview/"]:
        assert client.get(url)["Location"].startswith(reverse("second-factor-setup")), url
    assert client.post("/admin/markdown-preview/", {"text": "x"}).status_code == 302

    setup = client.get(gate["Location"])
    page = setup.content.decode()
    assert setup["Cache-Control"].count("no-store") == 1
    assert 'src="data:image/svg+xml' in page  # the QR code, with no outside request
    secret = shown_secret(page)
    wrong = client.post(reverse("second-factor-setup"), {"code": "000000", "next": REPORTS})
    assert "That code did not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=publisher, confirmed=True).exists()
    # Right after a wrong code, the right one is held back (django-otp's throttling,
    # 1, 2, 4 … seconds), and the page says so rather than calling it wrong.
    soon = client.post(
        reverse("second-factor-setup"), {"code": pyotp.TOTP(secret).now(), "next": REPORTS}
    )
    assert "Too many wrong codes in a row: wait 1 second" in soon.content.decode()
    end_throttling(publisher)

    done = client.post(
        reverse("second-factor-setup"), {"code": pyotp.TOTP(secret).now(), "next": REPORTS}
    )
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == staff.RECOVERY_CODES
    assert len(set(codes)) == staff.RECOVERY_CODES
    assert f'href="{REPORTS}"' in done.content.decode()
    assert client.get(REPORTS).status_code == 200
    assert TOTPDevice.objects.filter(user=publisher, confirmed=True).count() == 1


def test_with_a_device_the_password_alone_does_not_open_the_admin(client, publisher):
    device = TOTPDevice.objects.create(user=publisher, name="Phone", confirmed=True)
    gate = password_step(client, "publisher")
    assert gate["Location"] == f"{reverse('second-factor')}?next={REPORTS.replace('/', '%2F')}"
    # The setup page cannot be used to replace the device without the code.
    assert client.get(reverse("second-factor-setup"))["Location"].startswith(
        reverse("second-factor")
    )
    wrong = client.post(reverse("second-factor"), {"code": "123456", "next": REPORTS})
    assert "That code did not work" in wrong.content.decode()
    assert client.get(REPORTS).status_code == 302
    # A wrong code slows the next try down (django-otp's throttling): even the right
    # code is refused for a moment after a wrong one.
    throttled = client.post(reverse("second-factor"), {"code": totp(device), "next": REPORTS})
    assert "Too many wrong codes in a row" in throttled.content.decode()
    end_throttling(publisher)
    right = client.post(reverse("second-factor"), {"code": totp(device), "next": REPORTS})
    assert right.status_code == 302
    assert right["Location"] == REPORTS
    assert client.get(REPORTS).status_code == 200


def test_a_code_is_good_once(client, publisher):
    device = TOTPDevice.objects.create(user=publisher, name="Phone", confirmed=True)
    code = totp(device)
    password_step(client, "publisher")
    assert client.post(reverse("second-factor"), {"code": code}).status_code == 302
    client.post("/admin/logout/")
    password_step(client, "publisher")
    again = client.post(reverse("second-factor"), {"code": code})
    assert again.status_code == 200
    assert client.get(REPORTS).status_code == 302


def test_a_recovery_code_signs_in_once(client, publisher):
    TOTPDevice.objects.create(user=publisher, name="Phone", confirmed=True)
    [code, *_] = staff.replace_recovery_codes(publisher)
    password_step(client, "publisher")
    used = client.post(reverse("second-factor"), {"code": code}, follow=True)
    assert "You signed in with a recovery code; 9 left" in used.content.decode()
    assert client.get(REPORTS).status_code == 200
    client.post("/admin/logout/")
    password_step(client, "publisher")
    assert client.post(reverse("second-factor"), {"code": code}).status_code == 200
    assert client.get(REPORTS).status_code == 302


def test_new_recovery_codes_void_the_old_ones(client, publisher):
    device = TOTPDevice.objects.create(user=publisher, name="Phone", confirmed=True)
    old = staff.replace_recovery_codes(publisher)
    password_step(client, "publisher")
    client.post(reverse("second-factor"), {"code": totp(device)})
    home = client.get("/admin/").content.decode()
    assert "Make new recovery codes" in home
    page = client.post(reverse("second-factor-recovery-codes")).content.decode()
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(new) == staff.RECOVERY_CODES
    assert not set(new) & set(old)
    client.post("/admin/logout/")
    password_step(client, "publisher")
    assert client.post(reverse("second-factor"), {"code": old[0]}).status_code == 200
    end_throttling(publisher)
    assert client.post(reverse("second-factor"), {"code": new[0]}).status_code == 302


def test_an_editor_signs_in_with_the_password_unless_the_setting_asks_for_more(
    client, editor, settings
):
    assert password_step(client, "editor").status_code == 200
    home = client.get("/admin/").content.decode()
    assert "Add a second factor" in home
    client.post("/admin/logout/")

    settings.SECOND_FACTOR_FOR_ALL_STAFF = True
    gate = password_step(client, "editor")
    assert gate["Location"].startswith(reverse("second-factor-setup"))


def test_an_editor_who_set_up_a_device_must_use_it(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    assert password_step(client, "editor")["Location"].startswith(reverse("second-factor"))
    client.post(reverse("second-factor"), {"code": totp(device)})
    assert client.get(REPORTS).status_code == 200


def test_the_second_step_sends_only_to_admin_pages(client, publisher):
    device = TOTPDevice.objects.create(user=publisher, name="Phone", confirmed=True)
    for step, elsewhere in enumerate(["https://evil.example/admin/", "/reports/"]):
        password_step(client, "publisher")
        answer = client.post(
            reverse("second-factor"), {"code": totp(device, step), "next": elsewhere}
        )
        assert answer["Location"] == "/admin/", elsewhere
        client.post("/admin/logout/")


def set_session_times(client, *, signed_in_ago, seen_ago):
    session = client.session
    now = time.time()
    session[staff.SIGNED_IN_AT] = now - signed_in_ago
    session[staff.SEEN_AT] = now - seen_ago
    session.save()


def test_an_idle_staff_session_ends(signed_in, settings):
    client = signed_in("Editor")
    assert client.get(REPORTS).status_code == 200
    set_session_times(client, signed_in_ago=3600, seen_ago=119 * 60)
    assert client.get(REPORTS).status_code == 200  # 119 minutes idle: still in
    set_session_times(client, signed_in_ago=3600, seen_ago=121 * 60)
    ended = client.get(REPORTS, follow=True)
    assert ended.redirect_chain[0][0].startswith("/admin/login/")
    assert "signed out after 120 minutes without activity" in ended.content.decode()
    assert client.get(REPORTS).status_code == 302

    settings.STAFF_IDLE_MINUTES = 5
    client = signed_in("Publisher")
    set_session_times(client, signed_in_ago=600, seen_ago=6 * 60)
    assert client.get(REPORTS).status_code == 302


def test_a_staff_session_ends_after_its_absolute_limit_even_when_busy(signed_in, settings):
    client = signed_in("Editor")
    set_session_times(client, signed_in_ago=11.9 * 3600, seen_ago=10)
    assert client.get(REPORTS).status_code == 200
    set_session_times(client, signed_in_ago=12.1 * 3600, seen_ago=10)
    ended = client.get(REPORTS, follow=True)
    assert "signed out 12 hours after signing in" in ended.content.decode()
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_a_rejected_next_lands_on_the_admin(client, editor):
    answer = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": "editor", "password": STAFF_PASSWORD},
    )
    assert answer["Location"] == "/admin/"
    assert client.get(answer["Location"]).status_code == 200


def test_the_settings_come_from_the_environment():
    from tests.processes import run_django

    result = run_django(
        "from django.conf import settings\n"
        "print(settings.STAFF_IDLE_MINUTES, settings.STAFF_SESSION_HOURS,"
        " settings.SECOND_FACTOR_FOR_ALL_STAFF, settings.SESSION_COOKIE_AGE)",
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="staff-settings",
        DJANGO_STAFF_IDLE_MINUTES="30",
        DJANGO_STAFF_SESSION_HOURS="8",
        DJANGO_SECOND_FACTOR_FOR_ALL_STAFF="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["30", "8", "True", str(8 * 3600)]
