"""bench/common.py: the sizes a run takes and the growth verdict issue 25 is judged by
(every kind within GROWTH_LIMIT of its p95 at the smallest size, and under target)."""

import pytest
from django.db import connection

from bench import common


def test_sizes_are_read_sorted_and_once():
    assert common.sizes("1000000,100_000,100000") == [100_000, 1_000_000]
    for bad in ["", "a,b", "0", "100000,-5"]:
        with pytest.raises(SystemExit):
            common.sizes(bad)


def test_each_size_has_a_database_of_its_own():
    assert common.database_name(100_000) != common.database_name(1_000_000)


def test_the_verdict_needs_both_the_growth_and_the_target(capsys):
    def results(small, large):
        return {
            100: {"kind": {"p50": 1.0, "p95": small}},
            1000: {"kind": {"p50": 1.0, "p95": large}},
        }

    assert common.print_growth(results(20.0, 29.0), lambda kind: 50.0)  # 1.45×, under 50
    assert not common.print_growth(results(20.0, 31.0), lambda kind: 50.0)  # 1.55×
    assert not common.print_growth(results(40.0, 55.0), lambda kind: 50.0)  # 1.38×, over 50
    assert common.print_growth(results(40.0, 55.0), lambda kind: None)  # no target
    # A kind missing at the larger size is not a pass.
    assert not common.print_growth(
        {100: {"kind": {"p50": 1.0, "p95": 20.0}}, 1000: {}}, lambda kind: 50.0
    )
    assert "OVER" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_index_is_dropped_for_a_round_only():
    """bench/index_ab.py times pages without an index inside a rolled-back transaction."""

    def exists():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'report_kind_recent'")
            return cursor.fetchone() is not None

    with common.rolled_back(connection, drop_index="report_kind_recent"):
        assert not exists()
    assert exists()
    with common.rolled_back(connection):
        assert exists()
    with (
        pytest.raises(SystemExit),
        common.rolled_back(connection, drop_index='x"; DROP TABLE reports_report; --'),
    ):
        pass
