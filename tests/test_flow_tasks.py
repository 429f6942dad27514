"""The engine's stages run as Prefect task runs with their arguments handed over unwalked:
Prefect does not look through a batch's rows for futures (a crawl's flow process spent ~40 %
of its CPU there)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import offline_prefect_env

PROBE = """
import json
from prefect import flow
from newsflow.flows import TaskRunner

class Rows(list):
    walked = 0

    def __iter__(self):
        Rows.walked += 1
        return super().__iter__()

rows = Rows(range(1000))

@flow
def probe():
    runner = TaskRunner()
    loaded = runner.call("load", "load-probe", len, rows)
    built = runner.submit("process", "process-probe", len, rows).result()
    return [loaded, built]

print(json.dumps([*probe(), Rows.walked]))
"""


def test_a_stage_gets_its_arguments_as_they_are_and_prefect_does_not_walk_them(
    prefect_server, tmp_path
):
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=offline_prefect_env(tmp_path, prefect_server), capture_output=True, text=True,
        check=True, timeout=300,
    )  # fmt: skip
    loaded, built, walked = json.loads(done.stdout.strip().splitlines()[-1])
    assert (loaded, built) == (1000, 1000)  # the task ran on the very list
    assert walked == 0  # no one iterated it on the way in
