"""Partner keys in the admin: created with a name, contact, origins and rate, the key
shown once and stored only as a hash; usage visible; origins validated."""

import re

import pytest
from django.contrib.messages import get_messages
from rest_framework.test import APIClient

from peaceplatform.models import KeyUsage, PartnerKey

pytestmark = pytest.mark.django_db


def test_creating_a_key_shows_it_once_and_stores_a_hash(curator_client, demo):
    response = curator_client.post(
        "/admin/peaceplatform/partnerkey/add/",
        {
            "name": "Think tank site",
            "organization": "A think tank",
            "contact": "web@thinktank.example",
            "allowed_origins": "https://thinktank.example,https://www.thinktank.example",
            "rate_limit": "120",
            "usage-TOTAL_FORMS": "0",
            "usage-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    key = PartnerKey.objects.get(name="Think tank site")
    # The secret has a page of its own, shown once; it never rides in a cookie.
    assert response["Location"] == f"/admin/peaceplatform/partnerkey/{key.pk}/created/"
    assert not any(m for m in get_messages(response.wsgi_request) if "key" in str(m).lower())
    shown = curator_client.get(response["Location"])
    assert "no-store" in shown["Cache-Control"]
    secret = re.search(
        r'id="partner-key" type="text" readonly size="60" value="([^"]+)"', shown.content.decode()
    ).group(1)
    for answer in (response, shown):
        assert all(secret not in morsel.value for morsel in answer.cookies.values())
    assert key.allowed_origins == ["https://thinktank.example", "https://www.thinktank.example"]
    assert secret not in key.hashed_key
    assert secret not in key.id
    client = APIClient(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert client.get("/api/v1/topics/")["X-RateLimit-Limit"] == "120"
    again = curator_client.get(response["Location"]).content.decode()
    assert secret not in again
    assert "cannot be shown again" in again
    for _ in range(2):
        page = curator_client.get(f"/admin/peaceplatform/partnerkey/{key.pk}/change/").content
        assert secret.encode() not in page
        assert secret.encode() not in curator_client.get("/admin/peaceplatform/partnerkey/").content
    assert KeyUsage.objects.get(key=key).requests == 1
    assert b"Requests per day (UTC)" in page


@pytest.mark.parametrize(
    "origin", ["thinktank.example", "https://thinktank.example/path", "ftp://thinktank.example"]
)
def test_origins_must_be_origins(curator_client, demo, origin):
    response = curator_client.post(
        "/admin/peaceplatform/partnerkey/add/",
        {
            "name": "Bad origin",
            "contact": "web@thinktank.example",
            "allowed_origins": origin,
            "rate_limit": "60",
            "usage-TOTAL_FORMS": "0",
            "usage-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["allowed_origins"]
    assert not PartnerKey.objects.exists()
