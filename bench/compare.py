"""Before and after in the same run: bench/search.py, bench/api.py and
bench/operations.py from two trees (this one, and a worktree of the commit before a
change), taking turns on the same database, and each kind's p95 side by side.

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/compare.py --before /tmp/before --rounds 2

Both trees read BENCH_DATABASE_URL (by default this tree's embedded server's
`peaceplatform_bench_<--reports>`, which bench/search.py creates and loads). The lower p95 of
each tree's rounds is kept: a round that met a busy moment of the machine says less
about the code than the quieter one.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SCRIPTS = {
    "search": "bench/search.py",
    "api": "bench/api.py",
    "operations": "bench/operations.py",
}
# A row of either script's table: the kind, then p50 and p95 in ms.
ROW = re.compile(r"^(?P<kind>[a-z][a-z ()/0-9,-]*?)\s+(?P<p50>[\d.]+)ms\s+(?P<p95>[\d.]+)ms")


def run(tree: Path, script: str, runs: int, env: dict) -> dict[str, tuple[float, float]]:
    """(p50, p95) per kind of one run of `script` in `tree`."""
    python = BASE_DIR / ".venv" / "bin" / "python"
    done = subprocess.run(
        [str(python), script, "--runs", str(runs), "--reports", env["BENCH_REPORTS"]],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    rows = {}
    for line in done.stdout.splitlines():
        match = ROW.match(line)
        if match and not line.startswith("no query"):
            rows[match["kind"].strip()] = (float(match["p50"]), float(match["p95"]))
    # Exit status 1 with a table: a kind over its target, which is a result to compare.
    if done.returncode not in (0, 1) or not rows:
        sys.exit(f"{script} failed in {tree}:\n{done.stderr[-3000:]}")
    return rows


def target(script: str, kind: str) -> float | None:
    """The p95 target (ms), as each script states it."""
    sys.path.insert(0, str(BASE_DIR))
    from bench import api, operations, search

    return {"search": search, "api": api, "operations": operations}[script].target(kind)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the tree before")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--runs", type=int, default=30, help="timed requests per kind")
    parser.add_argument("--only", choices=sorted(SCRIPTS), help="one of the benchmarks")
    parser.add_argument("--reports", type=int, default=100_000, help="corpus size")
    args = parser.parse_args()
    env = dict(os.environ, BENCH_REPORTS=str(args.reports))
    if "BENCH_DATABASE_URL" not in env:
        # This tree's embedded server, started if it is not running: the tree before
        # must read the same database, not start one of its own.
        sys.path.insert(0, str(BASE_DIR))
        from bench.common import database_name
        from peaceplatform import embedded_db

        socket = embedded_db.ensure_running()["HOST"]
        name = database_name(args.reports)
        env["BENCH_DATABASE_URL"] = f"postgres://postgres@/{name}?host={socket}"
    trees = {"before": args.before.resolve(), "after": BASE_DIR}
    best: dict = {}
    middle: dict = {}
    for round_ in range(args.rounds):
        for script, path in SCRIPTS.items():
            if args.only and script != args.only:
                continue
            for name, tree in trees.items():
                print(f"round {round_ + 1}: {script} {name}", file=sys.stderr, flush=True)
                for kind, (p50, p95) in run(tree, path, args.runs, env).items():
                    key = (script, kind)
                    best.setdefault(key, {}).setdefault(name, p95)
                    best[key][name] = min(best[key][name], p95)
                    # The median too, for reading the p95s: a tail moves with the
                    # machine's busy moments, a median much less.
                    middle.setdefault(key, {}).setdefault(name, p50)
                    middle[key][name] = min(middle[key][name], p50)
    print(f"{'bench':<7} {'kind':<17} {'before p95':>10} {'after p95':>10} {'after/before':>12} "
          f"{'target':>7} {'p50 before':>10} {'p50 after':>10}")  # fmt: skip
    failures = []
    for (script, kind), p95 in best.items():
        before, after = p95.get("before"), p95.get("after")
        if before is None or after is None:
            print(f"{script:<7} {kind:<17} {'only in one tree':>35}")
            continue
        goal = target(script, kind)
        ratio = after / before
        shown = f"{goal:5.0f}ms" if goal else f"{'–':>7}"
        medians = middle[(script, kind)]
        print(
            f"{script:<7} {kind:<17} {before:8.1f}ms {after:8.1f}ms {ratio:11.2f}× {shown}"
            f" {medians['before']:8.1f}ms {medians['after']:8.1f}ms"
        )
        if goal and after > goal:
            failures.append(f"{script} {kind}: p95 {after:.1f} ms over {goal:.0f} ms")
        if ratio > 1.2:
            failures.append(f"{script} {kind}: {ratio:.2f}× slower than before")
    for failure in failures:
        print(f"GUARD: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
