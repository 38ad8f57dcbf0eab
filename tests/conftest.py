import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The real demo content, as `make run` loads it."""
    call_command("load_demo", verbosity=0)


@pytest.fixture
def anonymous(client):
    """A public visitor with no account."""
    return client


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser(
        username="curator", email="curator@example.org", password="curator-password-123"
    )


@pytest.fixture
def curator_client(client, curator):
    """A staff curator signed in to the admin."""
    client.force_login(curator)
    return client
