"""How many worker processes a run gets."""

import os
import subprocess
import sys

import pytest

from newsflow.pipeline import default_workers, usable_cores


def test_a_single_batch_runs_in_process():
    assert default_workers(10, 32) == 0


def test_one_worker_per_usable_core_at_most_one_per_batch():
    assert default_workers(64, 32) == min(usable_cores(), 2)
    assert default_workers(10_000, 32) == usable_cores() or usable_cores() == 1


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs Linux CPU affinity")
def test_pinned_to_one_core_means_no_workers():
    code = (
        "import os; os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
        "from newsflow.pipeline import default_workers, usable_cores\n"
        "print(usable_cores(), default_workers(10_000, 32))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["1", "0"], result.stderr
