"""CSRF on every unsafe request: each admin URL (read from the resolver, so a new admin
view is covered as soon as it exists) and each public form, posted by a signed-in
superuser whose browser does not send the token, answers 403 and changes nothing."""

import pytest
from django.apps import apps
from django.contrib.admindocs.views import extract_views_from_urlpatterns
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from peaceplatform.models import PartnerKey
from reports.models import Report
from tests.conftest import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def admin_urls():
    """Every admin URL, its arguments filled with a real row of its model."""
    urls, skipped = [], []
    for _view, _regex, namespace, name in extract_views_from_urlpatterns(
        get_resolver().url_patterns
    ):
        if namespace != ["admin"] or not name:
            continue
        try:
            urls.append(reverse(f"admin:{name}"))
            continue
        except NoReverseMatch:
            pass
        model = model_of(name)
        row = model._default_manager.order_by("pk").first() if model else None
        for arguments in filled(name, model, row):
            try:
                urls.append(reverse(f"admin:{name}", kwargs=arguments))
                break
            except NoReverseMatch:
                continue
        else:
            skipped.append(name)
    return urls, skipped


def model_of(name):
    for model in apps.get_models():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model
    return None


def filled(name, model, row):
    if name == "app_list":
        yield from ({"app_label": label} for label in ("reports", "auth"))
    if row is not None:
        yield {"object_id": row.pk}
        # The workflow buttons and history restores: the token is checked before any
        # of these values is looked at.
        yield {"object_id": row.pk, "name": "publish"}
        yield {"object_id": row.pk, "version_id": 1}
        yield {"id": row.pk}  # a user's password form


def test_every_admin_url_refuses_a_post_without_its_token(demo, curator, reliability):
    PartnerKey.objects.create_key(name="Partner", contact="dev@example.org")
    urls, skipped = admin_urls()
    # Everything the admin offers, but for URLs of models with no row in the demo.
    assert len(urls) > 100
    assert "reports_report_change" not in skipped
    browser = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(browser, curator)
    before = list(Report.objects.order_by("pk").values_list("pk", "title", "status"))
    answers = {url: browser.post(url, {"title": "Changed by a forged post"}).status_code
               for url in urls}  # fmt: skip
    assert {url: code for url, code in answers.items() if code != 403} == {}
    assert list(Report.objects.order_by("pk").values_list("pk", "title", "status")) == before
    reliability(
        "CSRF",
        admin_urls_posted_without_the_token=f"{len(urls)}, all refused with 403",
        not_reachable_without_a_row=", ".join(sorted(skipped)) or "none",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/login/",
        "/admin/logout/",
        "/admin/password_reset/",
        "/admin/password_change/",
        "/admin/review/",
        "/admin/markdown-preview/",
        "/admin/second-factor/",
        "/admin/second-factor/setup/",
        "/admin/second-factor/recovery-codes/",
    ],
)
def test_forms_outside_the_model_admins_need_their_token(db, curator, url):
    browser = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(browser, curator)
    assert browser.post(url, {"email": "curator@example.org"}).status_code == 403
