"""/api/v1/changes/: every change to what is public, in order, with tombstones
(peaceplatform/changes.py records them; the job queue runs it every minute)."""

import contextlib
import datetime
import time

import pghistory
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from procrastinate.contrib.django import app

from core.publishing import trash, workflow
from core.publishing.status import Status
from directory.models import Topic
from operations.models import Operation
from peaceplatform.changes import TRACKED, prune_changes, record_changes
from peaceplatform.models import Change, ChangesHorizon
from reports.models import Recommendation, Report
from tests.api.conftest import problems
from tests.factories import RecommendationFactory, ReportFactory, TopicFactory

pytestmark = pytest.mark.django_db

CHANGES = "/api/v1/changes/"


@pytest.fixture(autouse=True)
def nothing_public_yet():
    """These tests start from an empty public set: the peace operations that ship with
    the platform (operations/known.py) would be its first 71 changes."""
    Operation.objects.all().delete()


@pytest.fixture
def publisher():
    return get_user_model().objects.create_superuser("changes-publisher", password="x" * 20)


def feed(api, **params):
    response = api.get(CHANGES, params)
    assert response.status_code == 200, response.content
    return response.json()


def actions(api, since=0):
    return [(c["type"], c["id"], c["action"]) for c in feed(api, since=since)["results"]]


def move(transition, obj, user, **kwargs):
    workflow.apply(
        workflow.TRANSITIONS[transition], type(obj).objects.filter(pk=obj.pk), user, **kwargs
    )


def test_an_item_s_whole_life_is_in_the_feed_in_order(api, publisher):
    report = ReportFactory(status=Status.DRAFT)
    recommendation = RecommendationFactory(report=report)
    record_changes()
    assert actions(api) == []  # a draft is no one's business

    move("publish", report, publisher)
    record_changes()
    # The report's publication carries its recommendation with it.
    assert actions(api) == [
        ("report", report.pk, "published"),
        ("recommendation", recommendation.pk, "published"),
    ]
    cursor = feed(api)["latest"]

    report.refresh_from_db()
    report.title = "A better title"
    report.save()
    record_changes()
    assert actions(api, cursor) == [("report", report.pk, "updated")]
    cursor = feed(api)["latest"]

    move("unpublish", report, publisher)
    record_changes()
    assert actions(api, cursor) == [
        ("report", report.pk, "withdrawn"),
        ("recommendation", recommendation.pk, "withdrawn"),
    ]
    withdrawn = feed(api, since=cursor)["results"][0]
    assert withdrawn["url"] is None
    assert withdrawn["slug"] == report.slug
    cursor = feed(api)["latest"]

    move("publish", report, publisher)
    record_changes()
    cursor = feed(api)["latest"]
    with pghistory.context(test="delete"):
        Report.objects.get(pk=report.pk).delete()
    record_changes()
    assert actions(api, cursor) == [
        ("report", report.pk, "deleted"),
        ("recommendation", recommendation.pk, "deleted"),
    ]
    cursor = feed(api)["latest"]

    [entry] = [e for e in trash.entries() if e.model is Report]
    trash.restore(entry.token, publisher)
    record_changes()
    assert actions(api, cursor) == [
        ("report", report.pk, "published"),
        ("recommendation", recommendation.pk, "published"),
    ]


def test_a_scheduled_item_enters_the_feed_when_its_time_comes_without_a_write(api, publisher):
    report = ReportFactory(status=Status.DRAFT)
    Report.objects.filter(pk=report.pk).update(
        status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    record_changes()
    assert actions(api) == []
    time.sleep(1.1)
    record_changes()
    assert actions(api) == [("report", report.pk, "published")]


def test_each_change_says_where_to_fetch_the_item(api):
    report = ReportFactory(slug="feed-report")
    recommendation = RecommendationFactory(report=report)
    topic = TopicFactory(slug="feed-topic")
    record_changes()
    urls = {(c["type"], c["id"]): c["url"] for c in feed(api)["results"]}
    assert urls[("report", report.pk)] == "http://localhost/api/v1/reports/feed-report/"
    assert urls[("recommendation", recommendation.pk)] == (
        f"http://localhost/api/v1/recommendations/{recommendation.pk}/"
    )
    assert urls[("topic", topic.pk)] == "http://localhost/api/v1/topics/feed-topic/"
    for url in urls.values():
        assert api.get(url).status_code == 200


def test_pages_follow_next_and_filter_by_type(api):
    reports = [ReportFactory() for _ in range(3)]
    TopicFactory()
    record_changes()
    first = feed(api, limit=2, type="report")
    assert [c["id"] for c in first["results"]] == [r.pk for r in reports[:2]]
    assert first["more"] is True
    second = api.get(first["next"]).json()
    assert [c["id"] for c in second["results"]] == [reports[2].pk]
    assert second["more"] is False
    # At the end, next is the same address: the place to poll.
    assert api.get(second["next"]).json()["results"] == []
    assert second["next"].endswith(f"since={second['results'][-1]['change']}&limit=2&type=report")
    assert feed(api)["latest"] == Change.objects.latest("id").id


def test_a_run_that_finds_nothing_new_stops_after_three_queries(
    django_capture_on_commit_callbacks,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ReportFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert record_changes() == 1
    with CaptureQueriesContext(connection) as captured:
        assert record_changes() == 0
    statements = [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]
    # The lock, the content version, and the version the last run left (in the cache:
    # a query here, where the cache is the database's; none with Redis).
    assert len(statements) == 3, statements
    assert not any("publicitem" in sql for sql in statements)
    assert record_changes(force=True) == 0  # and a full comparison agrees


def test_the_feed_takes_the_same_queries_for_a_page_of_one_or_of_a_thousand(
    api, django_assert_num_queries
):
    for _ in range(5):
        ReportFactory()
    record_changes()
    for limit in (1, 1000):
        # The quota's count, the horizon, the page, the latest cursor.
        with django_assert_num_queries(4):
            assert api.get(CHANGES, {"limit": limit}).status_code == 200


@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ({"since": "-1"}, "since", "whole number between 0 and"),
        ({"since": "abc"}, "since", "whole number"),
        ({"since": "1\x00"}, "since", "whole number"),
        ({"since": "9" * 40}, "since", "must be between 0 and"),
        ({"limit": "0"}, "limit", "between 1 and 1000"),
        ({"limit": "1001"}, "limit", "between 1 and 1000"),
        ({"type": "member-state"}, "type", "choose from"),
        ({"type": ""}, "type", "at least one type"),
        ({"cursor": "*"}, "cursor", "the parameters are: limit, since, type"),
    ],
)
def test_bad_parameters_get_a_400_that_says_how_to_fix_them(api, query, parameter, says):
    response = api.get(CHANGES, query)
    assert response.status_code == 400
    found = problems(response)
    assert says in found[parameter], found


def test_a_cursor_older_than_what_is_kept_is_gone_and_says_what_to_do(api):
    report = ReportFactory()
    record_changes()
    [old] = Change.objects.all()
    Change.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=400))
    report.title = "Edited"
    report.save()
    record_changes()
    assert prune_changes(365) == 1
    assert ChangesHorizon.objects.get().pruned_through == old.pk

    response = api.get(CHANGES, {"since": 0})
    assert response.status_code == 410
    assert "Copy the lists again" in response.json()["detail"]
    # From the horizon on, the feed answers.
    assert [c["action"] for c in feed(api, since=old.pk)["results"]] == ["updated"]


def test_changes_are_recorded_every_minute_and_pruned_every_night():
    schedule = {
        periodic.task.name: periodic.cron
        for periodic in app.periodic_registry.periodic_tasks.values()
    }
    assert schedule["peaceplatform.tasks.record_public_changes"] == "* * * * *"
    assert schedule["peaceplatform.tasks.prune_public_changes"] == "41 3 * * *"


def test_answers_are_never_left_to_a_shared_cache(api):
    ReportFactory()
    record_changes()
    response = api.get(CHANGES)
    assert response["Cache-Control"] == "no-cache"
    assert api.get(CHANGES, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


# --- The property: a mirror built from the API alone equals the public set ---------

# Each operation acts on one of the reports (with its recommendation) or topics made
# so far, chosen by index; "sync" has the mirror catch up, as a partner's run would.
KINDS = [
    "create_public",
    "create_draft",
    "edit",
    "publish",
    "unpublish",
    "archive",
    "delete",
    "restore",
    "schedule_past",
    "sync",
    "sync",
]
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.sampled_from(["report", "topic"]), st.integers(0, 4)),
    min_size=3,
    max_size=20,
)


class Mirror:
    """A partner's copy: the lists once, then the feed, fetching what it says changed."""

    def __init__(self, api):
        self.api = api
        self.items = {}
        self.cursor = 0

    def sync(self):
        record_changes()
        while True:
            page = self.api.get(CHANGES, {"since": self.cursor, "limit": 7}).json()
            for change in page["results"]:
                key = (change["type"], change["id"])
                if change["action"] in ("withdrawn", "deleted"):
                    self.items.pop(key, None)
                    continue
                response = self.api.get(change["url"])
                if response.status_code == 404:  # gone again; a later change says so
                    continue
                self.items[key] = response.json()["slug"]
            self.cursor = page["results"][-1]["change"] if page["results"] else self.cursor
            if not page["more"]:
                return


def public_set():
    found = {}
    for type_name in TRACKED:
        model = {"report": Report, "recommendation": Recommendation, "topic": Topic}.get(type_name)
        if model is None:
            continue
        for pk, slug in model.objects.published().values_list("pk", "slug"):
            found[(type_name, pk)] = slug
    return found


# Derandomized: the same 60 sequences every run, so CI never fails by chance; change
# the sequences by changing the strategy (or, locally, derandomize=False to explore).
@settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_a_mirror_built_from_the_feed_equals_the_public_set(api, publisher, operations):
    from django.db import transaction

    with transaction.atomic():
        made = {"report": [], "topic": []}
        mirror = Mirror(api)
        for status in (Status.PUBLISHED, Status.DRAFT):
            act("create", "report", status, made)
            act("create", "topic", status, made)
        mirror.sync()
        for kind, type_name, index in operations:
            if kind == "sync":
                mirror.sync()
            elif kind.startswith("create"):
                status = Status.PUBLISHED if kind == "create_public" else Status.DRAFT
                act("create", type_name, status, made)
            else:
                items = made[type_name]
                act(kind, type_name, items[index % len(items)], made, publisher)
        mirror.sync()
        assert mirror.items == public_set()
        transaction.set_rollback(True)


def act(kind, type_name, target, made, publisher=None):
    """One operation, as the admin would make it; a move the item cannot make is skipped."""
    model = Report if type_name == "report" else Topic
    if kind == "create":
        if model is Report:
            item = ReportFactory(status=target)
            RecommendationFactory(report=item)
        else:
            item = TopicFactory(status=target)
        made[type_name].append(item.pk)
        return
    pk = target
    exists = model.objects.filter(pk=pk).exists()
    if kind == "restore":
        entries = [e for e in trash.entries() if e.model is model and e.key[1] == pk]
        if exists or not entries:
            return
        with contextlib.suppress(trash.RestoreError):
            trash.restore(entries[0].token, publisher)
    elif not exists:
        return
    elif kind == "delete":
        with pghistory.context(test="delete"):
            model.objects.filter(pk=pk).delete()
    elif kind == "edit":
        model.objects.get(pk=pk).save()  # a new updated_at
    elif kind == "schedule_past":
        model.objects.filter(pk=pk).update(status=Status.PUBLISHED, publish_at=timezone.now())
    else:
        move(kind, model.objects.get(pk=pk), publisher)


def test_drafts_never_leak_into_the_feed(api, publisher):
    public = ReportFactory(slug="public-one")
    draft = ReportFactory(status=Status.DRAFT, slug="secret-draft", title="Secret draft")
    record_changes()
    assert actions(api) == [("report", public.pk, "published")]

    # Withdrawn, then reworked as a draft under a new address: the tombstone keeps the
    # address it had in public, and the draft's new one stays unsaid.
    move("unpublish", public, publisher)
    public.refresh_from_db()
    public.slug, public.title = "secret-rework", "Secret rework"
    public.save()
    record_changes()
    body = api.get(CHANGES).content.decode()
    assert [(c["action"], c["slug"]) for c in feed(api)["results"]] == [
        ("published", "public-one"),
        ("withdrawn", "public-one"),
    ]
    for secret in ("secret-draft", "Secret draft", "secret-rework", "Secret rework"):
        assert secret not in body
    assert f'"id":{draft.pk},' not in body.replace(" ", "")
