import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

HIPPO_TITLE = "Uniting our strengths for peace: politics, partnership and people"


def test_home_page_shows_the_hippo_report(page: Page, demo_site):
    page.goto(demo_site.url + "/")
    expect(page).to_have_title("Peace Operations Knowledge Platform")
    expect(page.get_by_role("heading", name=HIPPO_TITLE)).to_be_visible()
    expect(page.get_by_role("heading", name="Latest reports")).to_be_visible()


def test_first_tab_reaches_the_skip_link(page: Page, demo_site):
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # shown on focus, hidden otherwise


def test_home_page_works_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site.url + "/")
        expect(page.get_by_role("heading", name=HIPPO_TITLE)).to_be_visible()
        # Our stylesheet is served (by whitenoise, no CDN) and applied.
        header_colour = page.locator(".site-header").evaluate(
            "el => getComputedStyle(el).backgroundColor"
        )
        assert header_colour == "rgb(7, 55, 99)"
    finally:
        context.close()
