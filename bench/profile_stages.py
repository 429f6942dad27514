"""Where a worker's CPU time goes: cProfile of cleaning and annotating the bundled samples.

    python -m bench.profile_stages      # prints the hot spots, writes the results file

Runs `newsflow.pipeline.read_batch` and `build_batch` in this process (as one worker does)
over every input in `samples/`, after loading the model, and lists the functions with the
most cumulative time.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
from pathlib import Path

from newsflow.extractors import LoadSettings
from newsflow.extractors.cleaning import detect_language
from newsflow.extractors.nlp import load_model
from newsflow.extractors.sources import FetchSettings, plan_inputs
from newsflow.pipeline import build_batch, read_batch

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "throughput_profile.txt"


def main() -> int:
    settings = LoadSettings()
    nlp = load_model()
    detect_language("warm up the language identifier before profiling")
    refs = plan_inputs([str(ROOT / "samples")], settings).refs
    read = read_batch(refs, settings, FetchSettings())
    profile = cProfile.Profile()
    profile.enable()
    batch = build_batch("profile", read, set(), {}, settings, nlp=nlp)
    profile.disable()
    out = io.StringIO()
    out.write(f"build_batch over {len(refs)} sample inputs; CPU s per stage: ")
    out.write(", ".join(f"{k} {v:.2f}" for k, v in batch.stage_cpu_s.items()) + "\n\n")
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(15)
    text = out.getvalue().replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")
    RESULTS.write_text(text)
    print(text[:4000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
