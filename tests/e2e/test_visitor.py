"""A visitor's path through the site in Chromium, by mouse and by keyboard, and an
axe-core audit of every page type."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from peaceplatform import demo_content

pytestmark = pytest.mark.e2e


def test_search_narrow_open_and_follow(page: Page, demo_site):
    page.goto(demo_site.url + "/")
    page.get_by_label("Search reports, events, people and member states").fill(
        "protection of civilians"
    )
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Reports", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Filter and sort these reports").click()
    expect(page.get_by_role("status")).to_contain_text("2 reports")

    # Narrow by a topic facet on the report list: the query is kept.
    page.get_by_label("Protection of civilians").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(
        re.compile(r"(?=.*q=protection\+of\+civilians)(?=.*topic=protection-of-civilians)")
    )
    expect(page.get_by_label("Protection of civilians")).to_be_checked()
    expect(page.get_by_role("status")).to_contain_text("2 reports")

    page.get_by_role("link", name="The Kigali Principles on the Protection of Civilians").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The Kigali Principles on the Protection of Civilians"
    )
    page.get_by_role("link", name="Uniting Our Strengths for Peace", exact=False).click()
    expect(page.get_by_role("heading", name="Who took part")).to_be_visible()
    expect(page.get_by_role("link", name="Hervé Ladsous")).to_be_visible()
    expect(page.get_by_text("Chatham House rule.")).to_be_visible()


def test_a_filter_without_a_checkbox_survives_applying_a_facet(page: Page, demo_site):
    # Where "All events Finland hosted" leads: the host has no checkbox on the list.
    page.goto(demo_site.url + "/events/?host=FIN")
    expect(page.get_by_text("Member state hosting: Finland")).to_be_visible()
    dinner = page.get_by_role("link", name="Uniting Our Strengths for Peace", exact=False)
    summit = page.get_by_role("link", name="Leaders' Summit on Peacekeeping")
    expect(dinner).to_be_visible()
    expect(summit).to_have_count(0)

    page.get_by_label("Accountability").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"(?=.*host=FIN)(?=.*topic=accountability)"))
    expect(page.get_by_text("Member state hosting: Finland")).to_be_visible()
    expect(dinner).to_be_visible()

    page.get_by_role("link", name="Remove the filter Member state hosting: Finland").click()
    expect(page).not_to_have_url(re.compile(r"host="))
    expect(page.get_by_label("Accountability")).to_be_checked()


def test_keyboard_reaches_the_search_box_and_the_results(page: Page, demo_site):
    page.goto(demo_site.url + "/search/")
    search_box = page.get_by_label("Search reports, events, people and member states")
    for _ in range(20):
        page.keyboard.press("Tab")
        if search_box.evaluate("el => el === document.activeElement"):
            break
    expect(search_box).to_be_focused()
    page.keyboard.type("kigali")
    page.keyboard.press("Enter")
    result = page.get_by_role("link", name="The Kigali Principles on the Protection of Civilians")
    for _ in range(30):
        page.keyboard.press("Tab")
        if result.evaluate("el => el === document.activeElement"):
            break
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{demo_site.url}/reports/{demo_content.KIGALI_SLUG}/")


def test_follow_a_recommendation_from_the_panel_to_the_secretary_generals_answer(
    page: Page, demo_site
):
    page.goto(f"{demo_site.url}/reports/{demo_content.HIPPO_SLUG}/")
    # Labels number the recommendations ("Shift 1."); the list adds no "1." of its own.
    expect(page.locator("ol.recommendations")).to_have_css("list-style-type", "none")
    page.get_by_role("link", name="Track their implementation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tracker: Uniting our strengths")
    expect(page.get_by_role("status")).to_contain_text("6 recommendations")

    page.get_by_label("Protection of civilians").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"topic=protection-of-civilians"))
    expect(page.get_by_role("status")).to_contain_text("1 recommendation")
    expect(page.locator(".legend")).to_contain_text("In progress: 1")

    # The demo's labels are ours, not the report's own numbering, and say so.
    page.get_by_role(
        "link", name="Protection of civilians (our label). Protecting civilians"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Protection of civilians (our label). Protecting civilians is a core obligation"
    )
    expect(page.locator(".label-note")).to_contain_text("is a label of ours")
    link = page.locator("li", has_text="responded to by").get_by_role("link")
    expect(link).to_have_text(
        "Planning and conduct (our label). New ways of planning and conducting peace operations"
    )
    link.click()
    expect(page).to_have_url(
        f"{demo_site.url}/reports/{demo_content.SG_REPORT_SLUG}/recommendations/planning-and-conduct/"
    )
    expect(page.locator(".meta", has_text="A recommendation of")).to_contain_text(
        "The future of United Nations peace operations"
    )
    # And back: the answer names the panel recommendation it responds to.
    expect(
        page.locator(".links li", has_text="responds to").get_by_role(
            "link",
            name="Protection of civilians (our label). Protecting civilians is a core obligation",
        )
    ).to_be_visible()


AUDITED = [
    "/",
    "/reports/",
    f"/reports/{demo_content.HIPPO_SLUG}/",
    f"/events/{demo_content.DIALOGUE_SLUG}/",
    "/member-states/finland/",
    "/search/?q=peacekeeping",
    "/search/?q=HIPPO",  # with its best match
    "/search/?q=strenghts",  # corrected words, said so
    "/events/",
    "/events/?host=FIN",
    "/topics/protection-of-civilians/",
    f"/reports/{demo_content.HIPPO_SLUG}/tracker/",
    f"/reports/{demo_content.HIPPO_SLUG}/recommendations/protection-of-civilians/",
    "/methodology/",
    "/corrections/",
    "/operations/",
    "/operations/?host=HTI",
    "/operations/monusco/",
    "/member-states/libya/",  # with a correction
    "/embed/topics/protection-of-civilians/reports/",
    f"/embed/reports/{demo_content.HIPPO_SLUG}/tracker/",
]


@pytest.mark.parametrize("path", AUDITED)
def test_no_serious_accessibility_violations(page: Page, demo_site, path):
    page.goto(demo_site.url + path)
    results = Axe().run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == [], "\n".join(serious)


@pytest.fixture
def figures_site(demo_site):
    """The demo with a year of marked sample contributions to MINUSMA from three states
    in three personnel types (the demo ships no figures): the pages that chart them."""
    import datetime

    from operations.models import Operation
    from tests.factories import ContributionFactory, member_state

    minusma = Operation.objects.get(slug="minusma")
    for month in range(1, 13):
        for index, iso3 in enumerate(["SEN", "TCD", "BGD"]):
            for kind in ["troops", "staff_officers", "formed_police_units"]:
                ContributionFactory(
                    operation=minusma,
                    member_state=member_state(iso3),
                    month=datetime.date(2022, month, 1),
                    personnel_type=kind,
                    women=index + month,
                    men=1000 * (3 - index) + 10 * month,
                    total=index + month + 1000 * (3 - index) + 10 * month,
                    source="Sample data (browser tests)",
                )
    return demo_site


@pytest.mark.parametrize("path", ["/operations/minusma/", "/member-states/senegal/"])
def test_the_contribution_charts_are_accessible_and_fit_a_phone(page: Page, figures_site, path):
    page.goto(figures_site.url + path)
    expect(page.locator("svg.line-chart")).to_be_visible()
    expect(page.locator("table.personnel-breakdown")).to_contain_text("December 2022")
    results = Axe().run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == [], "\n".join(serious)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(figures_site.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize(
    "path", ["/api/", f"/reports/{demo_content.HIPPO_SLUG}/", "/operations/", "/operations/untaes/"]
)
def test_a_phone_reads_the_page_without_scrolling_sideways(page: Page, demo_site, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo_site.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize(
    "path",
    [
        f"/reports/{demo_content.HIPPO_SLUG}/",
        f"/reports/{demo_content.HIPPO_SLUG}/recommendations/protection-of-civilians/",
        f"/events/{demo_content.DIALOGUE_SLUG}/",
    ],
)
def test_a_printed_page_keeps_the_content_and_drops_the_sites_furniture(
    page: Page, demo_site, path
):
    page.goto(f"{demo_site.url}{path}")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


def test_on_an_event_page_roles_head_their_groups_and_levels_are_quieter(page: Page, demo_site):
    page.goto(f"{demo_site.url}/events/{demo_content.DIALOGUE_SLUG}/")
    role, level = page.locator("h3.role").first, page.locator("h4.level").first
    expect(level).to_have_css("text-transform", "uppercase")
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert role.evaluate(size) > level.evaluate(size) * 1.3


@pytest.mark.parametrize("path", ["/reports/", "/events/", "/recommendations/", "/operations/"])
def test_on_a_phone_the_results_come_first_and_the_filters_fold(page: Page, demo_site, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo_site.url}{path}")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 110, f"the header takes {header['height']} px"
    first_checkbox = page.locator(".filters-panel input[type=checkbox]").first
    expect(first_checkbox).to_be_hidden()
    # The search box is on the first screen, and the results follow the folded
    # filters at once (on the tracker, below its charts).
    assert page.locator("input[type=search]").bounding_box()["y"] < 844 / 2
    summary = page.locator(".filters-panel > summary").bounding_box()
    first_result = page.locator(
        "#results article, #results li, #results tbody tr"
    ).first.bounding_box()
    assert first_result["y"] - (summary["y"] + summary["height"]) < 120
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.locator(".filters-panel > summary").click()
    expect(first_checkbox).to_be_visible()


@pytest.mark.parametrize("path", ["/reports/", "/events/", "/recommendations/"])
def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(page: Page, demo_site, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{demo_site.url}{path}")
    expect(page.locator(".filters-panel > summary")).to_be_hidden()
    first_checkbox = page.locator(".filters-panel input[type=checkbox]").first
    expect(first_checkbox).to_be_visible()
    filters = page.locator(".filters-aside").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]


def test_a_keyboard_user_can_skip_the_filters_to_the_results(page: Page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{demo_site.url}/reports/")
    skip = page.get_by_role("link", name="Skip the filters, to the results")
    page.get_by_role("button", name="Search").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if skip.evaluate("el => el === document.activeElement"):
            break
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#results")).to_be_focused()
