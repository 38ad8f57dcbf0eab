"""The relevance benchmark's known-item part (bench/relevance.py) over the demo content
and a small sample corpus: the item people ask for by name comes first."""

import pytest

from bench import relevance
from tests.facet_reference import load_sample_corpus

pytestmark = pytest.mark.django_db


def test_known_items_come_first(demo, api, settings, fresh_statistics):
    settings.API_ANONYMOUS_RATE = 10**6  # one client asks every judged query
    load_sample_corpus(300)
    scored = relevance.known_items(api, relevance.judgments())
    assert len(scored) >= 25
    misses = [(s.query, round(s.score, 2), s.found) for s in scored if s.score < 1]
    assert relevance.mean(scored) >= relevance.MIN_MRR, misses


def test_the_judged_set_names_items_that_exist(demo):
    """A judgment of a slug that is not in the demo content would score 0 forever."""
    from django.apps import apps

    models = {
        "reports": "reports.Report",
        "events": "events.Event",
        "organizations": "directory.Organization",
        "people": "directory.Person",
    }
    judged = relevance.judgments()
    for item in judged["known"]:
        model = apps.get_model(models[item["type"]])
        assert model.objects.published().filter(slug=item["answer"]).exists(), item
    report_model = apps.get_model("reports.Report")
    for item in judged["topical"]:
        for slug in item["grades"]:
            assert report_model.objects.published().filter(slug=slug).exists(), (item, slug)


def test_the_scores_are_the_textbook_ones():
    assert relevance.reciprocal_rank(["a", "b", "c"], "a") == 1
    assert relevance.reciprocal_rank(["a", "b", "c"], "c") == pytest.approx(1 / 3)
    assert relevance.reciprocal_rank(["a"], "z") == 0
    grades = {"x": 3, "y": 1}
    assert relevance.ndcg(["x", "y", "n"], grades) == pytest.approx(1)
    # y first: (1/1 + 7/log2(3)) / (7/1 + 1/log2(3))
    assert relevance.ndcg(["y", "x"], grades) == pytest.approx(
        (1 + 7 / 1.5849625) / (7 + 1 / 1.5849625)
    )
    assert relevance.ndcg(["n"], grades) == 0
    assert relevance.ndcg(["x"], {}) == 0
