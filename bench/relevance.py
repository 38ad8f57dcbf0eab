"""Relevance benchmark: does search put first what people ask for?

    .venv/bin/python bench/relevance.py                 # over the 100,000-report corpus
    .venv/bin/python bench/relevance.py --reports 1000000

Reads the judged queries of bench/relevance/judgments.toml and asks the API for each,
in-process, on the benchmark's database (bench/common.py: the demo content plus the
sample corpus). Known items (a nickname, a symbol, an acronym, an exact or misspelt
title, a person) are scored by their reciprocal rank in /api/v1/search/'s answer, the
best match first and then each group's results; the mean is the MRR. Topical queries
are scored by nDCG@10 over /api/v1/reports/?q=…, with the graded judgments. The test
suite runs the known-item part over the demo content and a small corpus and holds its
MRR at MIN_MRR or more (tests/peaceplatform/test_relevance.py).
"""

import argparse
import math
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

JUDGMENTS = BASE_DIR / "bench" / "relevance" / "judgments.toml"
MIN_MRR = 0.95
RESULTS = 10  # what a visitor scans: the first ten of each kind


@dataclass
class Scored:
    query: str
    how: str
    score: float  # reciprocal rank, or nDCG@10
    found: list[str]  # the first results, "type:slug" or slugs


def judgments(path: Path = JUDGMENTS) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def search_ranking(client, query: str) -> list[str]:
    """What /api/v1/search/ answers, as "type:slug": its best match, then each group's
    results in order, each item once."""
    response = client.get("/api/v1/search/", {"q": query, "limit": RESULTS})
    if response.status_code != 200:
        raise SystemExit(f"/api/v1/search/?q={query} answered {response.status_code}")
    body = response.json()
    ranking = []
    if body.get("best_match"):
        ranking.append(f"{body['best_match']['type']}:{body['best_match']['slug']}")
    for group in body["groups"]:
        ranking += [f"{group['type']}:{hit['slug']}" for hit in group["results"]]
    return list(dict.fromkeys(ranking))


def reciprocal_rank(ranking: list[str], answer: str) -> float:
    return 1 / (ranking.index(answer) + 1) if answer in ranking else 0.0


def ndcg(ranked: list[str], grades: dict[str, int], depth: int = RESULTS) -> float:
    def dcg(gains):
        return sum((2**gain - 1) / math.log2(position + 2) for position, gain in enumerate(gains))

    ideal = dcg(sorted(grades.values(), reverse=True)[:depth])
    return dcg([grades.get(slug, 0) for slug in ranked[:depth]]) / ideal if ideal else 0.0


def known_items(client, judged: dict) -> list[Scored]:
    scored = []
    for item in judged.get("known", []):
        ranking = search_ranking(client, item["query"])
        answer = f"{item['type']}:{item['answer']}"
        scored.append(
            Scored(item["query"], item["how"], reciprocal_rank(ranking, answer), ranking[:3])
        )
    return scored


def topical(client, judged: dict) -> list[Scored]:
    scored = []
    for item in judged.get("topical", []):
        response = client.get("/api/v1/reports/", {"q": item["query"], "limit": RESULTS})
        if response.status_code != 200:
            raise SystemExit(f"/api/v1/reports/?q={item['query']} answered {response.status_code}")
        ranked = [report["slug"] for report in response.json()["results"]]
        scored.append(Scored(item["query"], "topical", ndcg(ranked, item["grades"]), ranked[:3]))
    return scored


def mean(scored: list[Scored]) -> float:
    return sum(s.score for s in scored) / len(scored) if scored else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100_000, help="corpus size")
    args = parser.parse_args()

    from bench.common import configure, ensure_corpus

    configure(os.environ.get("BENCH_DATABASE_URL"), args.reports)
    import django

    django.setup()
    from django.conf import settings
    from rest_framework.test import APIClient

    from reports.models import Report

    ensure_corpus(args.reports)
    settings.API_ANONYMOUS_RATE = 10**9  # the benchmark is one busy client
    client = APIClient(HTTP_HOST="testserver")
    judged = judgments()
    print(f"Relevance benchmark: {Report.objects.count():,} reports, {JUDGMENTS.name}")
    known, subjects = known_items(client, judged), topical(client, judged)
    print(f"\n{'known item':<58} {'how':<15} {'RR':>5}  first answers")
    for s in known:
        print(f"{s.query[:58]:<58} {s.how:<15} {s.score:5.2f}  {', '.join(s.found)[:80]}")
    print(f"\n{'topical query':<58} {'nDCG@10':>7}  first answers")
    for s in subjects:
        print(f"{s.query[:58]:<58} {s.score:7.2f}  {', '.join(s.found)[:80]}")
    print(f"\nknown items: MRR {mean(known):.3f} over {len(known)} (target {MIN_MRR})")
    print(f"topical: mean nDCG@10 {mean(subjects):.3f} over {len(subjects)}")
    return 0 if mean(known) >= MIN_MRR else 1


if __name__ == "__main__":
    sys.exit(main())
