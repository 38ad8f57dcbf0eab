"""The public journey in French, in Arabic (right to left) and in Chinese, at a
desktop's and a phone's width, in Chromium: each step audited with axe-core and checked for sideways
scrolling; the language switcher, the first visit's language and the mirrored charts."""

import pytest
from playwright.sync_api import Page, expect

from peaceplatform import demo_content
from tests.e2e.test_journeys import WIDTHS, serious_violations, snap
from tests.e2e.test_visitor import figures_site  # noqa: F401 - a fixture used below

pytestmark = pytest.mark.e2e

WORDS = {
    "fr": {
        "dir": "ltr",
        "search": "Rechercher des rapports, des événements, des personnes et des États Membres",
        "narrow": "Filtrer et trier ces résultats (rapports)",
        "filters": "Filtres",
        "apply": "Appliquer les filtres",
        "cite": "Citer ce rapport",
        "record": "Suivi de la mise en œuvre",
        "contributions": "Contributions dans le temps",
        # The demo's content in French (peaceplatform/demo_translations.py).
        "topic": "Protection des civils",
        "kigali": "Principes de Kigali sur la protection des civils",
    },
    "ar": {
        "dir": "rtl",
        "search": "ابحث في التقارير والفعاليات والأشخاص والدول الأعضاء",
        "narrow": "تصفية هذه النتائج وترتيبها (التقارير)",
        "filters": "عوامل التصفية",
        "apply": "تطبيق عوامل التصفية",
        "cite": "الاستشهاد بهذا التقرير",
        "record": "سجل التنفيذ",
        "contributions": "المساهمات عبر الزمن",
        # The demo has no Arabic content: the English, marked lang="en".
        "topic": "Protection of civilians",
        "kigali": "The Kigali Principles on the Protection of Civilians",
    },
    # Drawn with a CJK font (.ci/run installs fonts-wqy-zenhei), so that the screenshots
    # and the widths measured are those of Chinese text, not of missing-glyph boxes.
    "zh": {
        "tag": "zh-Hans",
        "dir": "ltr",
        "search": "搜索报告、活动、人员和会员国",
        "narrow": "筛选并排序这些报告",
        "filters": "筛选",
        "apply": "应用筛选",
        "cite": "引用本报告",
        "record": "执行记录",
        "contributions": "历年派遣情况",
        # The demo has no Chinese content: the English, marked lang="en".
        "topic": "Protection of civilians",
        "kigali": "The Kigali Principles on the Protection of Civilians",
    },
}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", list(WORDS))
def test_the_visitors_journey_in_another_language(page: Page, demo_site, language, width):
    words, (wide, high) = WORDS[language], WIDTHS[width]
    page.set_viewport_size({"width": wide, "height": high})
    base, problems = f"{demo_site.url}/{language}", []

    def step(name):
        snap(page, f"visitor-{language}", width, name)
        expect(page.locator("html")).to_have_attribute("lang", words.get("tag", language))
        expect(page.locator("html")).to_have_attribute("dir", words["dir"])
        problems.extend(serious_violations(page))
        assert page.evaluate("document.documentElement.scrollWidth") <= wide

    page.goto(base + "/")
    step("1-home")
    page.get_by_label(words["search"]).fill("protection")
    page.get_by_label(words["search"]).press("Enter")
    expect(page).to_have_url(f"{base}/search/?q=protection")
    step("2-search")
    page.get_by_role("link", name=words["narrow"]).click()
    if width == "phone":
        page.locator(".filters-panel > summary").click()
    page.get_by_label(words["topic"]).check()
    page.get_by_role("button", name=words["apply"]).click()
    expect(page.locator(".chips")).to_contain_text(words["topic"])
    assert page.url.startswith(f"{base}/reports/?")
    step("3-filtered")
    kigali = words["kigali"]
    page.get_by_role("link", name=kigali).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kigali)
    if language != "fr":
        # English standing in for a missing translation is marked (and, on an Arabic
        # page, runs left to right).
        title = page.get_by_role("heading", level=1).locator("span")
        expect(title).to_have_attribute("lang", "en")
        if language == "ar":
            expect(title).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", name=words["cite"])).to_be_visible()
    step("4-report")
    page.goto(f"{base}/reports/{demo_content.HIPPO_SLUG}/recommendations/protection-of-civilians/")
    expect(page.get_by_role("heading", name=words["record"])).to_be_visible()
    step("5-recommendation")
    page.goto(f"{base}/member-states/rwanda/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rwanda")
    step("6-member-state")
    assert problems == []


def test_the_switcher_keeps_the_page_and_changes_the_language(page: Page, demo_site):
    report = f"/reports/{demo_content.HIPPO_SLUG}/"
    page.goto(f"{demo_site.url}/fr{report}")
    languages = page.get_by_role("navigation", name="Langues")
    expect(languages.locator("summary .language-name")).to_have_text("Français")
    expect(languages.get_by_role("link", name="العربية")).to_be_hidden()  # folded
    # By keyboard: the switcher opens with Enter, and its links are followed with Enter.
    languages.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(languages.get_by_role("link", name="Français")).to_have_attribute("aria-current", "true")
    languages.get_by_role("link", name="العربية").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{demo_site.url}/ar{report}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    arabic = page.get_by_role("navigation", name="اللغات")
    arabic.locator("summary").click()
    arabic.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{demo_site.url}{report}")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def test_the_browsers_language_is_used_on_the_first_visit_only(browser, demo_site):
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(f"{demo_site.url}/events/")
        expect(page).to_have_url(f"{demo_site.url}/fr/events/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Événements")
        languages = page.get_by_role("navigation", name="Langues")
        languages.locator("summary").click()
        languages.get_by_role("link", name="English").click()
        expect(page).to_have_url(f"{demo_site.url}/events/")
        page.goto(f"{demo_site.url}/")  # a later visit: English, as chosen
        expect(page).to_have_url(f"{demo_site.url}/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()


@pytest.mark.parametrize("language", list(WORDS))
def test_the_charts_read_in_the_pages_direction(page: Page, figures_site, language):  # noqa: F811
    page.goto(f"{figures_site.url}/{language}/member-states/senegal/")
    expect(page.get_by_role("heading", name=WORDS[language]["contributions"])).to_be_visible()
    chart = page.locator("svg.line-chart")
    box = chart.bounding_box()
    axis = chart.locator("line.axis").first.bounding_box()  # the value axis
    on_the_right = axis["x"] > box["x"] + box["width"] / 2
    assert on_the_right == (WORDS[language]["dir"] == "rtl")
    # The words stay readable: each label is flipped back, so the two flips cancel.
    flips = [
        element.evaluate("element => getComputedStyle(element).transform")
        for element in (chart, chart.locator("text").nth(1))
    ]
    mirrored = "matrix(-1, 0, 0, 1, 0, 0)"
    assert flips == ([mirrored, mirrored] if language == "ar" else ["none", "none"])
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{figures_site.url}/{language}/member-states/senegal/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
