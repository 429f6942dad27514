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
    for case in ("one_article", "one_article_cold", "thirty_pages"):
        walls = data[case]
        assert 0 < walls["wall_s_min"] <= walls["wall_s_median"] <= walls["wall_s_max"]
    assert isinstance(data["one_article_meets_goal"], bool)


@pytest.mark.slow
def test_local_files_benchmark_compares_whole_commands_and_samples_memory(tmp_path):
    from bench.local_files import main as local_files

    results = tmp_path / "local_files.json"
    assert local_files(["--pages", "6", "--rounds", "1", "--results", str(results)]) == 0
    (measurement,) = json.loads(results.read_text()).values()
    assert measurement["pages"] == 6 and len(measurement["ratio_per_round"]) == 1
    for side in ("baseline", "newsflow"):
        (run,) = measurement[side]["each"]
        assert run["articles"] == 6 and run["peak_rss_tree_mb"] >= run["peak_rss_self_mb"] > 0
        assert run["tree_rss_series_mb"]
    (newsflow,) = measurement["newsflow"]["each"]
    assert newsflow["rerun_fraction"] > 0
    assert len(measurement["load_average"]["before"]) == 3


@pytest.mark.slow
def test_worker_memory_benchmark_reports_both_sides(tmp_path):
    from bench.worker_memory import main as worker_memory

    results = tmp_path / "worker_memory.json"
    assert worker_memory(["--pages", "40", "--results", str(results)]) == 0
    sides = json.loads(results.read_text())["sides"]
    assert [side["memory_zone"] for side in sides] == [False, True]
    for side in sides:
        assert side["articles"] == 40 and len(side["rss_after_each_batch_mb"]) == 2


@pytest.mark.slow
def test_worker_stages_benchmark_reports_every_side_per_page(tmp_path):
    from bench.worker_stages import main as worker_stages

    results = tmp_path / "worker_stages.json"
    assert worker_stages(["--pages", "4", "--batch", "2", "--results", str(results)]) == 0
    data = json.loads(results.read_text())
    sides = data["ms_thread_cpu_per_page"]
    assert len(sides) == 7 and data["pages"] == 4
    for name, stages in sides.items():
        expected = {"clean", "nlp", "events"} if name.startswith("newsflow") else {"clean", "nlp"}
        assert set(stages) == expected | {"total"}, name
        assert stages["total"] > 0


@pytest.mark.slow
def test_nlp_stage_benchmark_reports_words_per_second_of_both_sides(tmp_path):
    from bench.nlp_stage import main as nlp_stage

    results = tmp_path / "nlp_stage.json"
    assert nlp_stage(["--pages", "8", "--rounds", "1", "--results", str(results)]) == 0
    data = json.loads(results.read_text())
    assert data["texts"] == 8 and data["words"] > 1000
    assert all(len(v) == 1 and v[0] > 0 for v in data["words_per_s"].values())
    assert len(data["ratio_newsflow_over_spacy_per_round"]) == 1


@pytest.mark.slow
def test_window_loads_benchmark_stores_the_same_rows_both_ways(capsys):
    from bench.window_loads import main as window_loads

    assert window_loads(["--pages", "70", "--rounds", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same_row_counts"] and data["row_counts"]["articles"] == 70
    assert [len(v) for v in data["cpu_s_per_1000_pages"].values()] == [1, 1]


def test_duckdb_tail_benchmark_reports_one_close_per_window_and_stores_every_row(tmp_path):
    """The synthetic tail bench: a rise per window, and its file holds every page's parts."""
    import duckdb

    from bench.duckdb_tail import run

    rises = run(4, 8, 3_000, 1_000, 2048, "128MB", tmp_path)
    assert len(rises) == 4 and all(isinstance(r, float) for r in rises)
    with duckdb.connect(str(tmp_path / "tail.duckdb"), read_only=True) as connection:
        assert connection.execute(
            "SELECT count(DISTINCT page_id), count(*) FROM pages"
        ).fetchone() == (32, 96)


def test_tree_series_summary_buckets_the_series_by_articles_stored(tmp_path):
    """The run's progress lines date the series' samples: each sample falls in the bucket of
    the articles stored by then."""
    from bench.tree_series import summarise

    (tmp_path / "stdout.log").write_text(
        "newsflow: ingesting 1 input name(s)\n"
        "10:00:00 starting: 0/60\n10:00:10 batch 1: 32/60\n10:00:20 batch 2: 60/60\n"
    )
    (tmp_path / "series.csv").write_text(
        "t_s,tree_mb,own_mb,procs,cpu_tree_s\n"
        "5,1000.0,300.0,3,1.0\n12,1200.0,320.0,3,2.0\n15,1100.0,340.0,3,3.0\n"
        "21,900.0,310.0,1,4.0\n"
    )
    buckets = summarise(tmp_path, bucket=30)
    assert [(b["from_articles"], b["samples"]) for b in buckets] == [(0, 1), (30, 2), (60, 1)]
    assert buckets[1]["tree_median_mb"] == 1150.0 and buckets[1]["flow_max_mb"] == 340.0


def test_every_benchmark_module_imports():
    """A benchmark nobody ran for a while still imports (one imported a removed module)."""
    import importlib
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "bench"
    names = sorted(p.stem for p in folder.glob("*.py") if p.stem not in {"__init__", "__main__"})
    assert "profile_stages" in names
    for name in names:
        importlib.import_module(f"bench.{name}")


def _toy_article(fold: str, wrong: int, right: int) -> dict:
    """An article whose `right` events are true positives and `wrong` false positives, the
    false ones carrying a feature of their own ("dyad=a-")."""
    gold = [{"type": "CONSULT", "actor": "USA", "recipient": "RUS", "note": "met"}] * right
    events = [
        {"key": ["CONSULT", "USA", "RUS"], "features": ["bias", "dyad=ar"], "outcome": "tp"}
    ] * right + [
        {"key": ["ACCUSE", "USA", ""], "features": ["bias", "dyad=a-"], "outcome": "fp"}
    ] * wrong
    return {"key": f"toy-{fold}", "fold": fold, "gold": gold, "events": events}


def test_event_scorer_learns_a_separable_feature_and_drops_only_the_false_events():
    from bench.event_scorer import ceiling, cross_validate, score_fold, train

    articles = [_toy_article("A", wrong=3, right=5), _toy_article("B", wrong=2, right=4)]
    weights = train(articles[0]["events"], penalty=1.0)
    assert weights["dyad=a-"] < 0 < weights["dyad=ar"]
    kept = score_fold(articles[1:], weights, threshold=0.5).scores()
    assert (kept["tp"], kept["fp"], kept["fn"]) == (4, 0, 0)
    assert ceiling(articles[1:])["precision"] == 1.0
    result = cross_validate(articles)
    assert result["kept"] and result["best"]["gain_min"] > 0
    assert result["rules"]["A"]["fp"] == 3


def test_event_scorer_is_not_kept_when_one_fold_has_nothing_to_drop():
    from bench.event_scorer import cross_validate

    articles = [_toy_article("A", wrong=3, right=5), _toy_article("B", wrong=0, right=4)]
    result = cross_validate(articles)
    assert not result["kept"] and result["best"]["gain_min"] <= 0


def test_event_scorer_fills_an_empty_side_with_the_story_country_when_the_gold_has_it():
    from bench.event_scorer import fill_candidates, score_fills, story_country

    gold = [{"type": "ACCUSE", "actor": "USA", "recipient": "USA", "note": "charged"}]
    events = [
        {"key": ["ACCUSE", "USA", ""], "features": ["bias", "dyad=a-"], "outcome": "fp"},
        {"key": ["PROTEST", "USA", "GBR"], "features": ["bias", "dyad=ar"], "outcome": "fp"},
    ]
    article = {"key": "toy", "fold": "A", "gold": gold, "events": events}
    assert story_country([("X", "USA", ""), ("Y", "USA", "GBR")]) == "USA"
    (fill,) = fill_candidates(article)
    assert (fill["index"], fill["key"], fill["outcome"]) == (0, ["ACCUSE", "USA", "USA"], "tp")
    assert "fill_same" in fill["features"]
    assert score_fills([article], {"dyad=a-": 5.0}, 0.5).scores()["tp"] == 1
    assert score_fills([article], {"dyad=a-": -5.0}, 0.5).scores()["tp"] == 0


def test_audit_texts_splits_a_one_document_per_line_file_into_two_parts(tmp_path, capsys):
    from bench import audit_texts, event_audit

    lines = tmp_path / "reports.cor"
    lines.write_bytes(
        "Israel's army raided a camp in Gaza.\n\nPalestinian officials condemned Israel.\n"
        "Caf\xe9 owners in Paris protested.\n".encode("latin-1")
    )
    every = audit_texts.text_lines(lines)
    assert list(every) == ["reports-000", "reports-002", "reports-003"]
    assert every["reports-003"].startswith("Café")  # not UTF-8: read as latin-1
    assert list(audit_texts.text_lines(lines, "A")) == ["reports-000", "reports-002"]
    assert list(audit_texts.text_lines(lines, "B")) == ["reports-003"]
    with pytest.raises(ValueError, match="part"):
        audit_texts.text_lines(lines, "C")

    assert event_audit.main(["--texts", str(lines), "--part", "A"]) == 0
    out = capsys.readouterr().out
    assert "[?] reports-000" in out  # the raid, unlabelled, by the line's id
    assert "reports-003" not in out  # part B


def test_quote_audit_scores_speakers_and_counts_missed_passages(tmp_path, capsys):
    from bench import quote_audit

    lines = tmp_path / "reports.cor"
    lines.write_text(
        'Mayor Anna Berg says the bridge will open in May. "We are two weeks ahead of the plan,"'
        ' she said. The sign read "Closed for works today".\n'
        "Nothing here is quoted at all.\n"
    )
    assert quote_audit.passages('He called it "a bad day for us" and left.') == [
        (14, "a bad day for us")
    ]
    labels = tmp_path / "labels.json"
    assert quote_audit.main(["--texts", str(lines), "--part", "A", "--labels", str(labels),
                             "--new", str(labels)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "[?] reports-000 quote verb:say | 'Anna Berg' = 'Anna Berg'" in out
    rows = json.loads(labels.read_text())["quotes"]
    assert [row["quote"][:12] for row in rows] == ["We are two w", "Closed for w"]
    rows[0].update(label="right", want="Anna Berg")
    rows[1].update(label="not a quote")
    labels.write_text(json.dumps({"quotes": rows}))
    assert quote_audit.main(["--texts", str(lines), "--part", "A", "--labels", str(labels),
                             "--score"]) == 0  # fmt: skip
    # the sign's words are no quote, yet newsflow gives them a speaker: a false positive
    assert "right 1, with a speaker 2, wanted 1; P 0.500 R 1.000" in capsys.readouterr().out
    # a speaker the label does not want is wrong
    rows[0]["want"] = "Someone Else"
    labels.write_text(json.dumps({"quotes": rows}))
    assert quote_audit.main(["--texts", str(lines), "--labels", str(labels), "--score"]) == 0
    assert "right 0, with a speaker 2, wanted 1; P 0.000 R 0.000" in capsys.readouterr().out
    # a passage newsflow makes no quote for is a miss; once made, it is judged as a quote
    passage = {"kind": "passage", "speaker": None, "entity": None}
    assert quote_audit.verdict(passage, {"label": "missed", "want": "Anna Berg"}) == "missed"
    made = {"kind": "quote", "speaker": "Berg", "entity": "Anna Berg"}
    assert quote_audit.verdict(made, {"label": "missed", "want": "Anna Berg"}) == "right"


def test_event_recall_scores_written_mentions_of_whole_reports(tmp_path, capsys):
    from bench import event_recall

    lines = tmp_path / "reports.cor"
    lines.write_text(
        "Israeli troops raided a camp in Gaza. Egypt hosted talks with Jordan.\n"
        "Nothing happened in the town today.\n"
    )
    labels = tmp_path / "labels.json"
    rows = [
        {"article": "reports-000", "type": "ASSAULT", "actor": "ISR", "recipient": "PSE",
         "trigger": "raided", "sentence": "Israeli troops raided a camp"},
        {"article": "reports-000", "type": "CONSULT", "actor": "EGY", "recipient": "JOR",
         "trigger": "talks", "sentence": "Egypt hosted talks with Jordan", "reciprocal": True},
        {"article": "reports-000", "type": "PROTEST", "actor": "ISR", "recipient": "",
         "trigger": "none", "sentence": "a mention no rule makes"},
    ]  # fmt: skip
    labels.write_text(json.dumps({"reports": {"A": ["reports-000"]}, "events": rows}))
    assert event_recall.main(["--texts", str(lines), "--part", "A", "--labels", str(labels),
                              "--show"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "MISS PROTEST ISR" in out  # the show lists what no row matched
    counts = out.split("events: ", 1)[1]
    assert " fn 1 " in counts  # the protest no rule makes is the one miss
    # a report of the other part is not scored
    assert event_recall.main(["--texts", str(lines), "--part", "B", "--labels", str(labels)]) == 0
    assert "0 reports" in capsys.readouterr().out


def test_country_audit_types_judges_noted_rows_again_and_counts_surname_duplicates(capsys):
    from bench.country_audit import noted_kind, type_score

    def row(kind, name):
        return {"key": f"a|{kind}|{name}", "article": "a", "type": kind, "name": name}

    assert noted_kind("type GPE (town tagged PERSON)") == "type"
    assert noted_kind("type FAC ok") is None
    assert noted_kind("canonical: Jan-Michael Gambill") == "canonical"
    assert noted_kind('span: "Australia" of "Western Australia"') == "span"
    labels = {
        "a|PERSON|Hill Top": {**row("PERSON", "Hill Top"), "note": "type GPE"},
        "a|ORG|Gambill": {**row("ORG", "Gambill"), "note": "canonical: Jan-Michael Gambill"},
        "a|GPE|Australia": {**row("GPE", "Australia"), "note": "span: of Western Australia"},
    }
    rows = [row("GPE", "Hill Top"), row("ORG", "Gambill"), row("PERSON", "Jan-Michael Gambill")]
    found = type_score(rows, labels)
    assert found["type"] == {"right": 1}
    assert found["canonical"] == {"still": 1}
    assert found["span"] == {"gone": 1}
    assert found["duplicates"] == 1
