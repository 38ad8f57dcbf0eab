"""The "published" rule has one home: public_condition() for the ORM and public_sql(),
its twin for raw SQL (core/publishing/status.py). The two select the same rows of
every publishable model, and the rule is written nowhere else."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from core.caching import _publishable_models
from core.publishing.status import Status, public_condition, public_sql
from tests import factories

BASE_DIR = Path(__file__).resolve().parents[2]
FACTORIES = {
    "directory.Organization": factories.OrganizationFactory,
    "directory.Person": factories.PersonFactory,
    "directory.Topic": factories.TopicFactory,
    # One page per address: the same row, in each state in turn.
    "directory.Page": factories.methodology_page,
    "operations.Operation": factories.OperationFactory,
    "events.EventSeries": factories.EventSeriesFactory,
    "events.Event": factories.EventFactory,
    "reports.Report": factories.ReportFactory,
    "reports.RecommendationUpdate": factories.RecommendationUpdateFactory,
}


@pytest.mark.django_db
def test_the_orm_rule_and_its_sql_twin_select_the_same_rows():
    now = timezone.now()
    cases = [
        (Status.PUBLISHED, now - datetime.timedelta(days=1)),
        (Status.PUBLISHED, now + datetime.timedelta(days=1)),  # scheduled
        (Status.DRAFT, now - datetime.timedelta(days=1)),
        (Status.REVIEW, None),
        (Status.ARCHIVED, now - datetime.timedelta(days=1)),
    ]
    models = _publishable_models()
    assert {m._meta.label for m in models} == set(FACTORIES), "add the new model here"
    for model in models:
        table = model._meta.db_table
        for status, publish_at in cases:
            row = FACTORIES[model._meta.label](status=status)
            model._base_manager.filter(pk=row.pk).update(publish_at=publish_at)
            orm = model._base_manager.filter(public_condition(), pk=row.pk).exists()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM {table} t WHERE {public_sql('t')} AND t.id = %s",  # noqa: S608
                    [row.pk],
                )
                aliased = cursor.fetchone() is not None
                cursor.execute(
                    f"SELECT id FROM {table} WHERE {public_sql()} AND id = %s",  # noqa: S608
                    [row.pk],
                )
                bare = cursor.fetchone() is not None
            public = status == Status.PUBLISHED and publish_at is not None and publish_at <= now
            assert orm == aliased == bare == public, (model, status, publish_at)


def test_an_alias_must_be_a_name():
    with pytest.raises(ValueError, match="not a table alias"):
        public_sql("t; DROP TABLE x")


# The rule spelt out: a comparison of publish_at with the clock, or a status compared
# with the published value in SQL text.
WRITTEN_OUT = re.compile(
    r"publish_at\s*<=|status\s*=\s*'published'|status\s*=\s*'\{Status\.PUBLISHED",
)


def test_the_rule_is_written_in_one_place():
    home = BASE_DIR / "core" / "publishing" / "status.py"
    offenders = []
    for package in ("core", "directory", "events", "reports", "peaceplatform"):
        for path in (BASE_DIR / package).rglob("*.py"):
            if path == home or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if WRITTEN_OUT.search(line):
                    offenders.append(f"{path.relative_to(BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == [], "use public_condition() or public_sql():\n" + "\n".join(offenders)
