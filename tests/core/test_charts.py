"""core/charts.py: the axis ends at a round number at or above the largest value, and
the line stays inside the plot."""

import datetime

import pytest

from core.charts import BOTTOM, HEIGHT, TOP, monthly_chart, nice_ceiling


@pytest.mark.parametrize(
    ("value", "top"),
    [(0, 1), (1, 1), (2.3, 3), (7, 10), (210, 250), (1260, 2000), (9300, 10000), (10001, 20000)],
)
def test_the_axis_ends_at_a_round_number_at_or_above_the_value(value, top):
    assert nice_ceiling(value) == top
    assert nice_ceiling(value) >= value


def test_the_line_stays_inside_the_plot_and_ticks_mark_januaries():
    points = [(datetime.date(2021 + m // 12, m % 12 + 1, 1), 3 + m % 2) for m in range(30)]
    chart = monthly_chart(points)
    ys = [float(pair.split(",")[1]) for pair in chart["line"].split()]
    assert min(ys) >= TOP
    assert max(ys) <= HEIGHT - BOTTOM
    assert (chart["top"], chart["middle"]) == (5, 2.5)
    assert [tick["label"] for tick in chart["ticks"]] == [2021, 2022, 2023]
    assert monthly_chart([]) == {}
    assert monthly_chart(points[:1])["single"]


def test_an_even_axis_is_halved_in_whole_numbers():
    chart = monthly_chart([(datetime.date(2023, 5, 1), 9_300)])
    assert (chart["top"], chart["middle"]) == (10_000, 5_000)
