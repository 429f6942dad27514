"""Two checkouts' `newsflow ingest DIR` side by side, alternating in one invocation, on the same
N distinct pages (bench/corpus_gen.py): wall time, CPU seconds of the flow process (the
loads) and of the whole tree (the workers too), peak RSS, and the no-change re-run. CPU
seconds hold up on a shared machine where wall time does not.

    python -m bench.ab_checkouts --base /work/main --pages 1000 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench.corpus_gen import write
from bench.local_files import ROOT, _articles, _timed


def _command(checkout: Path) -> list[str]:
    return [str(checkout / ".venv" / "bin" / "newsflow"), "ingest"]


def measure(base: Path, pages: int, rounds: int) -> dict[str, object]:
    sides = {"base": base, "this": ROOT}
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in sides}
    with tempfile.TemporaryDirectory(prefix="newsflow-ab-") as temp:
        folder = Path(temp) / "pages"
        write(pages, folder)
        for round_number in range(rounds):
            order = list(sides) if round_number % 2 == 0 else list(reversed(sides))
            for name in order:
                db = Path(temp) / f"{name}-{round_number}.duckdb"
                print(f"  round {round_number + 1}/{rounds}: {name} …", file=sys.stderr)
                run = _timed([*_command(sides[name]), str(folder), "--db", str(db)], None, 5.0)
                rerun = _timed([*_command(sides[name]), str(folder), "--db", str(db)], None, 5.0)
                count, _ = _articles(db)
                runs[name].append(
                    {
                        "wall_s": run["wall_s"],
                        "cpu_s_self": run["cpu_s_self"],
                        "cpu_s_tree": run["cpu_s_tree"],
                        "peak_rss_self_mb": run["peak_rss_self_mb"],
                        "peak_rss_tree_mb": run["peak_rss_tree_mb"],
                        "rerun_wall_s": rerun["wall_s"],
                        "rerun_cpu_s_self": rerun["cpu_s_self"],
                        "articles": count,
                    }
                )
    summary: dict[str, object] = {"pages": pages, "rounds": rounds, "base": str(base)}
    for name, each in runs.items():
        summary[name] = {
            key: statistics.median(float(r[key]) for r in each)  # type: ignore[arg-type]
            for key in each[0]
        } | {"each": each}
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other checkout (its .venv)")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--results", type=Path)
    arguments = parser.parse_args(argv)
    summary = measure(arguments.base, arguments.pages, arguments.rounds)
    text = json.dumps(summary, indent=2)
    if arguments.results:
        arguments.results.write_text(text + "\n")
    print(json.dumps({k: v for k, v in summary.items() if k not in ("base", "this")}))
    for name in ("base", "this"):
        medians = {k: v for k, v in summary[name].items() if k != "each"}  # type: ignore[attr-defined]
        print(f"  {name}: {medians}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
