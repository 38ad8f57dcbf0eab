"""A public corrections log (issue "Provenance and corrections", item 3): a Publisher
ticks "Public correction" on an item's form and writes a sentence; the item's page says
"Corrected on …", /corrections/, its feeds and /api/v1/corrections/ list it, and a
correction of anything not public shows nowhere."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from core.publishing.status import Status
from directory.models import Correction, MemberState
from tests.admin_forms import change_form_data
from tests.factories import (
    CorrectionFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    RecommendationFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

NOTE = "The report was dated 16 June 2015; it is dated 17 June 2015."
ATOM = "{http://www.w3.org/2005/Atom}"


def change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def post_change(client, obj, **changes):
    """The item's change form as a browser posts it, with ``changes``."""
    data = change_form_data(client.get(change_url(obj)).content.decode())
    data.update({name: [value] for name, value in changes.items()})
    return client.post(change_url(obj), data)


def corrections_on(page: str) -> str:
    return page.split('<aside class="corrections"')[1].split("</aside>")[0]


# The admin ---------------------------------------------------------------------------


def test_a_publisher_corrects_a_published_report_in_one_save(signed_in, no_page_cache):
    client = signed_in("Publisher")
    report = ReportFactory(title="Uniting our strengths")
    response = post_change(
        client,
        report,
        title="Uniting our strengths for peace",
        public_correction="on",
        correction_note=f"  {NOTE}\n",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.title == "Uniting our strengths for peace"
    correction = Correction.objects.get()
    assert correction.item == report
    assert correction.note == NOTE  # spaces and line ends tidied
    assert correction.corrected_by.username == "publisher"
    assert correction.corrected_at > timezone.now() - datetime.timedelta(minutes=1)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Corrected on <time datetime=" in corrections_on(page)
    assert NOTE in corrections_on(page)


def test_a_change_without_the_tick_logs_no_correction(signed_in):
    client = signed_in("Publisher")
    report = ReportFactory()
    assert post_change(client, report, title="A new title").status_code == 302
    assert not Correction.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"public_correction": "on"}, "correction_note", "Write the sentence readers will see"),
        ({"correction_note": NOTE}, "public_correction", "Tick “Public correction”"),
        (
            {"public_correction": "on", "correction_note": "x" * 301},
            "correction_note",
            "at most 300 characters",
        ),
        ({"public_correction": "on", "correction_note": "a\x00b"}, "correction_note", "Null"),
    ],
)
def test_a_half_written_correction_is_refused_and_nothing_changes(
    signed_in, fields, field, message
):
    client = signed_in("Publisher")
    report = ReportFactory(title="As it was")
    response = post_change(client, report, title="Changed", **fields)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    report.refresh_from_db()
    assert report.title == "As it was"
    assert not Correction.objects.exists()


def test_what_is_not_public_takes_no_public_correction(signed_in):
    client = signed_in("Publisher")
    draft = ReportFactory(status=Status.DRAFT)
    response = post_change(client, draft, public_correction="on", correction_note=NOTE)
    assert response.status_code == 200
    assert "Only what is public takes a public correction" in " ".join(
        response.context["adminform"].form.errors["public_correction"]
    )
    assert not Correction.objects.exists()


def test_editors_are_not_offered_the_tick(signed_in):
    """An editor cannot change published content at all, and a draft takes no public
    correction: the fields are not on an editor's form, and posting them does nothing."""
    client = signed_in("Editor")
    draft = ReportFactory(status=Status.DRAFT)
    page = client.get(change_url(draft)).content.decode()
    assert 'name="title"' in page
    assert 'name="public_correction"' not in page
    response = post_change(client, draft, public_correction="on", correction_note=NOTE)
    assert response.status_code == 302
    assert not Correction.objects.exists()


def test_every_kind_of_public_item_takes_a_correction(curator_client, no_page_cache):
    report = ReportFactory()
    items = [
        report,
        RecommendationFactory(report=report),
        EventFactory(),
        OrganizationFactory(),
        PersonFactory(),
        TopicFactory(),
        MemberState.objects.get(iso3="LBY"),
    ]
    for item in items:
        form = curator_client.get(change_url(item)).content.decode()
        assert 'name="public_correction"' in form, item._meta.label
        assert 'name="correction_note"' in form
        note = f"Corrected {item._meta.verbose_name}."
        response = post_change(curator_client, item, public_correction="on", correction_note=note)
        assert response.status_code == 302, (item._meta.label, response.content[:3000])
        page = curator_client.get(item.get_absolute_url()).content.decode()
        assert note in corrections_on(page), item._meta.label
    assert Correction.objects.count() == len(items)


def test_the_log_in_the_admin_names_each_item(curator_client, django_assert_max_num_queries):
    report = ReportFactory(title="A report")
    CorrectionFactory(item=report)
    CorrectionFactory(item=RecommendationFactory(report=report, label="3"))
    CorrectionFactory(item=MemberState.objects.get(iso3="GUY"))
    with django_assert_max_num_queries(20):
        page = curator_client.get("/admin/directory/correction/").content.decode()
    assert "Report <a href=" in page
    assert "Recommendation <a href=" in page
    assert "Member state <a href=" in page
    assert "/admin/directory/correction/add/" not in page  # written from the item's form


# The public side ---------------------------------------------------------------------


def test_the_log_lists_corrections_newest_first_with_their_items(anonymous, no_page_cache):
    report = ReportFactory(title="The panel's report")
    older = CorrectionFactory(item=report, corrected_at=timezone.now() - datetime.timedelta(days=2))
    newer = CorrectionFactory(item=MemberState.objects.get(iso3="LBY"), note="“State of Libya”.")
    page = anonymous.get("/corrections/").content.decode()
    log = page.split('<ol class="corrections-log">')[1].split("</ol>")[0]
    assert log.index(f'id="correction-{newer.pk}"') < log.index(f'id="correction-{older.pk}"')
    assert f'<a href="{report.get_absolute_url()}#correction-{older.pk}">The panel' in log
    assert "Member state" in log
    assert "“State of Libya”." in log
    assert 'type="application/atom+xml" title="Corrections"' in page


def test_an_empty_log_says_so(anonymous):
    page = anonymous.get("/corrections/").content.decode()
    assert "No correction yet" in page


def test_corrections_of_what_is_not_public_show_nowhere(anonymous, api, no_page_cache):
    """Drafts never leak: a correction of a report sent back to draft, scheduled, or
    deleted is on no page, feed or API answer, and comes back when the report does."""
    shown = CorrectionFactory(note="Shown: the correction of a public report.")
    draft = ReportFactory(status=Status.DRAFT)
    scheduled = ReportFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    unpublished_recommendation = RecommendationFactory(report=draft)
    hidden = [
        CorrectionFactory(item=draft, note="Hidden: of a draft."),
        CorrectionFactory(item=scheduled, note="Hidden: of a scheduled report."),
        CorrectionFactory(
            item=unpublished_recommendation, note="Hidden: of a draft recommendation."
        ),
    ]
    deleted = ReportFactory()
    CorrectionFactory(item=deleted, note="Hidden: of a deleted report.")
    deleted.delete()

    answers = [
        anonymous.get("/corrections/").content.decode(),
        anonymous.get("/feeds/corrections/").content.decode(),
        anonymous.get("/feeds/corrections/atom/").content.decode(),
        api.get("/api/v1/corrections/").content.decode(),
        b"".join(api.get("/api/v1/corrections/?format=csv").streaming_content).decode(),
    ]
    for answer in answers:
        assert shown.note in answer
        assert "Hidden" not in answer
    for correction in hidden:
        assert api.get(f"/api/v1/corrections/{correction.pk}/").status_code == 404
    assert api.get(f"/api/v1/corrections/{shown.pk}/").status_code == 200

    draft.status, draft.publish_at = Status.PUBLISHED, timezone.now()
    draft.save()
    assert "Hidden: of a draft." in anonymous.get("/corrections/").content.decode()


def test_the_feed_links_each_correction_on_its_item(anonymous, no_page_cache):
    correction = CorrectionFactory(note="What was wrong, & what is right.")
    feed = ET.fromstring(anonymous.get("/feeds/corrections/atom/").content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == f"Corrected: {correction.item}"
    assert entry.find(f"{ATOM}summary").text == "What was wrong, &amp; what is right."
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(f"{correction.item.get_absolute_url()}#correction-{correction.pk}")


def test_the_log_pages_in_constant_queries(anonymous, no_page_cache, django_assert_num_queries):
    def log_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert anonymous.get("/corrections/").status_code == 200
        return len(captured)

    from django.contrib.contenttypes.models import ContentType

    from directory.models import correctable_models

    ContentType.objects.get_for_models(*correctable_models())  # read once per process
    report = ReportFactory()
    for item in [report, RecommendationFactory(report=report), EventFactory()]:
        CorrectionFactory(item=item)
    few = log_queries()
    assert few == 4  # the rows, and one query per kind of item: three
    for _ in range(3):
        report = ReportFactory()
        for item in [report, RecommendationFactory(report=report), EventFactory(), PersonFactory()]:
            CorrectionFactory(item=item)
    CorrectionFactory(item=MemberState.objects.get(iso3="GUY"))
    assert log_queries() == few + 2  # people and member states are two more kinds


def test_a_page_of_the_log_past_the_end_is_not_found(anonymous):
    CorrectionFactory()
    assert anonymous.get("/corrections/?page=2").status_code == 404
    assert anonymous.get("/corrections/?page=x").status_code == 400


# The API -----------------------------------------------------------------------------


def test_the_api_gives_each_correction_and_its_item(api):
    report = ReportFactory(slug="a-report", title="A report")
    recommendation = RecommendationFactory(report=report, label="7")
    on_report = CorrectionFactory(item=report, corrected_at=timezone.now() - datetime.timedelta(1))
    on_recommendation = CorrectionFactory(item=recommendation)
    answer = api.get("/api/v1/corrections/").json()
    assert answer["count"] == 2
    first, second = answer["results"]
    assert first["id"] == on_recommendation.pk
    assert first["item_type"] == "recommendation"
    assert first["item_url"] == f"http://localhost/api/v1/recommendations/{recommendation.pk}/"
    assert second == {
        "id": on_report.pk,
        "corrected_at": on_report.corrected_at.astimezone(datetime.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "note": on_report.note,
        "item_type": "report",
        "item_id": report.pk,
        "item_name": "A report",
        "item_url": "http://localhost/api/v1/reports/a-report/",
        "item_html_url": "http://localhost/reports/a-report/",
    }
    # Every address it gives answers.
    assert api.get(second["item_url"]).status_code == 200
    assert api.get(first["item_html_url"]).status_code == 200


def test_the_api_filters_by_kind_and_time(api):
    report = ReportFactory()
    old = CorrectionFactory(
        item=report, corrected_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    new = CorrectionFactory(item=MemberState.objects.get(iso3="LBY"))
    by_kind = api.get("/api/v1/corrections/?type=member-state").json()
    assert [c["id"] for c in by_kind["results"]] == [new.pk]
    both = api.get("/api/v1/corrections/?type=member-state&type=report").json()
    assert [c["id"] for c in both["results"]] == [new.pk, old.pk]
    since = api.get("/api/v1/corrections/?corrected_since=2021-01-01T00:00:00Z").json()
    assert [c["id"] for c in since["results"]] == [new.pk]
    oldest_first = api.get("/api/v1/corrections/?ordering=corrected").json()
    assert [c["id"] for c in oldest_first["results"]] == [old.pk, new.pk]


@pytest.mark.parametrize(
    ("query", "parameter", "hint"),
    [
        ("type=meeting", "type", "Select a valid choice"),
        ("corrected_since=yesterday", "corrected_since", "date"),
        ("ordering=note", "ordering", "corrected"),
        ("colour=red", "colour", "not a parameter"),
    ],
)
def test_bad_api_queries_say_how_to_fix_them(api, query, parameter, hint):
    response = api.get(f"/api/v1/corrections/?{query}")
    assert response.status_code == 400
    messages = {e["parameter"]: e["message"] for e in response.json()["errors"]}
    assert hint in messages[parameter]


@pytest.mark.parametrize("address", ["abc", "99999999999999999999999", "0"])
def test_an_unknown_correction_is_not_found(api, address):
    assert api.get(f"/api/v1/corrections/{address}/").status_code == 404


def test_the_api_index_lists_the_log(api):
    assert api.get("/api/v1/").json()["endpoints"]["corrections"].endswith("/api/v1/corrections/")


# The page cache ----------------------------------------------------------------------


def test_a_cached_page_shows_a_correction_the_moment_it_is_written(anonymous):
    report = ReportFactory()
    assert "Corrected on" not in anonymous.get(report.get_absolute_url()).content.decode()
    assert anonymous.get(report.get_absolute_url())["X-Page-Cache"] == "hit"
    CorrectionFactory(item=report)
    page = anonymous.get(report.get_absolute_url())
    assert page["X-Page-Cache"] != "hit"
    assert "Corrected on" in page.content.decode()


# The trash --------------------------------------------------------------------------


def test_a_deleted_item_takes_its_corrections_to_the_trash_and_back(signed_in, anonymous):
    from django.urls import reverse

    from core.publishing import trash

    client = signed_in("Publisher")
    report = ReportFactory(title="A report with a correction")
    on_report = CorrectionFactory(item=report, note="The title was wrong.")
    on_recommendation = CorrectionFactory(
        item=RecommendationFactory(report=report), note="The label was wrong."
    )
    delete_url = reverse("admin:reports_report_delete", args=[report.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Correction.objects.exists()

    [entry] = trash.entries()  # one entry: the corrections hang from what they correct
    assert entry.model._meta.label == "reports.Report"
    assert entry.linked_count == 3  # the recommendation and the two corrections
    client.post(reverse("admin:peaceplatform_trash_restore"), {"entry": entry.token})
    assert set(Correction.objects.values_list("pk", "note")) == {
        (on_report.pk, "The title was wrong."),
        (on_recommendation.pk, "The label was wrong."),
    }
    assert "The title was wrong." in anonymous.get("/corrections/").content.decode()


def test_the_api_log_reads_in_constant_queries(api, no_page_cache):
    """The rate counter, the count, the rows and one query per kind of item corrected,
    however many corrections: measured and pinned."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.models import correctable_models

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"/api/v1/corrections/?limit={limit}").status_code == 200
        return len(captured)

    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*correctable_models())  # read once per process
    for _ in range(4):
        report = ReportFactory()
        for item in [report, RecommendationFactory(report=report), EventFactory()]:
            CorrectionFactory(item=item)
    assert queries(1) <= queries(100) == 6  # counter, count, rows, three kinds
