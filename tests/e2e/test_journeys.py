"""The two journeys of the issue "A site that reads well on a phone", walked in Chromium
at a desktop's and a phone's width, each step saved as a screenshot under
var/screenshots/ (the CI keeps them as artifacts) and audited with axe-core:

- a visitor: home, search, the report list narrowed by a filter (folded on a phone),
  a report, one of its recommendations, a member state;
- a curator: the start page, a new draft, its preview through "View on site", the
  review, scheduling, publishing, deleting into the Trash and restoring."""

import datetime
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from peaceplatform import demo_content, roles
from tests.e2e.test_staff import sign_in

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def snap(page: Page, journey: str, width: str, step: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{journey}-{width}-{step}.png", full_page=True)


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url}: {violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_visitors_journey(page: Page, demo_site, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    url, problems = demo_site.url, []

    def step(name):
        snap(page, "visitor", width, name)
        problems.extend(serious_violations(page))
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width][0]

    page.goto(url + "/")
    step("1-home")
    page.get_by_label("Search reports, events, people and member states").fill("protection")
    page.get_by_label("Search reports, events, people and member states").press("Enter")
    expect(page.get_by_role("heading", name="Reports", exact=False).first).to_be_visible()
    step("2-search")
    page.get_by_role("link", name="Filter and sort these reports").click()
    if width == "phone":
        page.locator(".filters-panel > summary").click()
    page.get_by_label("Protection of civilians").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".chips")).to_contain_text("Protection of civilians")
    step("3-filtered")
    kigali = "The Kigali Principles on the Protection of Civilians"
    page.get_by_role("link", name=kigali).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kigali)
    step("4-report")
    page.goto(f"{url}/reports/{demo_content.HIPPO_SLUG}/recommendations/protection-of-civilians/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    step("5-recommendation")
    page.goto(f"{url}/member-states/rwanda/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rwanda")
    step("6-member-state")
    assert problems == []


@pytest.fixture
def administrator(transactional_db, make_staff):
    roles.sync(apps)  # browser tests empty the tables, the groups made by migration too
    return make_staff("Administrator")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_curators_journey(page: Page, live_server, administrator, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    url = live_server.url
    title = f"Standing police capacity review ({width})"

    sign_in(page, url, "administrator")
    expect(page.get_by_role("heading", name="My drafts")).to_be_visible()
    assert serious_violations(page) == []
    snap(page, "curator", width, "1-start")

    page.goto(url + "/admin/reports/report/add/")
    page.locator("[name=title]").fill(title)
    page.locator("[name=kind]").select_option("policy_paper")
    page.locator("[name=published_on]").fill("2016-02-01")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    slug = page.locator("[name=slug]").input_value()  # made from the title as typed
    # The tools sit below the title, never over it.
    heading = page.locator("#content h1").bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    assert tools["y"] >= heading["y"] + heading["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width][0] or (
        width == "phone"  # Django's own admin is not laid out for phones
    )
    snap(page, "curator", width, "2-draft")

    # "View on site" on a draft opens its preview.
    preview = page.get_by_role("link", name="View on site").get_attribute("href")
    assert "/preview/" in preview
    page.goto(url + preview if preview.startswith("/") else preview)
    expect(page.locator(".preview-banner")).to_contain_text("not public")
    snap(page, "curator", width, "3-preview")
    page.go_back()

    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Yes, submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("submitted for review")
    page.goto(url + "/admin/")
    expect(page.get_by_role("region", name="Waiting for review")).to_contain_text(title)
    snap(page, "curator", width, "4-waiting")

    page.get_by_role("link", name=title).first.click()
    page.get_by_role("link", name="Schedule").click()
    soon = timezone.localtime() + datetime.timedelta(days=2)
    page.locator("[name=publish_at]").fill(soon.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=re.compile("Yes, schedule")).click()
    expect(page.locator(".messagelist")).to_contain_text("public from")
    page.goto(url + "/admin/")
    expect(page.get_by_role("region", name="Scheduled")).to_contain_text(title)
    snap(page, "curator", width, "5-scheduled")

    # Its time comes (moved back here rather than waited for): public, and the start
    # page says it went public on schedule.
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(slug=slug).update(  # as if scheduled an hour ago for a minute ago
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
        status_changed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert page.request.get(f"{url}/reports/{slug}/").status == 200
    page.goto(url + "/admin/")
    expect(page.get_by_role("region", name="Needs attention")).to_contain_text(
        "Went public on schedule"
    )
    snap(page, "curator", width, "6-published")

    # Deleted into the Trash, and restored.
    page.get_by_role("region", name="Published this week").get_by_role("link", name=title).click()
    page.get_by_role("link", name="Delete").last.click()
    expect(page.locator(".trash-note")).to_contain_text("1 report off the site at once")
    snap(page, "curator", width, "7-delete")
    page.get_by_role("button", name=re.compile("Yes")).click()
    assert page.request.get(f"{url}/reports/{slug}/").status == 404
    page.goto(url + "/admin/peaceplatform/trash/")
    row = page.locator("tr", has_text=title)
    row.get_by_role("button", name="Restore").click()
    expect(page.locator(".messagelist")).to_contain_text("restored")
    snap(page, "curator", width, "8-restored")


def test_the_report_form_fits_a_desktop_screen(page: Page, demo_site, make_staff):
    """The HIPPO report's form, with its documents, symbols, recommendations and
    relations, at 1280 px: no sideways scrolling, tools below the title, and each
    recommendation's implementation updates one link away."""
    roles.sync(apps)
    make_staff("Administrator")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, demo_site.url, "administrator")
    report = apps.get_model("reports", "Report").objects.get(slug=demo_content.HIPPO_SLUG)
    page.goto(f"{demo_site.url}/admin/reports/report/{report.pk}/change/")
    snap(page, "curator", "desktop", "report-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    heading = page.locator("#content h1").bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    assert tools["y"] >= heading["y"] + heading["height"] - 1
    updates = page.get_by_role("link", name=re.compile(r"\d+ implementation updates?: add or edit"))
    expect(updates.first).to_be_visible()
    updates.first.click()
    expect(page.locator("#updates-group")).to_be_visible()
