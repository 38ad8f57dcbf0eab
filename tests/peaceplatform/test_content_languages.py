"""Content in the six languages (core/translations.py): translations kept in the row,
read in the page's language with the English marked where it stands in, searched
with each language's own configuration, entered by curators in tabs, given by the
API with `lang=`, and the demo complete in French."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import search
from core.publishing.status import Status
from core.translations import LANGUAGE_CODES, column, localized, translation_columns
from directory.models import Organization, Topic
from events.models import Event, Participation
from operations.models import Operation
from peaceplatform import demo_content, demo_translations
from reports.models import Recommendation, RecommendationUpdate, Report
from tests.factories import (
    EventFactory,
    OperationFactory,
    OrganizationFactory,
    RecommendationFactory,
    ReportFactory,
    ReportRelationFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db

HIPPO = f"/reports/{demo_content.HIPPO_SLUG}/"
KIGALI = f"/reports/{demo_content.KIGALI_SLUG}/"
HIPPO_FRENCH_TITLE = (
    "Unissons nos forces pour la paix : privilégier la politique, les partenariats et "
    "l&#x27;action en faveur des populations"
)


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def heading(page: str) -> str:
    return re.search(r"<h1[^>]*>.*?</h1>", page, re.S).group(0)


# Reading ---------------------------------------------------------------------------


def test_a_translated_report_reads_in_the_pages_language(anonymous, demo):
    page = html(anonymous.get(f"/fr{HIPPO}"))
    assert heading(page) == f"<h1>{HIPPO_FRENCH_TITLE}</h1>"
    assert "Le premier examen d&#x27;ensemble des opérations de paix" in page
    assert f"<title>{HIPPO_FRENCH_TITLE} · " in page
    # English at its own address, as entered.
    english = html(anonymous.get(HIPPO))
    assert heading(english) == (
        "<h1>Uniting our strengths for peace: politics, partnership and people</h1>"
    )
    assert "Unissons" not in english


def test_a_missing_translation_falls_back_to_english_marked_for_screen_readers(anonymous):
    report = ReportFactory(
        title="Only in English", summary="An English summary.", title_fr="Seulement en français"
    )
    address = report.get_absolute_url()
    french = html(anonymous.get(f"/fr{address}"))
    assert heading(french) == "<h1>Seulement en français</h1>"
    # The summary has no French: shown in English, in an element that says so.
    assert '<div lang="en"><p>An English summary.</p></div>' in french
    arabic = html(anonymous.get(f"/ar{address}"))
    # On a right-to-left page the English also runs left to right.
    assert heading(arabic) == '<h1><span lang="en" dir="ltr">Only in English</span></h1>'
    assert '<div lang="en" dir="ltr"><p>An English summary.</p>' in arabic
    # English pages mark nothing.
    english = html(anonymous.get(address))
    assert heading(english) == "<h1>Only in English</h1>"


def test_cards_and_lists_read_the_pages_language(anonymous, demo):
    page = html(anonymous.get("/fr/reports/"))
    assert f">{HIPPO_FRENCH_TITLE}</a></h3>" in page
    assert "Uniting our strengths for peace: politics" not in page
    topics = html(anonymous.get("/fr/topics/"))
    assert ">Protection des civils</a>" in topics
    events = html(anonymous.get("/fr/events/"))
    assert ">Sommet des dirigeants sur le maintien de la paix</a></h3>" in events


def test_a_translated_name_shows_on_every_page_that_names_the_item(anonymous, demo):
    page = html(anonymous.get(f"/fr{HIPPO}"))
    # The authoring body, the topics and the recommendations, each in French.
    assert "Groupe indépendant de haut niveau chargé d&#x27;étudier les opérations de paix" in page
    assert ">Protection des civils</a>" in page
    assert "La politique doit guider la conception" in page
    assert "Le rapport du Secrétaire général sur la mise en œuvre" in page  # an update


def test_reading_translations_adds_no_query(anonymous, demo, no_page_cache):
    """The translations are columns of the rows a page already reads."""
    for path in ("/reports/", "/events/", HIPPO, "/topics/", "/search/?q=peace"):
        # Warm the per-process caches (statistics, compiled queries) in each language.
        html(anonymous.get(path))
        html(anonymous.get(f"/fr{path}"))
        with CaptureQueriesContext(connection) as english:
            html(anonymous.get(path))
        with CaptureQueriesContext(connection) as french:
            html(anonymous.get(f"/fr{path}"))
        assert len(french) == len(english), path


def test_translation_columns_cover_each_translated_field_in_each_language():
    assert LANGUAGE_CODES == ["ar", "zh-hans", "fr", "ru", "es"]
    assert translation_columns(Report, "fr") == ["title_fr", "subtitle_fr", "summary_fr", "body_fr"]
    assert column("title", "zh-hans") == "title_zh_hans"
    for model, fields in [
        (Report, {"title", "subtitle", "summary", "body"}),
        (Event, {"title", "summary", "body"}),
        (Topic, {"name", "description"}),
        (Organization, {"name", "description"}),
        (Recommendation, {"title", "text"}),
        (RecommendationUpdate, {"summary"}),
        (Participation, {"title"}),
        (Operation, {"name", "summary"}),
    ]:
        assert set(model.translated_fields) == fields
        names = {f.name for f in model._meta.concrete_fields}
        assert {column(f, code) for f in fields for code in LANGUAGE_CODES} <= names
        # The history keeps translations too.
        history = {f.name for f in model.pgh_event_models["insert"]._meta.fields}
        assert column(next(iter(fields)), "fr") in history


def test_localized_reads_a_translation_or_the_english():
    report = Report(title="English", title_fr="Français")
    with translation.override("fr"):
        assert (localized(report, "title"), localized(report, "title").language) == (
            "Français",
            "fr",
        )
    with translation.override("ru"):
        assert (localized(report, "title"), localized(report, "title").language) == (
            "English",
            "en",
        )


# Search --------------------------------------------------------------------------

KIGALI_TRANSLATIONS = {
    "fr": ("Principes de Kigali sur la protection des civils", "protection des civils"),
    "es": ("Principios de Kigali sobre la protección de los civiles", "protección de civiles"),
    "ru": ("Кигалийские принципы защиты гражданского населения", "защита гражданского населения"),
    "ar": ("مبادئ كيغالي بشأن حماية المدنيين", "حماية المدنيين"),
    "zh-hans": ("关于保护平民的基加利原则", "保护平民"),
    "en": ("", "protection of civilians"),
}
PREFIX = {"fr": "/fr", "es": "/es", "ru": "/ru", "ar": "/ar", "zh-hans": "/zh", "en": ""}


@pytest.mark.parametrize("language", list(KIGALI_TRANSLATIONS))
def test_each_languages_search_finds_a_document_by_words_of_that_language(anonymous, language):
    _title, words = KIGALI_TRANSLATIONS[language]
    translations = {column("title", code): text for code, (text, _) in KIGALI_TRANSLATIONS.items()}
    translations.pop("title_en")
    found = ReportFactory(
        title="The Kigali Principles on the Protection of Civilians", **translations
    )
    ReportFactory(title="Budget of peacekeeping operations")
    prefix = PREFIX[language]
    for path in (f"{prefix}/reports/", f"{prefix}/search/"):
        page = html(anonymous.get(path, {"q": words}))
        assert found.get_absolute_url().removeprefix("/") in page, (language, path)
        assert "Budget of peacekeeping" not in page


def test_french_search_stems_and_ignores_accents(anonymous):
    ReportFactory(title="Security", title_fr="La sécurité des missions")
    with translation.override("fr"):
        assert Report.objects.search("securite").count() == 1
        assert Report.objects.search("mission").count() == 1  # « missions » stemmed


def test_french_words_meet_only_french_text_and_english_words_only_english(anonymous):
    """Each reading is matched against its own language's text: « sécurité », stemmed
    "secur" by the French stemmer as "security" is by the English one, finds the report
    with a French title, not every English report on security; on an English page,
    French words find nothing in the translations."""
    french = ReportFactory(title="Staff safety in missions", title_fr="La sécurité des missions")
    english = ReportFactory(title="Security sector reform")
    with translation.override("fr"):
        assert list(Report.objects.search("sécurité")) == [french]
        assert list(Report.objects.search("security")) == [english]  # read in English too
    assert list(Report.objects.search("sécurité")) == []
    page = html(anonymous.get("/fr/reports/", {"q": "sécurité"}))
    assert french.get_absolute_url().removeprefix("/") in page
    assert english.slug not in page


def test_a_french_search_is_ranked_by_the_better_of_its_two_readings():
    """Not their sum: a report is not put ahead for matching in both languages, and a
    text rank stays below 1, under the bonus of a known name (core/search.rank)."""
    both = ReportFactory(title="Mandates", title_fr="Mandats")
    french_only = ReportFactory(title="Other things", title_fr="Mandats")
    with translation.override("fr"):
        ranks = dict(Report.objects.search("mandats").values_list("pk", "rank"))
    assert ranks[both.pk] == pytest.approx(ranks[french_only.pk])
    assert 0 < ranks[both.pk] < 1


def test_statistics_are_read_per_vector_for_a_french_search():
    """A French query's estimate is trusted (no counting probe) only when the lexemes
    of both its readings are among those the statistics of their own vector count."""
    for number in range(40):
        ReportFactory(title=f"Kazelo notes {number}", title_fr=f"Notes kazelo {number}")
    ReportFactory(title="Other", title_fr="Autre")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
    assert "kazelo" in search.lexemes_counted(Report, "translations_vector")
    with translation.override("fr"):
        assert search.counted_by_statistics(Report, "kazelo")
        assert not search.counted_by_statistics(Report, "autre")  # in no statistics
    assert not search.counted_by_statistics(Report, "autre")


def test_a_french_word_counted_by_the_statistics_is_not_counted_again(monkeypatch):
    """« zorvane » is in the French statistics and in no English text, so only its
    English reading is guessed (one lexeme: GUESSED_SHARE of the table, at most): an
    estimate above EXACT_LIMIT even without that part stands, with no counting probe."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 4)
    for number in range(40):
        ReportFactory(title=f"Other report {number}", title_fr=f"Rapport zorvane {number}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
    with translation.override("fr"):
        matches = Report.objects.search("zorvane")
        estimate = search.estimated_count(matches)
        assert search.guessed_rows(Report, "zorvane") == 1
        assert estimate - 1 > search.EXACT_LIMIT
        with CaptureQueriesContext(connection) as captured:
            assert search.checked_estimate(matches, estimate, "zorvane") == estimate
        assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"]]


def test_a_chinese_search_matches_characters_next_to_each_other():
    ReportFactory(title="Peacekeeping operations", title_zh_hans="联合国维和行动")
    with translation.override("zh-hans"):
        assert Report.objects.search("维和").count() == 1
        assert Report.objects.search("维和行动").count() == 1
        assert Report.objects.search("和维").count() == 0  # the same characters, apart


def test_words_read_in_english_still_find_on_another_languages_page(anonymous, demo):
    """A nickname, an acronym or an English word finds its item on a French page."""
    page = html(anonymous.get("/fr/search/", {"q": "HIPPO"}))
    assert HIPPO_FRENCH_TITLE in page


def test_a_drafts_translation_is_never_found(anonymous):
    ReportFactory(title="Draft", title_fr="Brouillon secret", status=Status.DRAFT)
    for path in ("/fr/reports/", "/fr/search/"):
        assert "Brouillon secret" not in html(anonymous.get(path, {"q": "brouillon secret"}))
    assert "Brouillon" not in html(
        anonymous.get("/api/v1/reports/", {"q": "brouillon", "lang": "fr"})
    )


def test_compiled_site_search_queries_are_kept_per_language(anonymous):
    ReportFactory(title="Protection report", title_fr="Rapport sur la protection des civils")
    # English first: read in English alone, "des" is a word no report has. Then French:
    # the French page must not reuse the English page's compiled SQL.
    english = html(anonymous.get("/search/", {"q": "protection des civils"}))
    french = html(anonymous.get("/fr/search/", {"q": "protection des civils"}))
    assert 'class="result-group"' not in english  # nothing found
    assert "Rapport sur la protection des civils" in french


# The API -----------------------------------------------------------------------------


def test_the_api_gives_text_fields_in_the_language_asked_for(api, demo):
    answer = api.get(f"/api/v1/reports/{demo_content.HIPPO_SLUG}/", {"lang": "fr"})
    assert answer.status_code == 200
    item = answer.json()
    assert item["title"].startswith("Unissons nos forces pour la paix")
    assert item["languages"] == {"title": "fr", "subtitle": "fr", "summary": "fr", "body": "fr"}
    assert answer["Content-Language"] == "fr"
    kigali = api.get(f"/api/v1/reports/{demo_content.KIGALI_SLUG}/", {"lang": "ru"}).json()
    assert kigali["title"] == "The Kigali Principles on the Protection of Civilians"
    assert kigali["languages"]["title"] == "en"


@pytest.fixture
def linked_report():
    """A report linked to a translated topic, a translated and an untranslated author, a
    translated event, a translated follow-up report and a translated recommendation."""
    topic = TopicFactory(name="Protection of civilians", name_fr="Protection des civils")
    author = OrganizationFactory(
        name="Department of Peace Operations", name_fr="Département des opérations de paix"
    )
    untranslated = OrganizationFactory(name="Stimson Center")
    event = EventFactory(title="High-level dialogue", title_fr="Dialogue de haut niveau")
    report = ReportFactory(title="The report", title_fr="Le rapport")
    report.topics.add(topic)
    report.authors.add(author, untranslated)
    report.events.add(event)
    ReportRelationFactory(source=ReportFactory(title="Follow-up", title_fr="Suivi"), target=report)
    recommendation = RecommendationFactory(report=report, title="Act", title_fr="Agir")
    recommendation.events.add(event)
    return report, recommendation


def api_item(api, path, language, **query):
    response = api.get(path, {"lang": language, **query})
    assert response.status_code == 200, response.content
    return response.json()


def test_the_apis_links_name_what_they_link_to_in_the_language_asked_for(api, linked_report):
    """A report's authors, topics, events, related reports and recommendations, and a
    recommendation's report, are named in the language asked for where they have it;
    an item without a translation keeps its English name."""
    report, recommendation = linked_report

    def item(path, language):
        return api_item(api, path, language)

    french = item(f"/api/v1/reports/{report.slug}/", "fr")
    assert {link["name"] for link in french["authors"]} == {
        "Département des opérations de paix",
        "Stimson Center",
    }
    assert [link["name"] for link in french["topics"]] == ["Protection des civils"]
    assert [link["name"] for link in french["events"]] == ["Dialogue de haut niveau"]
    assert [link["report"]["name"] for link in french["related_reports"]] == ["Suivi"]
    assert [each["title"] for each in french["recommendations"]] == ["Agir"]
    english = item(f"/api/v1/reports/{report.slug}/", "en")
    assert [link["name"] for link in english["topics"]] == ["Protection of civilians"]
    assert [each["title"] for each in english["recommendations"]] == ["Act"]
    (listed,) = [
        row for row in item("/api/v1/reports/", "fr")["results"] if row["slug"] == report.slug
    ]
    assert [link["name"] for link in listed["topics"]] == ["Protection des civils"]
    linked = item(f"/api/v1/recommendations/{recommendation.pk}/", "fr")
    assert linked["report"]["name"] == "Le rapport"
    assert [link["name"] for link in linked["topics"]] == []
    assert [link["event"]["name"] for link in linked["links"] if "event" in link] == [
        "Dialogue de haut niveau"
    ]


def test_each_link_says_the_language_of_its_name(api, linked_report):
    """A name in the language asked for says so; an English name standing in for a
    missing translation says `en`, as the item's own `languages` map does."""
    report, recommendation = linked_report
    RecommendationFactory(report=report, title="Untranslated")
    # Named as the UN writes them, in every language: a member state, an operation.
    report.member_states.add(member_state("MLI"))
    report.operations.add(OperationFactory(acronym="MINUSMA-T", name_fr="Mission au Mali"))

    def item(path, language, **query):
        return api_item(api, path, language, **query)

    for answer in (
        item(f"/api/v1/reports/{report.slug}/", "fr"),
        next(r for r in item("/api/v1/reports/", "fr")["results"] if r["slug"] == report.slug),
    ):
        assert {(a["name"], a["language"]) for a in answer["authors"]} == {
            ("Département des opérations de paix", "fr"),
            ("Stimson Center", "en"),
        }
        assert [t["language"] for t in answer["topics"]] == ["fr"]
        assert [(m["name"], m["language"]) for m in answer["member_states"]] == [("Mali", "en")]
        assert [(o["name"], o["language"]) for o in answer["operations"]] == [("MINUSMA-T", "en")]
        assert [e["language"] for e in answer["events"]] == ["fr"]
        assert [r["report"]["language"] for r in answer["related_reports"]] == ["fr"]
        assert {(r["title"], r["language"]) for r in answer["recommendations"]} == {
            ("Agir", "fr"),
            ("Untranslated", "en"),
        }
    english = item(f"/api/v1/reports/{report.slug}/", "en")
    assert {a["language"] for a in english["authors"]} == {"en"}
    chinese = item(f"/api/v1/reports/{report.slug}/", "zh")
    assert {t["language"] for t in chinese["topics"]} == {"en"}
    linked = item(f"/api/v1/recommendations/{recommendation.pk}/", "fr")
    assert (linked["report"]["name"], linked["report"]["language"]) == ("Le rapport", "fr")
    events = [link["event"] for link in linked["links"] if "event" in link]
    assert [(e["name"], e["language"]) for e in events] == [("Dialogue de haut niveau", "fr")]
    assert [link["label"] for link in linked["links"] if "event" in link] == ["examinée lors de"]
    found = item("/api/v1/search/", "fr", q="rapport")
    hits = [hit for group in found["groups"] for hit in group["results"]]
    assert [(h["title"], h["language"]) for h in hits if h["slug"] == report.slug] == [
        ("Le rapport", "fr")
    ]


def test_the_api_reads_accept_language_and_varies_on_it(api, demo):
    answer = api.get("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9,en;q=0.5")
    assert answer.status_code == 200
    names = [topic["name"] for topic in answer.json()["results"]]
    assert "Protection des civils" in names
    assert answer["Content-Language"] == "fr"
    assert "Accept-Language" in answer["Vary"]
    # The same address without the header: English, not the cached French answer.
    english = api.get("/api/v1/topics/")
    assert "Protection of civilians" in [t["name"] for t in english.json()["results"]]
    assert english["Content-Language"] == "en"
    # A session's language cookie is the site's, not the API's.
    api.cookies["django_language"] = "fr"
    assert api.get("/api/v1/topics/")["Content-Language"] == "en"


def test_the_api_searches_in_the_language_asked_for(api, demo):
    found = api.get("/api/v1/reports/", {"q": "protection des civils", "lang": "fr"}).json()
    assert demo_content.KIGALI_SLUG in [item["slug"] for item in found["results"]]
    search = api.get("/api/v1/search/", {"q": "principes kigali", "lang": "fr"}).json()
    assert search["groups"][0]["results"][0]["title"] == (
        "Principes de Kigali sur la protection des civils"
    )


@pytest.mark.parametrize("value", ["de", "FR", "zh-hans", "", "fr\x00", "x" * 500])
def test_an_unknown_language_is_refused_with_the_choices(api, demo, value):
    answer = api.get("/api/v1/reports/", {"lang": value})
    assert answer.status_code == 400
    message = answer.json()["errors"][0]["message"]
    assert "lang must be one of ar, zh, en, fr, ru, es" in message


def test_a_refused_lang_is_counted_by_the_quota_like_any_bad_request(api, demo, settings):
    settings.API_ANONYMOUS_RATE = 100
    first = api.get("/api/v1/topics/", {"lang": "xx"})
    second = api.get("/api/v1/topics/", {"lang": "xx"})
    assert (first.status_code, second.status_code) == (400, 400)
    remaining = [int(answer["X-RateLimit-Remaining"]) for answer in (first, second)]
    assert remaining[1] == remaining[0] - 1


def test_lang_given_twice_is_refused(api, demo):
    answer = api.get("/api/v1/reports/?lang=fr&lang=es")
    assert answer.status_code == 400
    assert "once" in answer.json()["errors"][0]["message"]


def test_lang_is_in_the_api_schema(api):
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/reports/"]["get"]["parameters"]
    lang = next(p for p in parameters if p["name"] == "lang")
    assert sorted(lang["schema"]["enum"]) == ["ar", "en", "es", "fr", "ru", "zh"]


# Curators ----------------------------------------------------------------------------


def test_curators_enter_translations_in_a_section_per_language(signed_in, demo):
    client = signed_in("Publisher")
    report = Report.objects.get(slug=demo_content.KIGALI_SLUG)
    page = html(client.get(f"/admin/reports/report/{report.pk}/change/"))
    for heading_text in ("العربية (ar)", "中文 (zh-Hans)", "Français (fr)", "Русский (ru)"):
        assert heading_text in page
    assert page.count('class="module aligned translation') == 5
    assert "staff/translation-tabs" in page
    title_ar = re.search(r'<input[^>]*name="title_ar"[^>]*>', page).group(0)
    assert 'lang="ar"' in title_ar
    assert 'dir="rtl"' in title_ar
    title_fr = re.search(r'<input[^>]*name="title_fr"[^>]*>', page).group(0)
    assert 'value="Principes de Kigali sur la protection des civils"' in title_fr


def test_a_translation_saved_in_the_admin_reaches_the_french_page(signed_in, anonymous):
    from tests.admin_forms import change_form_data

    client = signed_in("Editor")
    event = EventFactory(title="Workshop", status=Status.DRAFT)
    url = f"/admin/events/event/{event.pk}/change/"
    data = change_form_data(html(client.get(url)))
    data["title_fr"] = ["Atelier"]
    data["summary_es"] = ["Un taller."]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert (event.title, event.title_fr, event.summary_es) == ("Workshop", "Atelier", "Un taller.")


# The demo ----------------------------------------------------------------------------


def test_the_demo_is_complete_in_french(demo):
    """Every translated field of what the demo lists has its French."""
    rows = [
        *Report.objects.all(),
        *Event.objects.all(),
        *Topic.objects.all(),
        *Organization.objects.all(),
        *Recommendation.objects.all(),
        *RecommendationUpdate.objects.all(),
        *Participation.objects.exclude(title=""),
    ]
    missing = [
        (type(row).__name__, str(row)[:40], field)
        for row in rows
        for field in row.translated_fields
        if getattr(row, field) and not getattr(row, column(field, "fr"))
    ]
    assert missing == []
    assert len(demo_translations.REPORTS) == len(demo_content.REPORTS)


def test_the_demo_uses_the_uns_french_titles(demo):
    assert Report.objects.get(slug=demo_content.HIPPO_SLUG).title_fr == (
        "Unissons nos forces pour la paix : privilégier la politique, les partenariats et "
        "l'action en faveur des populations"
    )
    assert Operation.objects.get(acronym="MINUSMA").name_fr.startswith(
        "Mission multidimensionnelle intégrée des Nations Unies"
    )


def test_a_citation_cites_the_title_in_the_language_asked_for(api, anonymous, demo):
    answer = api.get(f"/api/v1/reports/{demo_content.HIPPO_SLUG}/citation/", {"lang": "fr"})
    assert answer.status_code == 200
    item = answer.json()[0] if isinstance(answer.json(), list) else answer.json()
    assert item["title"].startswith("Unissons nos forces pour la paix : ")
    assert item["language"] == "fr"
    page = html(anonymous.get(f"/fr{HIPPO}"))
    citation = re.search(r'<p class="citation">(.*?)</p>', page, re.S).group(1)
    assert "Unissons nos forces pour la paix" in citation
    assert "Document de l&#x27;ONU A/70/95–S/2015/446. 17 juin 2015." in citation
