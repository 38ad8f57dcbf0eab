"""One client address for lockouts, reset limits and quotas (core/client.py),
sent the headers nginx sends: `$proxy_add_x_forwarded_for` appends the peer it saw to
whatever the client wrote."""

import ipaddress

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from core.client import client_address

SIGN_IN = "/admin/login/?next=/admin/"
NGINX = "10.0.0.2"  # the proxy's own address, as gunicorn sees it


def request(forwarded=None, remote=NGINX):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.fixture
def request_fixture(request):
    return request


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXY_NETWORKS = 1, []


@pytest.fixture
def proxy_networks(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXY_NETWORKS = [ipaddress.ip_network("10.0.0.0/8")]


CASES = [
    # (X-Forwarded-For as nginx passes it on, the client)
    ("198.51.100.7", "198.51.100.7"),  # an honest client
    ("203.0.113.66, 198.51.100.7", "198.51.100.7"),  # the left part is forged
    ("evil, 198.51.100.7", "198.51.100.7"),
    ("203.0.113.66,198.51.100.7", "198.51.100.7"),
    ("2001:db8::1", "2001:db8::1"),
]


@pytest.mark.parametrize(("forwarded", "client"), CASES)
def test_behind_one_counted_proxy_the_right_most_added_address_is_the_client(
    one_proxy, forwarded, client, reliability
):
    assert client_address(request(forwarded)) == client
    reliability("Client address", **{f"count 1, {forwarded!r}": client})


@pytest.mark.parametrize(("forwarded", "client"), CASES)
def test_behind_trusted_networks_the_right_most_untrusted_address_is_the_client(
    proxy_networks, forwarded, client, reliability
):
    assert client_address(request(forwarded)) == client
    # Another trusted hop (a load balancer inside the network) changes nothing.
    assert client_address(request(f"{forwarded}, 10.1.2.3")) == client
    reliability("Client address", **{f"networks 10/8, {forwarded!r}": client})


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXY_NETWORKS = 0, []
    assert client_address(request("203.0.113.66", remote="198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize("proxies", ["one_proxy", "proxy_networks"])
def test_a_request_without_the_header_is_its_peer(request_fixture, proxies):
    request_fixture.getfixturevalue(proxies)
    assert client_address(request(None, remote="198.51.100.7")) == "198.51.100.7"


def test_with_networks_a_request_that_bypassed_the_proxy_is_its_peer(proxy_networks):
    # A count cannot tell (it trusts the peer to be the proxy); networks can.
    assert client_address(request("203.0.113.66", remote="198.51.100.7")) == "198.51.100.7"


def test_garbage_where_the_proxy_writes_falls_back_to_the_peer(one_proxy):
    # Only a misconfigured chain puts garbage there; never a 500, never garbage stored.
    assert client_address(request("not-an-address")) == NGINX
    assert client_address(request(", ,")) == NGINX


@pytest.mark.django_db
class TestSignInLockout:
    @pytest.fixture
    def staff(self, django_user_model):
        return django_user_model.objects.create_user(
            "staffer", password="correct-horse-battery-staple", is_staff=True
        )

    def attempt(self, forwarded, password="wrong"):  # noqa: S107
        return Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=forwarded).post(
            SIGN_IN, {"username": "staffer", "password": password}
        )

    def test_forging_a_new_left_most_address_each_time_still_locks_out(
        self, one_proxy, staff, settings, reliability
    ):
        answers = [self.attempt(f"203.0.113.{n}, 198.51.100.7").status_code for n in range(1, 21)]
        assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (
            settings.AXES_FAILURE_LIMIT - 1
        )
        assert set(answers[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}
        right = self.attempt("203.0.113.99, 198.51.100.7", "correct-horse-battery-staple")
        assert right.status_code == 429
        reliability(
            "Client address",
            wrong_passwords_with_a_new_forged_address_each=20,
            locked_out_after=answers.index(429) + 1,
        )

    def test_each_client_has_its_own_counter(self, one_proxy, staff, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.attempt("198.51.100.7")
        assert self.attempt("198.51.100.7").status_code == 429
        # Another honest client behind the same proxy is not locked out by the first.
        other = self.attempt("198.51.100.8", "correct-horse-battery-staple")
        assert other.status_code == 302


@pytest.mark.django_db
def test_the_reset_limit_counts_the_real_client_not_the_forged_one(
    one_proxy, settings, django_user_model
):
    django_user_model.objects.create_user("staffer", "staffer@example.org", "x", is_staff=True)
    settings.PASSWORD_RESET_LIMIT = 2
    for n, email in enumerate(["a@example.org", "b@example.org", "staffer@example.org"]):
        Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7").post(
            "/admin/password_reset/", {"email": email}
        )
    assert mail.outbox == []  # the third from the same real client is over its limit
    Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.8").post(
        "/admin/password_reset/", {"email": "staffer@example.org"}
    )
    assert len(mail.outbox) == 1  # another client still can


@pytest.mark.django_db
def test_api_quotas_count_the_real_client(one_proxy, settings):
    settings.API_ANONYMOUS_RATE = 3
    answers = [
        Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7")
        .get("/api/v1/topics/")
        .status_code
        for n in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]
    other = Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.8").get("/api/v1/topics/")
    assert other.status_code == 200
