import pytest

from peaceplatform.models import PartnerKey


@pytest.fixture
def make_key(db):
    """A partner key as the admin creates it; returns (key object, the secret)."""

    def make(**fields):
        fields.setdefault("name", "Partner site")
        fields.setdefault("contact", "dev@partner.example")
        return PartnerKey.objects.create_key(**fields)

    return make


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def slugs(response) -> list[str]:
    return [item["slug"] for item in items(response)]


def problems(response) -> dict[str, str]:
    """{parameter: message} of a 400 answer, checking the error body's shape."""
    assert response.status_code == 400, response.content[:500]
    body = response.json()
    assert body["detail"]
    return {error["parameter"]: error["message"] for error in body["errors"]}
