"""The benchmark runs end to end on a tiny N and writes well-formed results (never timed)."""

import json

import pytest

from bench.throughput import main


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_site_and_writes_results(tmp_path):
    results = tmp_path / "throughput.json"
    assert main(["--pages", "6", "--rounds", "1", "--results", str(results)]) == 0
    data = json.loads(results.read_text())
    (measurement,) = data["measurements"]
    assert measurement["pages"] == 6
    assert data["machine"]["cpus"] >= 1
    for side in ("baseline", "newsflow"):
        assert measurement[side]["articles"] == 6
        assert measurement[side]["articles_per_s"] > 0
    newsflow = measurement["newsflow"]
    assert newsflow["rerun_requests"] <= 2  # the sitemap, conditionally; no page again
    assert set(newsflow["stage_cpu_s"]) >= {"read", "clean", "nlp", "events", "store"}
    assert 0 < newsflow["prefect_overhead_fraction"] < 1


@pytest.mark.slow
def test_small_run_benchmark_times_whole_commands_and_writes_results(tmp_path):
    from bench.small_run import main as small_run

    results = tmp_path / "small_run.json"
    assert small_run(["--rounds", "1", "--results", str(results)]) == 0
    data = json.loads(results.read_text())
    assert data["one_article"]["inputs"] == 1 and data["thirty_pages"]["inputs"] == 30
    for case in ("one_article", "thirty_pages"):
        walls = data[case]
        assert 0 < walls["wall_s_min"] <= walls["wall_s_median"] <= walls["wall_s_max"]
    assert isinstance(data["one_article_meets_goal"], bool)
