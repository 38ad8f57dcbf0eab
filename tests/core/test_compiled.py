"""core/compiled.py: a query compiled once gives, for any values, the rows the
ORM's own queryset gives; it refuses what it could not replace safely."""

import datetime

import pytest
from django.utils import timezone

from core.compiled import CompiledQuery
from core.publishing.status import Status
from core.search import headline, id_array, id_array_sql, id_literal, websearch
from directory.models import Person
from peaceplatform.search import DIRECTORY_GROUPS, groups_for
from reports.models import Report
from reports.views import RANKED_PAGE, report_list_queryset, with_snippets
from tests.factories import PersonFactory, ReportFactory

pytestmark = pytest.mark.django_db


def as_rows(instances, *attributes):
    return [tuple(getattr(row, name) for name in ("pk", *attributes)) for row in instances]


@pytest.mark.parametrize("query", ["peace", '"rapid deployment" -Juba', "côte d'ivoire"])
def test_a_ranked_page_equals_the_orms_for_any_words(query):
    reports = [
        ReportFactory(title="Peace operations and rapid deployment", body="Bamako and Juba."),
        ReportFactory(title="Rapid deployment capabilities", body="Peace in Côte d'Ivoire."),
        ReportFactory(title="Cote d'Ivoire: peace", summary="Rapid deployment to Gao."),
    ]
    ids = [report.pk for report in reports]
    ours = RANKED_PAGE.raw(query=query, ids=id_literal(ids))
    djangos = with_snippets(report_list_queryset(), query).filter(pk__in=id_array(ids))
    fields = ("title", "kind", "published_on", "listed_symbols", "snippet")
    assert sorted(as_rows(ours, *fields)) == sorted(as_rows(djangos, *fields))
    # The long columns stay deferred, as for_listing() defers them.
    deferred = djangos[0].get_deferred_fields()
    assert "body" in deferred
    assert all(row.get_deferred_fields() == deferred for row in ours)


def test_it_is_built_and_compiled_once_then_run_with_new_values():
    builds = []

    def build(query):
        builds.append(query)
        return Person.objects.published().search(query).order_by("pk")

    people = CompiledQuery(Person, build, "query")
    ada = PersonFactory(name="Ada Lovelace")
    grace = PersonFactory(name="Grace Hopper")
    assert [row.pk for row in people.raw(query="Ada")] == [ada.pk]
    assert [row.pk for row in people.raw(query="Grace")] == [grace.pk]
    assert [row.pk for row in people.raw(query="nobody")] == []
    assert len(builds) == 1


def test_publication_is_decided_by_each_run_not_by_the_compiled_sql():
    later = PersonFactory(name="Ada Lovelace", status=Status.DRAFT)
    people = DIRECTORY_GROUPS["people"]
    assert list(people.raw(5, query="Lovelace")) == []
    Person.objects.filter(pk=later.pk).update(status=Status.PUBLISHED, publish_at=timezone.now())
    assert [row.pk for row in people.raw(5, query="Lovelace")] == [later.pk]
    Person.objects.filter(pk=later.pk).update(
        publish_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert list(people.raw(5, query="Lovelace")) == []


def test_a_directory_group_counts_every_match_beside_its_first_rows():
    PersonFactory.create_batch(7, biography="Served with the peacekeeping mission in Gao.")
    PersonFactory(biography="Never went to Mali.")
    (people,) = groups_for("Gao", only={"people"})
    assert len(people["items"]) == 5
    assert people["count"] == 7
    assert all("Gao" in row.snippet for row in people["items"])


def test_a_marker_the_orm_transforms_is_refused():
    contains = CompiledQuery(
        Person, lambda query: Person.objects.filter(name__icontains=query), "query"
    )
    with pytest.raises(ValueError, match="transformed"):
        list(contains.raw(query="Ada"))


def test_a_value_that_never_reaches_the_sql_is_refused():
    ignores = CompiledQuery(Person, lambda query: Person.objects.all(), "query")
    with pytest.raises(ValueError, match="did not reach"):
        list(ignores.raw(query="Ada"))


def test_the_values_must_be_exactly_the_markers():
    people = CompiledQuery(Person, lambda query: Person.objects.search(query), "query")
    with pytest.raises(TypeError, match="query"):
        people.raw(words="Ada")


def test_a_query_of_another_model_is_refused():
    wrong = CompiledQuery(
        Person,
        lambda query, ids: Report.objects.annotate(
            snippet=headline("summary", websearch(query))
        ).filter(pk__in=id_array_sql(ids)),
        "query",
        "ids",
    )
    with pytest.raises(ValueError, match="Report"):
        wrong.raw(query="peace", ids=id_literal([1]))
