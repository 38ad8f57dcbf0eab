import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are measured and checked as they are rendered: the public page cache is
    off except in tests that turn it on (tests/peaceplatform/test_page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


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


STAFF_PASSWORD = "a-long-password-for-tests"


@pytest.fixture
def make_staff(django_user_model):
    """A staff account in one of the role groups of peaceplatform/roles.py."""

    def make(role):
        from django.contrib.auth.models import Group

        user = django_user_model.objects.create_user(
            username=role.lower(), password=STAFF_PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role.capitalize()))
        return user

    return make


@pytest.fixture
def signed_in(client, make_staff):
    """The client, signed in as a new staff member of the given role ("anonymous":
    not signed in at all)."""

    def sign_in(role):
        if role != "anonymous":
            client.force_login(make_staff(role))
        return client

    return sign_in
