"""The admin in the six languages: every label, column, action, message and page of our
own is marked for translation and translated, the staff choose the admin's language at
the top of every page, and their notices by mail come in the language they chose."""

import html
import json
import re
from pathlib import Path

import pghistory.models
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core import mail
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from alerts import staff
from alerts.models import Delivery, StaffPreference
from core import translations
from core.publishing.status import Status
from peaceplatform import demo_content
from reports.models import Report
from tests.factories import ReportFactory

OUR_APPS = {"alerts", "core", "directory", "events", "operations", "peaceplatform", "reports"}
CATALOG = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def french_catalog() -> dict[str, str]:
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(CATALOG))
        if entry.translated() and not entry.msgctxt and not entry.msgid_plural
    }


def our_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not issubclass(model, pghistory.models.Event)
    ]


def test_every_field_and_model_of_ours_is_named_in_the_catalogs():
    """A field's label, a model's names and an app's name are the admin's words: each
    is marked for translation and has its translation."""
    catalog = french_catalog()
    unnamed = []
    for model in our_models():
        names = [model._meta.verbose_name, model._meta.verbose_name_plural]
        # A translation column's label is its field's, with its language's own name;
        # the search vectors (generated, never shown) and the generic relations (no
        # column) have no label anyone reads.
        columns = set(translations.translation_columns(model))
        names += [
            field.verbose_name
            for field in model._meta.get_fields()
            if not field.auto_created
            and (field.concrete or field.many_to_many)
            and not isinstance(field, models.GeneratedField)
            and field.name not in columns
        ]
        for name in names:
            with translation.override("en"):
                english = str(name)
            if not isinstance(name, Promise) or english not in catalog:
                unnamed.append(f"{model._meta.label}: {english!r}")
    for config in apps.get_app_configs():
        if config.label in OUR_APPS and str(config.verbose_name) not in catalog:
            unnamed.append(f"app {config.label}: {config.verbose_name!r}")
    assert unnamed == []


def test_every_column_action_and_inline_title_of_ours_is_marked():
    unmarked = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        cls = type(model_admin)
        shown = [*model_admin.list_display, *model_admin.readonly_fields, *model_admin.actions]
        for name in shown:
            member = getattr(cls, name, None) if isinstance(name, str) else name
            description = getattr(member, "short_description", None)
            if description is not None and not isinstance(description, Promise):
                unmarked.append(f"{cls.__name__}.{name}: {description!r}")
        for inline in model_admin.inlines:
            for attribute in ("verbose_name", "verbose_name_plural"):
                value = inline.__dict__.get(attribute)
                if value is not None and not isinstance(value, Promise):
                    unmarked.append(f"{inline.__name__}.{attribute}: {value!r}")
    assert unmarked == []


# Words of ours that are also in the content's own names (the Department of Peace
# Operations, the High-Level Independent Panel on Peace Operations).
IN_CONTENT_NAMES = {"peace operations", "Peace Operations"}


def english_left(page: str, catalog: dict[str, str]) -> list[str]:
    """Our catalog's English sentences that a page shows untranslated: those whose
    French differs, long enough not to be a name or a word both languages share."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>", " ", page)))
    text = " ".join(text.split())
    return [
        english
        for english, french in catalog.items()
        if english != french
        and len(english) >= 12
        and " " in english
        and "%" not in english
        and "<" not in english
        and english not in IN_CONTENT_NAMES
        and english in text
    ]


@pytest.fixture
def french_admin(demo, curator_client):
    """A curator who chose French at the top of the admin."""
    response = curator_client.post(
        "/admin/language/", {"language": "fr", "next": "/admin/"}, follow=False
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    return curator_client


def admin_pages():
    report = Report.objects.get(slug=demo_content.HIPPO_SLUG)
    draft = ReportFactory(status=Status.DRAFT, title="A draft report")
    return [
        "/admin/",
        "/admin/reports/report/",
        f"/admin/reports/report/{report.pk}/change/",
        f"/admin/reports/report/{report.pk}/history/",
        f"/admin/reports/report/{draft.pk}/workflow/schedule/",
        f"/admin/reports/report/{draft.pk}/delete/",
        "/admin/reports/recommendation/add/",
        "/admin/events/event/",
        "/admin/events/participation/import/",
        "/admin/directory/organization/add/",
        "/admin/operations/operation/",
        "/admin/peaceplatform/trash/",
        "/admin/peaceplatform/webhookendpoint/add/",
        "/admin/peaceplatform/partnerkey/add/",
        "/admin/alerts/subscription/",
        "/admin/review/",
        "/admin/notifications/",
    ]


def test_the_admin_speaks_french_to_whoever_chose_it(french_admin):
    catalog = french_catalog()
    for path in admin_pages():
        response = french_admin.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert '<html lang="fr"' in page, path
        # One address, six languages: a cache between may not mix them.
        assert response["Content-Language"] == "fr", path
        assert {"Accept-Language", "Cookie"} <= set(re.split(r",\s*", response["Vary"])), path
        assert english_left(page, catalog) == [], path
    report_form = french_admin.get(admin_pages()[2]).content.decode()
    # Our labels, our sections and our tools, not only Django's own words.
    for french in ("Titre", "Résumé", "Flux de travail", "Historique", "Correction publique"):
        assert french in report_form, french
    start = french_admin.get("/admin/").content.decode()
    assert "Mes brouillons" in start
    assert "Publié cette semaine" in start


def test_the_checks_would_see_english_left_on_a_page():
    catalog = french_catalog()
    assert "Nothing is waiting for review." in english_left(
        "<p>Nothing is waiting for review.</p>", catalog
    )
    assert english_left("<p>Rien n'attend de relecture.</p>", catalog) == []


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_language_chooser_is_on_every_admin_page_and_its_words_are_valid_json(
    demo, curator_client, language
):
    curator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = curator_client.get("/admin/reports/report/add/").content.decode()
    chooser = re.search(r'<form id="admin-language".*?</form>', page, re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in chooser
    assert f'<option value="{language}"' in chooser
    assert " selected>" in chooser
    assert re.search(rf'<option value="{language}"[^>]* selected>', chooser)
    # The staff scripts' words (static/staff/) in the page's language, as JSON.
    words = json.loads(
        re.search(r'<script id="staff-words" type="application/json">(.*?)</script>', page).group(1)
    )
    assert set(words) == {"previewOf", "translations", "language"}
    assert "%s" in words["previewOf"]
    assert "%s" in words["language"]
    if language != "en":
        assert words["translations"] != "Translations"


def test_choosing_the_admin_language_needs_a_staff_sign_in_and_a_known_language(
    demo, client, curator_client
):
    anonymous = client.__class__()
    refused = anonymous.post("/admin/language/", {"language": "fr", "next": "/admin/"})
    assert refused.status_code == 302
    assert refused["Location"].startswith("/admin/login/")
    assert settings.LANGUAGE_COOKIE_NAME not in refused.cookies
    unknown = curator_client.post("/admin/language/", {"language": "xx\x00", "next": "/admin/"})
    assert unknown.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in unknown.cookies
    away = curator_client.post(
        "/admin/language/", {"language": "ar", "next": "https://elsewhere.example/"}
    )
    assert away.status_code == 302
    assert not away["Location"].startswith("https://elsewhere")


@pytest.fixture
def people(make_staff):
    editor, publisher = make_staff("Editor"), make_staff("Publisher")
    editor.email, publisher.email = "erin@example.org", "pat@example.org"
    editor.save(), publisher.save()
    return editor, publisher


def test_a_workflow_notice_comes_in_the_language_its_reader_chose(db, people, settings):
    settings.PUBLIC_URL = "https://peace.example"
    editor, publisher = people
    StaffPreference.objects.create(user=publisher, language="fr")
    StaffPreference.objects.create(user=editor, language="ar", my_items=Delivery.IMMEDIATE)
    report = ReportFactory(status=Status.DRAFT, title="Lessons from Mali")
    from core.publishing import workflow

    workflow.apply(workflow.TRANSITIONS["submit"], Report.objects.filter(pk=report.pk), editor)
    staff.send_notices(Delivery.IMMEDIATE)
    [to_publisher] = [m for m in mail.outbox if m.to == ["pat@example.org"]]
    assert to_publisher.subject == "Rapport “Lessons from Mali” soumis pour relecture par editor"
    body, page = to_publisher.body, to_publisher.alternatives[0][0]
    assert "Une action du flux de travail qui vous concerne." in body
    assert '<html lang="fr" dir="ltr">' in page
    mail.outbox.clear()

    report.refresh_from_db()
    workflow.apply(workflow.TRANSITIONS["publish"], Report.objects.filter(pk=report.pk), publisher)
    staff.send_notices(Delivery.IMMEDIATE)
    [to_editor] = mail.outbox
    assert "نشره" in to_editor.subject  # "published by", in Arabic
    assert '<html lang="ar" dir="rtl">' in to_editor.alternatives[0][0]


def test_the_weekly_note_comes_in_the_language_its_reader_chose(db, people, settings):
    import datetime

    from django.utils import timezone

    _editor, publisher = people
    StaffPreference.objects.create(user=publisher, language="es")
    ReportFactory(
        status=Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=2),
        title="Scheduled review",
    )
    assert staff.send_weekly_schedule() >= 1
    [note] = [m for m in mail.outbox if m.to == ["pat@example.org"]]
    assert note.subject == "Programado para hacerse público: 1 elemento"
    assert "Informe “Scheduled review”" in note.body


def test_the_preferences_page_offers_the_mails_language_and_keeps_it(db, people, client):
    from tests.conftest import sign_in_with_second_factor

    editor, _publisher = people
    sign_in_with_second_factor(client, editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get("/admin/notifications/").content.decode()
    # Never chosen: the admin's own language is offered first.
    assert re.search(r'<option value="ru" selected>', page)
    saved = client.post("/admin/notifications/", {"my_items": "daily", "language": "zh-hans"})
    assert saved.status_code == 302
    assert StaffPreference.objects.get(user=editor).language == "zh-hans"
    # A form without the field (an older page) keeps what was chosen.
    client.post("/admin/notifications/", {"my_items": "off"})
    chosen = StaffPreference.objects.get(user=editor)
    assert (chosen.my_items, chosen.language) == ("off", "zh-hans")
    refused = client.post("/admin/notifications/", {"my_items": "off", "language": "xx"})
    assert refused.status_code == 200
    assert StaffPreference.objects.get(user=editor).language == "zh-hans"
