"""The six languages at their addresses: prefixes, the switcher and hreflang, the first
visit's redirect, the old addresses, and each page cached in its own language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.publishing.status import Status
from peaceplatform import demo_content
from tests.factories import EventFactory, ReportFactory

pytestmark = pytest.mark.django_db

HIPPO = f"/reports/{demo_content.HIPPO_SLUG}/"
PREFIXES = {"ar": "/ar", "zh-hans": "/zh", "en": "", "fr": "/fr", "ru": "/ru", "es": "/es"}
BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "lang", "direction", "heading"),
    [
        ("", "en", "ltr", "Latest reports"),
        ("/fr", "fr", "ltr", "Derniers rapports"),
        ("/es", "es", "ltr", "Últimos informes"),
        ("/ru", "ru", "ltr", "Последние доклады"),
        ("/zh", "zh-Hans", "ltr", "最新报告"),
        ("/ar", "ar", "rtl", "أحدث التقارير"),
    ],
)
def test_each_language_has_its_own_address_and_direction(
    anonymous, demo, prefix, lang, direction, heading
):
    page = html(anonymous.get(f"{prefix}/"))
    assert f'<html lang="{lang}" dir="{direction}">' in page
    assert f'<h2 id="latest-reports">{heading}</h2>' in page


def test_a_report_page_in_french_translates_the_interface(anonymous, demo):
    page = html(anonymous.get(f"/fr{HIPPO}"))
    # The content in French (tests/peaceplatform/test_content_languages.py); its
    # other names stay as entered.
    assert "Unissons nos forces pour la paix" in page
    assert "HIPPO report" in page
    assert "Cote du document" in page or "Cotes du document" in page
    assert "Citer ce rapport" in page
    assert "Cite this report" not in page
    # Links inside the page stay in French.
    assert 'href="/fr/reports/"' in page
    assert f'href="/fr{HIPPO}tracker/"' in page


def test_dates_follow_the_language(anonymous, demo):
    # The HIPPO report is dated 17 June 2015.
    assert "17 June 2015" in html(anonymous.get(HIPPO))
    assert "17 juin 2015" in html(anonymous.get(f"/fr{HIPPO}"))
    assert "17 de junio de 2015" in html(anonymous.get(f"/es{HIPPO}"))
    assert "2015年6月17日" in html(anonymous.get(f"/zh{HIPPO}"))
    assert "17 июня 2015" in html(anonymous.get(f"/ru{HIPPO}"))
    assert "17 يونيو، 2015" in html(anonymous.get(f"/ar{HIPPO}"))


def test_every_page_offers_every_language_with_hreflang(anonymous, demo):
    page = html(anonymous.get(f"/es{HIPPO}?from=somewhere"))
    switcher = re.search(
        r'<nav class="language-menu" aria-label="Idiomas">(.*?)</nav>', page, re.S
    ).group(1)
    links = re.findall(
        r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+"( aria-current="true")?>', switcher
    )
    assert [(href, lang) for href, lang, _ in links] == [
        (f"/ar{HIPPO}?from=somewhere", "ar"),
        (f"/zh{HIPPO}?from=somewhere", "zh-Hans"),
        (f"{HIPPO}?from=somewhere", "en"),
        (f"/fr{HIPPO}?from=somewhere", "fr"),
        (f"/ru{HIPPO}?from=somewhere", "ru"),
        (f"/es{HIPPO}?from=somewhere", "es"),
    ]
    assert [lang for _href, lang, current in links if current] == ["es"]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates["fr"] == f"http://testserver/fr{HIPPO}?from=somewhere"
    assert alternates["zh-Hans"] == f"http://testserver/zh{HIPPO}?from=somewhere"
    assert alternates["x-default"] == f"http://testserver{HIPPO}?from=somewhere"
    assert len(alternates) == 7


def test_pages_outside_the_languages_offer_no_switcher(anonymous, demo):
    page = anonymous.get("/no-such-page/").content.decode()
    assert 'hreflang="fr"' not in page
    assert anonymous.get("/fr/no-such-page/").status_code == 404


@pytest.mark.parametrize("path", ["/de/", "/fr-ca/reports/", "/zh-hant/"])
def test_languages_we_do_not_serve_are_not_found(anonymous, demo, path):
    assert anonymous.get(path).status_code == 404


@pytest.mark.parametrize(
    ("asked", "goes_to"),
    [
        ("/en/", "/"),
        ("/en", "/"),
        (f"/en{HIPPO}?q=hippo", f"{HIPPO}?q=hippo"),
        ("/zh-hans/reports/", "/zh/reports/"),
        ("/EN/events/", "/events/"),
        # Never to another site: a doubled slash is not a protocol-relative address.
        ("/en//evil.example/", "/evil.example/"),
        ("/zh-hans///evil.example/x", "/zh/evil.example/x"),
    ],
)
def test_other_spellings_of_an_address_redirect_permanently(anonymous, demo, asked, goes_to):
    response = anonymous.get(asked)
    assert response.status_code == 301
    assert response["Location"] == goes_to


@pytest.mark.parametrize(
    ("accept_language", "goes_to"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", f"/fr{HIPPO}"),
        ("ar", f"/ar{HIPPO}"),
        ("zh-CN,zh;q=0.9", f"/zh{HIPPO}"),
        ("es-419", f"/es{HIPPO}"),
        ("de-DE,ru;q=0.5", f"/ru{HIPPO}"),
    ],
)
def test_a_first_visit_goes_to_the_browsers_language_once(
    anonymous, demo, accept_language, goes_to
):
    response = anonymous.get(HIPPO, HTTP_ACCEPT_LANGUAGE=accept_language, **BROWSER)
    assert response.status_code == 302
    assert response["Location"] == goes_to
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" in response["Vary"]
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    cookie = response.cookies["django_language"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # The visitor then picks English in the switcher: English it is, from then on.
    again = anonymous.get(HIPPO, HTTP_ACCEPT_LANGUAGE=accept_language, **BROWSER)
    assert again.status_code == 200
    assert '<html lang="en" dir="ltr">' in again.content.decode()


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9,fr;q=0.5", **BROWSER}, "English first"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9", **BROWSER}, "no language of ours"),
        ({**BROWSER}, "no Accept-Language (a crawler)"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr", "HTTP_ACCEPT": "application/rss+xml"}, "not a page"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "no Accept (a script)"),
    ],
)
def test_no_redirect_where_the_browser_asks_for_english_or_no_page(anonymous, demo, headers, why):
    response = anonymous.get(HIPPO, **headers)
    assert response.status_code == 200, why
    assert "django_language" not in response.cookies


def test_a_first_visit_to_an_address_without_translations_is_not_redirected(anonymous, demo):
    for path in ("/api/v1/reports/", "/sitemap.xml", "/robots.txt", "/healthz"):
        response = anonymous.get(path, HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)
        assert response.status_code != 302, path


def test_the_first_visit_redirect_is_not_hidden_by_a_cached_english_page(anonymous, demo):
    """The English page is cached (no cookie, the page cache on, as deployed); a
    first visit from a French browser still gets its redirect."""
    anonymous.get(HIPPO)
    assert anonymous.get(HIPPO)["X-Page-Cache"] == "hit"
    response = anonymous.get(HIPPO, HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)
    assert response.status_code == 302


def test_each_language_is_cached_apart(anonymous, demo):
    assert "Latest reports" in html(anonymous.get("/"))
    french = anonymous.get("/fr/")
    assert french["X-Page-Cache"] == "miss"
    assert "Derniers rapports" in html(french)
    assert anonymous.get("/fr/")["X-Page-Cache"] == "hit"
    assert "Latest reports" in html(anonymous.get("/"))
    assert french["Content-Language"] == "fr"


def test_addresses_made_from_slugs_follow_the_language(anonymous, demo):
    """core.addresses keeps each view's address around a slug: once per language."""
    english = html(anonymous.get("/reports/"))
    french = html(anonymous.get("/fr/reports/"))
    assert f'href="{HIPPO}"' in english
    assert f'href="/fr{HIPPO}"' in french
    assert f'href="{HIPPO}"' not in french
    with translation.override("ar"):
        assert reverse("reports:detail", kwargs={"slug": "x"}) == "/ar/reports/x/"


@pytest.mark.parametrize("prefix", ["/fr", "/ar", "/zh"])
def test_drafts_never_show_in_any_language(anonymous, prefix):
    ReportFactory(title="Secret draft report", slug="secret-draft", status=Status.DRAFT)
    EventFactory(title="Secret draft event", slug="secret-event", status=Status.REVIEW)
    ReportFactory(title="Public report")
    assert "Secret draft" not in html(anonymous.get(f"{prefix}/"))
    assert "Secret draft" not in html(anonymous.get(f"{prefix}/reports/"))
    assert anonymous.get(f"{prefix}/reports/secret-draft/").status_code == 404
    assert anonymous.get(f"{prefix}/events/secret-event/").status_code == 404


def test_feeds_and_search_have_language_addresses(anonymous, demo):
    feed = anonymous.get("/fr/feeds/reports/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
    page = html(anonymous.get("/fr/search/?q=peacekeeping"))
    assert "Rechercher" in page
    assert 'href="/fr/reports/' in page


def test_filter_labels_and_messages_are_translated(anonymous, demo):
    response = anonymous.get("/fr/reports/?published_after=not-a-date")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<legend>Thème</legend>" in page or "<legend>Type</legend>" in page
    assert "Certains filtres n’ont pas pu être appliqués" in page
    assert "Saisissez une date valide." in page  # Django's own catalog
    assert "Appliquer les filtres" in page


def test_hostile_language_prefixes_get_a_clear_answer(anonymous, demo):
    for path in ("/fr/%00/", "/fr/reports/?page=99999999999999999999", "/ar/search/?q=%00"):
        assert anonymous.get(path).status_code in (400, 404), path


def test_the_sitemap_lists_every_language_with_its_alternates(anonymous, demo):
    import xml.etree.ElementTree as ET

    index = anonymous.get("/sitemap.xml").content.decode()
    for section in (
        "reports",
        "reports-fr",
        "reports-ar",
        "reports-zh",
        "reports-ru",
        "reports-es",
    ):
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in index
    root = ET.fromstring(anonymous.get("/sitemap-reports-zh.xml").content)
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    url = next(
        url
        for url in root.findall("s:url", namespaces)
        if url.find("s:loc", namespaces).text == f"http://testserver/zh{HIPPO}"
    )
    alternates = {
        link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
    }
    assert alternates == {
        "ar": f"http://testserver/ar{HIPPO}",
        "zh-Hans": f"http://testserver/zh{HIPPO}",
        "en": f"http://testserver{HIPPO}",
        "fr": f"http://testserver/fr{HIPPO}",
        "ru": f"http://testserver/ru{HIPPO}",
        "es": f"http://testserver/es{HIPPO}",
        "x-default": f"http://testserver{HIPPO}",
    }


def test_the_sitemap_lists_no_draft_in_any_language(anonymous, demo):
    ReportFactory(title="Secret draft report", slug="secret-draft", status=Status.DRAFT)
    for code in ("", "-fr", "-ar", "-zh", "-ru", "-es"):
        assert "secret-draft" not in anonymous.get(f"/sitemap-reports{code}.xml").content.decode()


def test_feeds_speak_their_addresss_language(anonymous, demo):
    import xml.etree.ElementTree as ET

    channel = ET.fromstring(anonymous.get("/fr/feeds/reports/").content).find("channel")
    assert channel.findtext("title") == (
        "Plateforme de connaissances sur les opérations de paix : derniers rapports"
    )
    assert channel.findtext("language") == "fr"
    assert channel.findtext("link").endswith("/fr/reports/")
    item = channel.find("item")
    assert "/fr/reports/" in item.findtext("link")
    english = ET.fromstring(anonymous.get("/feeds/reports/").content).find("channel")
    assert english.findtext("title") == "Peace Operations Knowledge Platform: latest reports"
    assert english.findtext("language") == "en"
    events = ET.fromstring(anonymous.get("/es/feeds/events/").content).find("channel")
    # An event's date in its title, as Spanish writes it: "(29 de septiembre de 2015)".
    assert any(re.search(r"\(\d+ de \w+ de \d{4}\)", title.text) for title in events.iter("title"))


def test_plain_http_goes_to_https_before_any_language_redirect(settings, demo):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    settings.LANGUAGE_COOKIE_SECURE = True  # as in production (DJANGO_SECURE_COOKIES)
    visitor = Client()  # a new client: middleware reads the setting when loaded
    for path in (HIPPO, f"/en{HIPPO}"):
        response = visitor.get(path, HTTP_ACCEPT_LANGUAGE="fr", **BROWSER)
        assert response.status_code == 301, path
        assert response["Location"] == f"https://testserver{path}"
    secure = visitor.get(HIPPO, HTTP_ACCEPT_LANGUAGE="fr", secure=True, **BROWSER)
    assert secure.status_code == 302
    assert secure["Location"] == f"/fr{HIPPO}"
    assert secure.cookies["django_language"]["secure"]
