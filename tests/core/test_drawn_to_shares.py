"""search.drawn_to_shares: a facet's estimated counts drawn toward each value's share of
the whole table, as far as the counts stray from those shares no more than chance."""

import random

from core import search

BASE = 100_000  # rows in the base
ROWS = 1_000  # of them counted


def estimates_of(counted: dict) -> dict:
    """What a facet estimates from these counts among ROWS rows: each scaled up."""
    return {value: n * BASE / ROWS for value, n in counted.items()}


def binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(rng.random() < p for _ in range(n))


def test_counts_that_stray_by_chance_only_take_the_tables_shares():
    # 100 states, each on 1 % of the table's rows and of the base's: about ten of the
    # thousand counted rows each, give or take three.
    rng = random.Random(7)  # noqa: S311 - a fixed draw, not a secret
    shares = {f"{n}": 0.01 for n in range(100)}
    counted = {value: binomial(rng, ROWS, 0.01) for value in shares}
    counted = {value: n for value, n in counted.items() if n}
    truth = BASE * 0.01
    raw = estimates_of(counted)
    drawn = search.drawn_to_shares(raw, ROWS, BASE, shares)
    assert max(abs(n - truth) / truth for n in raw.values()) > 0.5  # chance, scaled up
    assert max(abs(n - truth) / truth for n in drawn.values()) < 0.1
    # The largest counts, the ones a facet shows first, were the furthest above.
    top = sorted(raw, key=raw.get, reverse=True)[:15]
    assert all(drawn[value] < raw[value] for value in top)


def test_a_base_far_from_the_table_keeps_its_counts():
    # A tenth of the table each; but "mali" holds 60 % of this base (a search for Mali).
    others = ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
    shares = {value: 0.1 for value in ["mali", *others]}
    counted = {"mali": 600, **{value: 44 for value in others}}
    raw = estimates_of(counted)
    drawn = search.drawn_to_shares(raw, ROWS, BASE, shares)
    assert abs(drawn["mali"] - raw["mali"]) / raw["mali"] < 0.02
    assert all(abs(drawn[v] - raw[v]) / raw[v] < 0.05 for v in counted)


def test_the_shares_are_scaled_to_as_many_values_per_row_as_the_base_holds():
    # Rows of this base hold twice as many of the values as the table's rows do: the
    # shares are read as each value's part of them, not as counts.
    shares = {value: 0.05 for value in "abcdefghij"}
    counted = {value: 100 for value in "abcdefghij"}  # 0.1 of the rows each
    drawn = search.drawn_to_shares(estimates_of(counted), ROWS, BASE, shares)
    assert all(abs(n - BASE * 0.1) < 1e-6 for n in drawn.values())


def test_what_cannot_be_drawn_is_left_as_it_is():
    estimates = {"a": 1200.0, "b": 800.0}
    assert search.drawn_to_shares(estimates, ROWS, BASE, {}) == estimates
    assert search.drawn_to_shares(estimates, 0, BASE, {"a": 0.1}) == estimates
    assert search.drawn_to_shares(estimates, ROWS, 0, {"a": 0.1}) == estimates
    # A value without a share keeps its count; a value no counted row holds is not
    # added, though the table holds it.
    drawn = search.drawn_to_shares(estimates, ROWS, BASE, {"a": 0.01, "c": 0.01})
    assert drawn["b"] == 800.0
    assert "c" not in drawn
    assert drawn["a"] != 1200.0
