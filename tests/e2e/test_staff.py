"""The editorial path in Chromium: an editor drafts a report with a recommendation
and a PDF and submits it; a publisher previews and publishes it; a visitor finds it
by a word that appears only inside the PDF."""

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from playwright.sync_api import Page, expect

from peaceplatform import roles
from tests.conftest import STAFF_PASSWORD
from tests.pdfs import make_pdf

pytestmark = pytest.mark.e2e

TITLE = "Rapid deployment lessons from the field"
WORD_IN_PDF = "Zephyrinian"


@pytest.fixture
def staff(transactional_db, make_staff):
    # Browser tests empty the tables after each test, the groups made by migration too.
    roles.sync(apps)
    make_staff("Editor")
    make_staff("Publisher")


def sign_in(page: Page, url: str, username: str):
    page.goto(url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if "/admin/second-factor/setup/" in page.url:
        # A Publisher's first sign-in: set up the authenticator app, as a person would
        # with the key the page shows, then note the recovery codes and go on.
        secret = page.locator("#totp-secret").inner_text().replace(" ", "")
        page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Confirm").click()
        expect(page.locator(".recovery-codes li")).to_have_count(10)
        page.get_by_role("link", name="Go on to the admin").click()
    expect(page.get_by_role("link", name="Waiting for review")).to_be_visible()


def sign_out(page: Page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Logged out")).to_be_visible()


def test_draft_review_publish_and_find(page: Page, live_server, staff, worker, tmp_path):
    # MEDIA_ROOT is the worker fixture's, shared by the live server and the worker.
    pdf = tmp_path / "annex.pdf"
    pdf.write_bytes(make_pdf("Annex", f"The {WORD_IN_PDF} procedure for rapid deployment."))
    url = live_server.url
    # Every page on the way, admin included, runs under the strict CSP without a refusal.
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    # The editor drafts the report and submits it.
    sign_in(page, url, "editor")
    page.goto(url + "/admin/reports/report/add/")
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=slug]").fill("rapid-deployment-lessons")
    page.locator("[name=kind]").select_option("policy_paper")
    page.locator("[name=published_on]").fill("2015-10-01")
    page.locator("[name=summary]").fill("Lessons on **rapid deployment**.")
    # The live preview shows the Markdown as the public page will.
    expect(page.locator(".markdown-preview strong")).to_have_text("rapid deployment")
    page.get_by_text("Add another Report document").click()
    page.locator("[name=documents-0-language]").select_option("en")
    page.locator("[name=documents-0-file]").set_input_files(str(pdf))
    page.get_by_text("Add another Recommendation").click()
    page.locator("[name=recommendations-0-label]").fill("1")
    page.locator("[name=recommendations-0-title]").fill("Keep a standing reserve")
    page.locator("[name=recommendations-0-text]").fill("Member states keep units ready.")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    # The PDF's text is read by the worker, not in the request: the page says so.
    expect(page.locator(".messagelist")).to_contain_text("being read in the background")
    expect(page.locator(".workflow-state")).to_contain_text("Draft")

    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Yes, submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("1 report submitted for review.")
    # Publishing is not offered to an editor.
    expect(page.get_by_role("link", name="Publish now")).to_have_count(0)
    sign_out(page)

    # Not public yet.
    assert page.request.get(url + "/reports/rapid-deployment-lessons/").status == 404

    # The publisher finds it waiting, previews it, and publishes it.
    sign_in(page, url, "publisher")
    page.get_by_role("link", name="Waiting for review").click()
    page.get_by_role("link", name=TITLE).click()
    preview_url = page.get_by_role("link", name="Preview").get_attribute("href")
    page.goto(preview_url)
    expect(page.locator(".preview-banner")).to_contain_text("This page is not public")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("strong", has_text="rapid deployment")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="Publish now").click()
    page.get_by_role("button", name="Yes, publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("1 report published.")
    sign_out(page)

    # A visitor finds it by a word from inside the PDF.
    page.goto(url + "/")
    page.get_by_label("Search reports, events, people and member states").fill(WORD_IN_PDF)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Keep a standing reserve")).to_be_visible()
    assert refused == []


def test_the_admin_speaks_the_language_its_user_chooses(page: Page, live_server, staff):
    """The chooser at the top of the admin works without JavaScript's help (a form),
    and the admin it gives is in that language, right to left for Arabic, with the
    staff scripts' own words too; axe-core finds nothing serious there."""
    from tests.e2e.test_journeys import serious_violations

    url = live_server.url
    sign_in(page, url, "editor")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Apply").click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="مسوداتي")).to_be_visible()
    assert serious_violations(page) == []

    page.goto(url + "/admin/reports/report/add/")
    expect(page.locator('label[for="id_title"]')).to_have_text("العنوان:")
    # The translation tabs (static/staff/translation-tabs.js), named in Arabic.
    expect(page.get_by_role("tablist")).to_have_attribute("aria-label", "الترجمات")
    # Our parts of the form: the chooser and the translation tabs. (Django's own
    # autocomplete and tabular inline inputs have no label of their own.)
    ours = {"include": [["#user-tools"], [".translation-tabs"], ["fieldset.translation"]]}
    audit = Axe().run(page, context=ours).response["violations"]
    assert [v["id"] for v in audit if v["impact"] in {"serious", "critical"}] == []

    page.get_by_label("اللغة").select_option("fr")
    page.get_by_role("button", name="تطبيق").click()
    expect(html).to_have_attribute("lang", "fr")
    expect(page.locator('label[for="id_title"]')).to_have_text("Titre :")
