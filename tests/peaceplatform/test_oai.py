"""OAI-PMH at /oai/ (peaceplatform/oai.py), harvested by a real OAI-PMH client
(oaipmh-scythe) over HTTP from a live server, and asked bad questions directly."""

import datetime
import re
import time

import pytest
from django.utils import timezone
from oaipmh_scythe import Scythe
from oaipmh_scythe import exceptions as oai_errors

from core.publishing import workflow
from core.publishing.status import Status
from peaceplatform import oai
from peaceplatform.changes import record_changes
from reports.models import Report
from tests.factories import ReportFactory, TopicFactory


def identifiers(items):
    return {
        item.header.identifier if hasattr(item, "header") else item.identifier for item in items
    }


def oai_id(report) -> str:
    return f"oai:localhost:report/{report.pk}"  # the live server is localhost


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)  # resumption tokens after every second record


def test_a_full_and_an_incremental_harvest_equal_the_public_set(
    live_server, transactional_db, small_pages, django_user_model
):
    topic = TopicFactory(slug="protection-of-civilians", name="Protection of civilians")
    public = [ReportFactory(kind="un_report") for _ in range(4)]
    public[0].topics.add(topic)
    draft = ReportFactory(status=Status.DRAFT, title="Secret draft report")
    scheduled = ReportFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    record_changes()
    scythe = Scythe(f"{live_server.url}/oai/")

    records = list(scythe.list_records(metadata_prefix="oai_dc"))
    assert identifiers(records) == {oai_id(r) for r in public}
    assert len(records) == len(public)  # each once, across three pages
    first = next(r for r in records if r.header.identifier == oai_id(public[0]))
    assert first.metadata["title"] == [public[0].title]
    assert first.metadata["subject"] == ["Protection of civilians"]
    assert "topic:protection-of-civilians" in first.header.setSpecs
    assert identifiers(scythe.list_identifiers(metadata_prefix="peace")) == {
        oai_id(r) for r in public
    }
    # Sets: a topic's, a kind's.
    assert identifiers(
        scythe.list_identifiers(metadata_prefix="oai_dc", set_="topic:protection-of-civilians")
    ) == {oai_id(public[0])}
    assert len(list(scythe.list_identifiers(metadata_prefix="oai_dc", set_="kind:un_report"))) == 4

    # Later: one edited, one withdrawn, one deleted, the scheduled one comes due.
    time.sleep(1.1)
    since = timezone.now().replace(microsecond=0)
    time.sleep(1.1)
    public[1].title = "Edited title"
    public[1].save()
    publisher = django_user_model.objects.create_superuser("oai-publisher", password="x" * 20)
    workflow.apply(
        workflow.TRANSITIONS["unpublish"], Report.objects.filter(pk=public[2].pk), publisher
    )
    Report.objects.filter(pk=public[3].pk).delete()
    Report.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now())
    record_changes()

    changed = list(scythe.list_records(metadata_prefix="oai_dc", from_=oai.stamp(since)))
    by_id = {r.header.identifier: r for r in changed}
    assert set(by_id) == {
        oai_id(public[1]),
        oai_id(public[2]),
        oai_id(public[3]),
        oai_id(scheduled),
    }
    assert by_id[oai_id(public[1])].metadata["title"] == ["Edited title"]
    assert by_id[oai_id(public[2])].deleted
    assert by_id[oai_id(public[3])].deleted
    assert not by_id[oai_id(scheduled)].deleted

    # A mirror that applies the incremental harvest to the full one has the public set.
    mirror = identifiers(records)
    for record in changed:
        (mirror.discard if record.deleted else mirror.add)(record.header.identifier)
    assert mirror == {oai_id(r) for r in Report.objects.published()}
    # And the draft never showed.
    assert oai_id(draft) not in mirror
    with pytest.raises(oai_errors.IdDoesNotExist):
        scythe.get_record(identifier=oai_id(draft), metadata_prefix="oai_dc")
    gone = scythe.get_record(identifier=oai_id(public[3]), metadata_prefix="oai_dc")
    assert gone.deleted


def test_identify_and_formats_through_the_client(live_server, transactional_db):
    ReportFactory()
    scythe = Scythe(f"{live_server.url}/oai/")
    identify = scythe.identify()
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "transient"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    formats = {f.metadataPrefix: f.schema for f in scythe.list_metadata_formats()}
    assert set(formats) == {"oai_dc", "peace"}
    assert formats["peace"] == f"{live_server.url}/oai/peace.xsd"
    with pytest.raises(oai_errors.CannotDisseminateFormat):
        list(scythe.list_records(metadata_prefix="marc21"))
    with pytest.raises(oai_errors.NoRecordsMatch):
        list(scythe.list_records(metadata_prefix="oai_dc", from_="2100-01-01"))


def error_of(client, query, method="get"):
    response = getattr(client, method)("/oai/", query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    body = response.content.decode()
    found = re.search(r'<error code="(\w+)">(.*?)</error>', body)
    return (found.group(1), found.group(2), body) if found else (None, None, body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "ListSets"]}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "peace"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2015-13-45"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2015-01-01\x00"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2015-01-01",
                "until": "2016-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2016-01-01",
                "until": "2015-01-01",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "topic:nothing"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "resumptionToken": "forged:token"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:y"},
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:testserver:report/99999999999999999999999",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "oai:x:y"}, "idDoesNotExist"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2100-01-01"},
            "noRecordsMatch",
        ),
    ],
)
def test_bad_requests_get_the_specification_s_error_codes(client, query, code):
    ReportFactory()
    found, message, body = error_of(client, query)
    assert found == code, body
    assert message  # says what to fix
    if code in ("badVerb", "badArgument"):
        assert re.search(r"<request>http://testserver/oai/</request>", body)  # no attributes


@pytest.mark.django_db
def test_post_is_answered_as_get(client):
    ReportFactory()
    code, _message, body = error_of(client, {"verb": "Identify"}, method="post")
    assert code is None
    assert "<repositoryName>Peace Operations Knowledge Platform</repositoryName>" in body


@pytest.mark.django_db
def test_a_list_reads_the_same_queries_for_a_page_of_two_or_of_a_hundred(
    client, django_assert_max_num_queries, monkeypatch
):
    for _ in range(6):
        ReportFactory().topics.add(TopicFactory())
    query = {"verb": "ListRecords", "metadataPrefix": "peace"}
    for size in (2, 100):
        monkeypatch.setattr(oai, "PAGE_SIZE", size)
        # The page, its five prefetched relations, the tombstones, the set check none.
        with django_assert_max_num_queries(7):
            assert client.get("/oai/", query).status_code == 200


@pytest.mark.django_db
def test_text_that_xml_cannot_carry_is_left_out_not_a_500(client):
    ReportFactory(title="Control \x0b character", summary="Bell \x07 here")
    body = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert body.status_code == 200
    assert "Control  character" in body.content.decode()
